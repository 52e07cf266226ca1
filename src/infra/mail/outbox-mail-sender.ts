import type { MailSender } from '../../features/notifications/mail-sender.port';

/**
 * The development mail adapter: nothing leaves the machine. Every message is already a row of
 * `mail_outbox` (address and body encrypted); "sending" accepts it there, the dispatcher marks it
 * sent, and administrators read it at /admin/mail-outbox.
 */
export function createOutboxMailSender(): MailSender {
  return {
    kind: 'outbox',
    async send() {},
  };
}
