import { MailDeliveryError } from './mail-sender.port';
import type { NotificationsDeps } from './notifications-deps';

/** One line of an error for the outbox row (no addresses: the SMTP adapter's messages carry none). */
const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 500);

/**
 * Sends the queued mail that is due: each message leased, sent, then marked sent; a retryable
 * failure is queued again after the next delay of `mailRetryDelaysMs` (and failed after the last),
 * a permanent one is failed at once. Without a sender (production without SMTP_URL) mail waits.
 */
export async function dispatchMail(
  deps: Pick<NotificationsDeps, 'store' | 'mail' | 'clock' | 'settings'>,
  { limit = 20 }: { limit?: number } = {},
): Promise<{ sent: number; failed: number; retried: number }> {
  const result = { sent: 0, failed: 0, retried: 0 };
  const sender = deps.mail;
  if (!sender) return result;
  const due = await deps.store.claimDueMail({ now: deps.clock(), limit, leaseMs: deps.settings.mailLeaseMs });
  for (const m of due) {
    try {
      await sender.send({ to: m.to, subject: m.subject, text: m.text });
      await deps.store.markMailSent({ id: m.id, at: deps.clock() });
      result.sent++;
    } catch (e) {
      const isRetryable = !(e instanceof MailDeliveryError) || e.isRetryable;
      const delay = deps.settings.mailRetryDelaysMs[m.attempts - 1];
      const next = isRetryable && delay !== undefined ? new Date(deps.clock().getTime() + delay) : null;
      await deps.store.markMailFailed({ id: m.id, error: describe(e), nextAttemptAt: next });
      if (next) result.retried++;
      else result.failed++;
    }
  }
  return result;
}
