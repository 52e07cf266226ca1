/**
 * Sending a text message (短信). The production adapter is an SMS gateway (contract in
 * docs/identity-authority.md, "SMS"); the development adapter writes to an outbox table that
 * administrators read in the console, so a tester sees the code without a phone.
 */
export interface SmsSender {
  readonly provider: string;
  send(input: {
    mobile: string;
    text: string;
    purpose: 'identity_phone_code' | 'guarantor_invitation' | 'interview_reminder';
  }): Promise<{ messageId: string }>;
}

export interface SmsOutboxMessage {
  readonly id: string;
  readonly mobileMasked: string;
  readonly text: string;
  readonly purpose: string;
  readonly sentAt: Date;
}

/** The development outbox's reading side (undefined with a real gateway). */
export interface SmsOutbox {
  list(input: { limit: number }): Promise<SmsOutboxMessage[]>;
}
