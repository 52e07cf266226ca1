import type { ColumnType, Generated } from 'kysely';

/** Notifications: in-app inbox, e-mail outbox, the event cursor. (migration 0013-notifications). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint columns come back as strings. */
type Int8 = ColumnType<string, string | number | bigint, string | number | bigint>;

export interface NotificationsTable {
  id: string;
  account_id: string;
  application_id: string | null;
  event_id: Int8;
  kind: string;
  /** JSON {zh-CN, en}: never personal. */
  title: ColumnType<unknown, string, string>;
  body_enc: string;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface MailOutboxTable {
  id: Generated<string>;
  account_id: string | null;
  event_id: Int8 | null;
  kind: string;
  to_enc: string;
  subject: string;
  body_enc: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Date | null;
  created_at: Timestamp;
  sent_at: Date | null;
  last_error: string | null;
}

export interface NotificationPreferencesTable {
  account_id: string;
  email_enc: string | null;
  email_hmac: string | null;
  locale: 'zh-CN' | 'en';
  updated_at: Timestamp;
}

export interface NotificationRelayCursorTable {
  name: string;
  last_event_id: Int8;
  updated_at: Timestamp;
}

export interface NotificationRelayDoneTable {
  event_id: Int8;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  mail_outbox: MailOutboxTable;
  notification_preferences: NotificationPreferencesTable;
  notification_relay_cursor: NotificationRelayCursorTable;
  notification_relay_done: NotificationRelayDoneTable;
}
