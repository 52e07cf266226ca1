import {
  borrowerNotification,
  notificationEmail,
  notificationsForEvent,
  staffNotification,
} from '../../core/notifications/templates';
import type { NotificationsDeps } from './notifications-deps';
import type { PlannedInApp, PlannedMail, RelayEvent } from './notification-store.port';

/**
 * What a batch of application events becomes: for each event of interest, an in-app notification
 * for the borrower (and, for an application entering review or ready to disburse, one for each
 * active loan officer or approver), and an e-mail when the borrower gave an address.
 */
export async function planNotifications({
  events,
  staffOf,
  newId,
}: {
  events: readonly RelayEvent[];
  staffOf: (role: string) => Promise<string[]>;
  newId: () => string;
}): Promise<{ inApp: PlannedInApp[]; mail: PlannedMail[] }> {
  const inApp: PlannedInApp[] = [];
  const mail: PlannedMail[] = [];
  for (const e of events) {
    const wanted = notificationsForEvent({ fromStatus: e.fromStatus, toStatus: e.toStatus });
    if (wanted.borrower) {
      const n = borrowerNotification({
        stage: wanted.borrower,
        reference: e.reference,
        displayName: e.borrowerDisplayName,
      });
      inApp.push({
        id: newId(),
        accountId: e.borrowerAccountId,
        applicationId: e.applicationId,
        eventId: e.eventId,
        ...n,
      });
      if (e.borrowerEmail) {
        const m = notificationEmail({ notification: n, locale: e.borrowerLocale });
        mail.push({
          accountId: e.borrowerAccountId,
          eventId: e.eventId,
          kind: n.kind,
          to: e.borrowerEmail,
          ...m,
        });
      }
    }
    if (wanted.staff) {
      const n = staffNotification({ kind: wanted.staff.kind, reference: e.reference });
      const accounts = new Set<string>();
      for (const role of wanted.staff.roles) for (const a of await staffOf(role)) accounts.add(a);
      for (const accountId of accounts)
        inApp.push({ id: newId(), accountId, applicationId: e.applicationId, eventId: e.eventId, ...n });
    }
  }
  return { inApp, mail };
}

/** One relay pass: notifies every committed event not yet notified (exactly once: see the store). */
export async function relayNotifications(
  deps: Pick<NotificationsDeps, 'store' | 'clock' | 'newId' | 'settings'>,
): Promise<{ processed: number }> {
  let processed = 0;
  // Drain: a pass handles one batch; keep going while batches come back full.
  for (;;) {
    const now = deps.clock();
    const pass = await deps.store.relayPass({
      limit: deps.settings.relayBatch,
      settledBefore: new Date(now.getTime() - deps.settings.settleMs),
      at: now,
      plan: (events, staffOf) => planNotifications({ events, staffOf, newId: deps.newId }),
    });
    processed += pass.processed;
    if (pass.isBusy || pass.processed < deps.settings.relayBatch) return { processed };
  }
}
