import { isCaseworker, type Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { decodeEvidenceLeaf } from '../../core/ledger/evidence/evidence-leaf';
import { formatTlogProof } from '../../core/ledger/note/format-tlog-proof';
import type { LedgerDeps } from './ledger-deps';
import { subjectOf } from './prepare-evidence';
import { proveInclusion } from './prove-inclusion';

/**
 * A receipt for one entry: a C2SP tlog-proof (index, inclusion proof, cosigned checkpoint) with the
 * leaf itself as `extra`, so the file alone proves the step was logged. Borrowers get receipts for
 * their own applications' entries only; caseworkers for any.
 */
export async function entryReceipt(
  deps: Pick<LedgerDeps, 'store' | 'secrets' | 'applications'>,
  { actor, index }: { actor: Actor; index: number },
): Promise<string> {
  const [entry] = await deps.store.readEntries(index, index + 1);
  if (entry === undefined) throw new AppError('LEDGER_ENTRY_NOT_FOUND');
  if (!isCaseworker(actor.role)) {
    const decoded = decodeEvidenceLeaf(entry.entry);
    const mine = await deps.applications.ofBorrower(actor.accountId);
    if (!decoded.ok || !mine.some((a) => subjectOf(deps, a.id) === decoded.leaf.subject))
      throw new AppError('LEDGER_ENTRY_NOT_FOUND');
  }
  const proof = await proveInclusion(deps, { index });
  return formatTlogProof({ extra: entry.entry, index, proof: proof.proof, note: proof.checkpoint! });
}
