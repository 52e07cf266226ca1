import type { Kysely } from 'kysely';
import { maskMobile } from '../../core/identity/mask';
import type { SmsOutbox, SmsSender } from '../../features/identity/sms-sender.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database } from '../db/database';

/**
 * The development SMS adapter: messages go to an outbox table (number and text encrypted, a masked
 * number beside them) instead of a gateway; administrators read it in the console.
 */
export function createOutboxSmsSender({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): SmsSender & SmsOutbox {
  return {
    provider: 'dev-outbox',
    async send({ mobile, text, purpose }) {
      const row = await db
        .insertInto('sms_outbox')
        .values({
          mobile_enc: cipher.encrypt(mobile),
          mobile_masked: maskMobile(mobile),
          text_enc: cipher.encrypt(text),
          purpose,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { messageId: String(row.id) };
    },
    async list({ limit }) {
      const rows = await db.selectFrom('sms_outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({
        id: String(r.id),
        mobileMasked: r.mobile_masked,
        text: cipher.decrypt(r.text_enc),
        purpose: r.purpose,
        sentAt: r.created_at,
      }));
    },
  };
}
