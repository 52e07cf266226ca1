import { parseNote } from '../../core/ledger/note/parse-note';
import { parseVerifierKey } from '../../core/ledger/note/parse-verifier-key';
import { verifyNote } from '../../core/ledger/note/verify-note';
import type { LedgerDeps } from './ledger-deps';

/** The log at a glance for staff: the published checkpoint and who cosigned it, sizes, witnesses. */
export async function ledgerOverview(
  deps: Pick<LedgerDeps, 'store' | 'origin' | 'vkey' | 'witnesses' | 'requiredCosignatures'>,
) {
  const [published, sequencedSize, tree] = await Promise.all([
    deps.store.latestPublishedCheckpoint(),
    deps.store.sequencedSize(),
    deps.store.tree(),
  ]);
  const witnesses = await Promise.all(
    deps.witnesses.map(async (w) => ({
      name: w.name,
      url: w.url,
      cosignedSize: await deps.store.witnessSize(w.name),
    })),
  );
  let checkpoint = null;
  if (published?.publishedNote) {
    const keys = deps.witnesses.map((w) => parseVerifierKey(w.vkey)).flatMap((k) => (k.ok ? [k.value] : []));
    const verified = verifyNote(published.publishedNote, keys);
    const note = parseNote(published.publishedNote);
    checkpoint = {
      origin: deps.origin,
      size: published.size,
      rootHash: published.root.toString('base64'),
      note: published.publishedNote,
      signedAt: published.signedAt.toISOString(),
      cosignedBy: verified.ok && note.ok ? verified.value.verifiedBy : [],
    };
  }
  return {
    origin: deps.origin,
    vkey: deps.vkey,
    checkpoint,
    sequencedSize,
    integratedSize: tree.size,
    witnesses,
    requiredCosignatures: deps.requiredCosignatures,
  };
}
