import type { MailSender } from './mail-sender.port';
import type { NotificationStore } from './notification-store.port';

export interface NotificationsDeps {
  store: NotificationStore;
  /** Where mail goes; undefined when it stays queued (production without SMTP_URL). */
  mail: MailSender | undefined;
  clock: () => Date;
  newId: () => string;
  settings: {
    /** The development mail outbox may be read (never in production). */
    isMailOutboxReadable: boolean;
    /** Events are left this long before the cursor moves over them (late commits still found). */
    settleMs: number;
    relayBatch: number;
    /** Delays before the 2nd, 3rd, … attempt of a message; after the last it is failed. */
    mailRetryDelaysMs: readonly number[];
    mailLeaseMs: number;
  };
}
