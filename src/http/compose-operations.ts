import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import { slaPolicy2026v1 } from '../core/operations/sla';
import type { MailSender } from '../features/notifications/mail-sender.port';
import type { NotificationsDeps } from '../features/notifications/notifications-deps';
import { notificationsRoutes } from '../features/notifications/notifications.routes';
import { runNotifier, type NotifierRunner } from '../features/notifications/run-notifier';
import type { OperationsDeps } from '../features/operations/operations-deps';
import { operationsRoutes } from '../features/operations/operations.routes';
import { createOutboxMailSender } from '../infra/mail/outbox-mail-sender';
import { createSmtpMailSender } from '../infra/mail/smtp-mail-sender';
import { createDbNotificationStore } from '../infra/notifications/db-notification-store';
import type { Infrastructure } from '../infra/open-infrastructure';
import type { CapabilityOptions } from './compose-deps';
import { createDbOperationsReadModel } from '../infra/operations/db-operations-read-model';

/**
 * Where notification e-mail goes: SMTP when SMTP_URL (and MAIL_FROM) are set; otherwise the
 * development outbox — except in production, where mail without SMTP stays queued (undefined) and
 * a warning says so at start.
 */
export function chooseMailSender(
  config: Pick<Config, 'mode' | 'smtpUrl' | 'mailFrom'>,
): MailSender | undefined {
  if (config.smtpUrl && config.mailFrom)
    return createSmtpMailSender({ url: config.smtpUrl, from: config.mailFrom });
  return config.mode === 'production' ? undefined : createOutboxMailSender();
}

export function composeNotificationsDeps({
  infra,
  config,
  clock = () => new Date(),
  mail = chooseMailSender(config),
}: {
  infra: Infrastructure;
  config: Config;
  clock?: () => Date;
  mail?: MailSender | undefined;
}): NotificationsDeps {
  return {
    store: createDbNotificationStore({ db: infra.database.db, cipher: infra.cipher }),
    mail,
    clock,
    newId: randomUUID,
    settings: {
      isMailOutboxReadable: config.mode !== 'production',
      settleMs: 10 * 60_000,
      relayBatch: 200,
      mailRetryDelaysMs: [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 60 * 60_000],
      mailLeaseMs: 2 * 60_000,
    },
  };
}

export function composeOperationsDeps({
  infra,
  clock = () => new Date(),
}: {
  infra: Infrastructure;
  clock?: () => Date;
}): OperationsDeps {
  return {
    readModel: createDbOperationsReadModel({ db: infra.database.db }),
    slaPolicy: slaPolicy2026v1,
    clock,
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The notifier (relay of application events, then mail dispatch) of this app; tests call `tick()`. */
    notifier: NotifierRunner;
  }
}

/** Registers the notification and operations routes and runs the notifier until the app closes. */
export async function registerOperations(app: FastifyInstance, options: CapabilityOptions): Promise<void> {
  const { infra, config, clock } = options;
  const notifications = composeNotificationsDeps({ infra, config, clock });
  if (!notifications.mail)
    app.log.warn(
      'SMTP_URL is not set: notification e-mail stays queued in the mail outbox (docs/notifications.md)',
    );
  await app.register(notificationsRoutes, { deps: notifications });
  await app.register(operationsRoutes, { deps: composeOperationsDeps({ infra, clock }) });
  const notifier = runNotifier(notifications, {
    intervalMs: 2_000,
    onError: (e) => app.log.error({ err: e }, 'notification relay failed'),
  });
  app.decorate('notifier', notifier);
  app.addHook('onClose', () => notifier.stop());
}
