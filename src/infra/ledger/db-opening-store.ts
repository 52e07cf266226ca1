import type { Kysely } from 'kysely';
import type { Opening, OpeningStore } from '../../features/ledger/opening-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database } from '../db/database';

/**
 * Openings, envelope-encrypted like all personal data, one sealed value per leaf. Sequencing writes
 * them to `ledger_openings` (key: the leaf hash in hex) in the statement that gives the leaf its index.
 */
export function createDbOpeningStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): OpeningStore {
  return {
    seal: (openings) => cipher.encrypt(JSON.stringify(Object.fromEntries(openings))),
    async forLeaves(leafHashes) {
      const found = new Map<string, Opening>();
      if (leafHashes.length === 0) return found;
      const rows = await db
        .selectFrom('ledger_openings')
        .select('opening_enc')
        .where(
          'commitment',
          'in',
          leafHashes.map((h) => h.toString('hex')),
        )
        .execute();
      for (const r of rows)
        for (const [commitment, opening] of Object.entries(
          JSON.parse(cipher.decrypt(r.opening_enc)) as Record<string, Opening>,
        ))
          found.set(commitment, opening);
      return found;
    },
  };
}
