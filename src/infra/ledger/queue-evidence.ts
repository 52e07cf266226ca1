import type { Transaction } from 'kysely';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { Database } from '../db/database';

/**
 * The ledger's outbox: a store puts the leaves attesting a change in `ledger_queue` inside the
 * change's own transaction, so the evidence commits with the change; sequencing gives them their
 * index moments later.
 */
export async function queueEvidence(
  trx: Transaction<Database>,
  evidence: readonly PreparedEvidence[],
): Promise<void> {
  if (evidence.length === 0) return;
  await trx
    .insertInto('ledger_queue')
    .values(
      evidence.map((e) => ({
        entry: e.entry,
        leaf_hash: e.leafHash,
        subject: e.subject,
        openings_enc: e.openings ?? null,
      })),
    )
    .execute();
}
