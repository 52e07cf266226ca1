import type {
  MailOutboxView,
  NotificationList,
  NotificationPreferencesView,
  ReadAllResult,
} from '../../../../src/contracts/notifications.schema';
import { apiRequest } from '../../api/client';

export const fetchNotifications = () => apiRequest<NotificationList>('GET', '/notifications');
export const markNotificationRead = (id: string) =>
  apiRequest<{ ok: true }>('POST', `/notifications/${encodeURIComponent(id)}/read`);
export const markAllNotificationsRead = () => apiRequest<ReadAllResult>('POST', '/notifications/read-all');
export const fetchNotificationPreferences = () =>
  apiRequest<NotificationPreferencesView>('GET', '/notifications/preferences');
export const saveNotificationPreferences = (body: NotificationPreferencesView) =>
  apiRequest<NotificationPreferencesView>('PUT', '/notifications/preferences', { json: body });
export const fetchMailOutbox = () => apiRequest<MailOutboxView>('GET', '/admin/mail-outbox');

/** Other parts of the page (the bell) hear when notifications were read here. */
export const notificationsChanged = new EventTarget();
