/**
 * Sends one e-mail message. The contract:
 *
 * - `send({ to, subject, text })` resolves once the server has accepted the message for delivery
 *   (for SMTP: the 250 answer to the end of DATA), never earlier. The subject and text are UTF-8; the
 *   adapter encodes them for the wire.
 * - It rejects with a `MailDeliveryError`: `isRetryable` true for what may pass later (the server
 *   unreachable, a time-out, a 4xx answer), false for what never will (a 5xx answer: the address
 *   refused, authentication rejected). Anything else thrown counts as retryable.
 * - Delivery is at least once: a message whose acceptance was lost on the way back is sent again.
 * - `kind` says where mail goes: 'outbox' (development: nothing leaves; the message stays in the
 *   outbox table for administrators to read) or 'smtp'.
 */
export interface MailSender {
  readonly kind: 'outbox' | 'smtp';
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly isRetryable: boolean,
    /** The SMTP reply code, when the server answered. */
    readonly replyCode?: number,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}
