import type { Localised, Locale, NotificationKind } from '../../core/notifications/templates';

/** An application event as the relay sees it, with what it needs of the borrower (decrypted). */
export interface RelayEvent {
  eventId: string;
  applicationId: string;
  reference: string;
  fromStatus: string | null;
  toStatus: string;
  at: Date;
  borrowerAccountId: string;
  borrowerDisplayName: string | null;
  borrowerEmail: string | null;
  borrowerLocale: Locale;
}

export interface PlannedInApp {
  id: string;
  accountId: string;
  applicationId: string;
  eventId: string;
  kind: NotificationKind;
  title: Localised;
  body: Localised;
}

export interface PlannedMail {
  accountId: string;
  eventId: string;
  kind: NotificationKind;
  to: string;
  subject: string;
  text: string;
}

export interface NotificationRecord {
  id: string;
  applicationId: string | null;
  kind: string;
  title: Localised;
  body: Localised;
  createdAt: Date;
  readAt: Date | null;
}

export interface MailRecord {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

export interface NotificationPreferences {
  email: string | null;
  locale: Locale;
}

/**
 * The inbox, the mail outbox, preferences and the relay's cursor. Personal data (the body, which may
 * greet by name; e-mail addresses) is encrypted by the adapter.
 */
export interface NotificationStore {
  /**
   * One relay pass, in one transaction: takes the cursor (a relay already in a pass elsewhere makes
   * this one return `{ processed: 0, isBusy: true }`), reads up to `limit` events above it not yet
   * handled, asks `plan` what to write, writes the notifications and mail and marks the events
   * handled, all or nothing. The cursor moves up over handled events older than `settledBefore`
   * (an event committed late with a lower id is still picked up within that window).
   */
  relayPass(input: {
    limit: number;
    settledBefore: Date;
    at: Date;
    plan: (
      events: readonly RelayEvent[],
      staffOf: (role: string) => Promise<string[]>,
    ) => Promise<{ inApp: PlannedInApp[]; mail: PlannedMail[] }>;
  }): Promise<{ processed: number; isBusy: boolean }>;

  inbox(input: {
    accountId: string;
    limit: number;
  }): Promise<{ items: NotificationRecord[]; unread: number }>;
  /** Marks one of the account's notifications read; false when it has none with that id. */
  markRead(input: { accountId: string; id: string; at: Date }): Promise<boolean>;
  markAllRead(input: { accountId: string; at: Date }): Promise<number>;

  preferences(accountId: string): Promise<NotificationPreferences>;
  savePreferences(input: {
    accountId: string;
    preferences: NotificationPreferences;
    at: Date;
  }): Promise<void>;

  /** Leases up to `limit` queued messages due at `now` (each counts an attempt). */
  claimDueMail(input: { now: Date; limit: number; leaseMs: number }): Promise<MailRecord[]>;
  markMailSent(input: { id: string; at: Date }): Promise<void>;
  /** Queues the message again for `nextAttemptAt`, or marks it failed when `nextAttemptAt` is null. */
  markMailFailed(input: { id: string; error: string; nextAttemptAt: Date | null }): Promise<void>;
  listMail(input: { limit: number }): Promise<MailRecord[]>;
}
