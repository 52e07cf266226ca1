import type { Kysely } from 'kysely';
import type { Opening, OpeningStore } from '../../features/ledger/opening-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database } from '../db/database';
import { createNaturalBatcher } from '../db/natural-batcher';

type Openings = readonly { commitment: string; opening: Opening }[];

/** Openings, envelope-encrypted like all personal data; a commitment's opening is written once. */
export function createDbOpeningStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): OpeningStore {
  // Concurrent requests' openings go in one insert (natural batching, decision 0004).
  const put = createNaturalBatcher<Openings, void>({
    run: async (batches) => {
      const unique = new Map(batches.flat().map((o) => [o.commitment, o.opening]));
      await db
        .insertInto('ledger_openings')
        .values(
          [...unique].map(([commitment, opening]) => ({
            commitment,
            kind: opening.kind === 'record' ? 'record' : opening.of,
            opening_enc: cipher.encrypt(JSON.stringify(opening)),
          })),
        )
        .onConflict((oc) => oc.column('commitment').doNothing())
        .execute();
      return batches.map(() => undefined);
    },
    maxBatch: 256,
  });
  return {
    async put(openings) {
      if (openings.length > 0) await put(openings);
    },
    async get(commitments) {
      if (commitments.length === 0) return new Map();
      const rows = await db
        .selectFrom('ledger_openings')
        .select(['commitment', 'opening_enc'])
        .where('commitment', 'in', [...commitments])
        .execute();
      return new Map(rows.map((r) => [r.commitment, JSON.parse(cipher.decrypt(r.opening_enc)) as Opening]));
    },
  };
}
