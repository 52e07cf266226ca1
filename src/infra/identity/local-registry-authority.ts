import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { AppError } from '../../core/errors';
import type {
  AuthorityAnswer,
  IdentityAuthority,
  IdentityRegistry,
} from '../../features/identity/identity-authority.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database } from '../db/database';

/** Names compare trimmed, with the middle-dot variants of minority names unified. */
const normaliseName = (name: string) => name.trim().replace(/[•・]/g, '·');

/**
 * The identity authority answered from a local registry table, in the shape the national service
 * answers (docs/identity-authority.md): for demos, tests, and testers in development mode. Its
 * "response" is the canonical JSON it would have received from the service (without the photo bytes,
 * whose own SHA-256 it carries), and that is what `responseSha256` hashes.
 */
export function createLocalRegistryAuthority({
  db,
  cipher,
  clock = () => new Date(),
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
  clock?: () => Date;
}): IdentityAuthority & IdentityRegistry {
  const provider = 'local-registry';
  return {
    provider,

    async check({ name, idNumber, wantsPhoto = false }): Promise<AuthorityAnswer> {
      const requestedAt = clock();
      let row;
      try {
        row = await db
          .selectFrom('identity_registry')
          .select(['name_hmac', 'photo_enc'])
          .where('id_number_hmac', '=', cipher.lookupHash('id_number', idNumber.toUpperCase()))
          .executeTakeFirst();
      } catch {
        throw new AppError('IDENTITY_AUTHORITY_UNAVAILABLE');
      }
      const verdict = !row
        ? 'no_record'
        : row.name_hmac === cipher.lookupHash('name', normaliseName(name))
          ? 'consistent'
          : 'inconsistent';
      // The registered photo goes only with a consistent answer, as the service does.
      const photo =
        verdict === 'consistent' && wantsPhoto && row?.photo_enc
          ? cipher.decryptBytes(Buffer.from(row.photo_enc))
          : undefined;
      const reference = randomUUID();
      const answeredAt = clock();
      const response = JSON.stringify({
        provider,
        reference,
        result: { consistent: '1', inconsistent: '2', no_record: '3' }[verdict],
        photo: photo ? { sha256: createHash('sha256').update(photo).digest('hex') } : null,
        answeredAt: answeredAt.toISOString(),
      });
      return {
        provider,
        verdict,
        reference,
        registeredPhoto: photo,
        requestedAt,
        answeredAt,
        responseSha256: createHash('sha256').update(response).digest('hex'),
      };
    },

    async register({ name, idNumber, photo, source, registeredBy }) {
      const clean = normaliseName(name);
      const number = idNumber.toUpperCase();
      const values = {
        id_number_hmac: cipher.lookupHash('id_number', number),
        id_number_enc: cipher.encrypt(number),
        name_enc: cipher.encrypt(clean),
        name_hmac: cipher.lookupHash('name', clean),
        photo_enc: photo ? cipher.encryptBytes(Buffer.from(photo)) : null,
        source,
        registered_by: registeredBy ?? null,
      };
      await db
        .insertInto('identity_registry')
        .values(values)
        .onConflict((oc) =>
          oc.column('id_number_hmac').doUpdateSet({
            id_number_enc: values.id_number_enc,
            name_enc: values.name_enc,
            name_hmac: values.name_hmac,
            photo_enc: values.photo_enc,
            source: values.source,
            registered_by: values.registered_by,
            updated_at: sql`now()`,
          }),
        )
        .execute();
    },
  };
}
