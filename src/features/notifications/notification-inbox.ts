import type {
  MailOutboxView,
  NotificationList,
  NotificationPreferencesView,
  NotificationView,
} from '../../contracts/notifications.schema';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { NotificationsDeps } from './notifications-deps';
import type { NotificationRecord } from './notification-store.port';

const view = (n: NotificationRecord): NotificationView => ({
  id: n.id,
  applicationId: n.applicationId,
  kind: n.kind,
  title: n.title,
  body: n.body,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

/** The caller's notifications, newest first, and how many are unread. */
export async function listMyNotifications({
  deps,
  actor,
}: {
  deps: Pick<NotificationsDeps, 'store'>;
  actor: Actor;
}): Promise<NotificationList> {
  const { items, unread } = await deps.store.inbox({ accountId: actor.accountId, limit: 100 });
  return { items: items.map(view), unread };
}

/** Marks one of the caller's notifications read (someone else's is NOTIFICATION_NOT_FOUND). */
export async function markNotificationRead({
  deps,
  actor,
  id,
}: {
  deps: Pick<NotificationsDeps, 'store' | 'clock'>;
  actor: Actor;
  id: string;
}): Promise<void> {
  if (!(await deps.store.markRead({ accountId: actor.accountId, id, at: deps.clock() })))
    throw new AppError('NOTIFICATION_NOT_FOUND');
}

export async function markAllNotificationsRead({
  deps,
  actor,
}: {
  deps: Pick<NotificationsDeps, 'store' | 'clock'>;
  actor: Actor;
}): Promise<{ marked: number }> {
  return { marked: await deps.store.markAllRead({ accountId: actor.accountId, at: deps.clock() }) };
}

export async function readPreferences({
  deps,
  actor,
}: {
  deps: Pick<NotificationsDeps, 'store'>;
  actor: Actor;
}): Promise<NotificationPreferencesView> {
  return deps.store.preferences(actor.accountId);
}

/** Saves the caller's e-mail address (null: in-app only) and locale; the address is trimmed and kept as given. */
export async function savePreferences({
  deps,
  actor,
  input,
}: {
  deps: Pick<NotificationsDeps, 'store' | 'clock'>;
  actor: Actor;
  input: NotificationPreferencesView;
}): Promise<NotificationPreferencesView> {
  const preferences = { email: input.email?.trim() || null, locale: input.locale };
  await deps.store.savePreferences({ accountId: actor.accountId, preferences, at: deps.clock() });
  return preferences;
}

/** Administrators read the development mail outbox (DEVELOPMENT_ONLY in production). */
export async function listMailOutbox({
  deps,
  limit = 100,
}: {
  deps: Pick<NotificationsDeps, 'store' | 'settings'>;
  limit?: number;
}): Promise<MailOutboxView> {
  if (!deps.settings.isMailOutboxReadable) throw new AppError('DEVELOPMENT_ONLY');
  const items = await deps.store.listMail({ limit });
  return {
    items: items.map((m) => ({
      id: m.id,
      kind: m.kind,
      to: m.to,
      subject: m.subject,
      text: m.text,
      status: m.status,
      attempts: m.attempts,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
      lastError: m.lastError,
    })),
  };
}
