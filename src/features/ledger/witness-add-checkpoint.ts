import { AppError } from '../../core/errors';
import { verifyConsistency } from '../../core/ledger/merkle/verify-consistency';
import { cosignCheckpoint } from '../../core/ledger/note/cosign-checkpoint';
import { parseAddCheckpoint } from '../../core/ledger/note/parse-add-checkpoint';
import { parseCheckpoint } from '../../core/ledger/note/parse-checkpoint';
import { parseNote } from '../../core/ledger/note/parse-note';
import { parseVerifierKey } from '../../core/ledger/note/parse-verifier-key';
import { verifyNote } from '../../core/ledger/note/verify-note';
import type { LedgerDeps } from './ledger-deps';

/**
 * The witness side of C2SP tlog-witness `add-checkpoint`: checks that the checkpoint is signed by a
 * log this node witnesses and that it extends the last checkpoint cosigned for that log (a
 * consistency proof from the recorded size), records it, and answers a timestamped cosignature line
 * (C2SP tlog-cosignature). A fork — a checkpoint that does not extend the recorded one — is never
 * cosigned. The record moves by compare-and-swap, so concurrent requests cannot both advance it.
 *
 * Errors: WITNESS_UNKNOWN_LOG (404), WITNESS_BAD_SIGNATURE (403), WITNESS_BAD_REQUEST (400),
 * WITNESS_CONFLICT (409, details.size = the recorded size), WITNESS_INCONSISTENT (422).
 */
export async function witnessAddCheckpoint(
  deps: Pick<LedgerDeps, 'witness' | 'clock'>,
  body: string,
): Promise<string> {
  const witness = deps.witness;
  if (witness === undefined) throw new AppError('WITNESS_UNKNOWN_LOG', 'This node witnesses no logs');
  const request = parseAddCheckpoint(body);
  if (!request.ok) throw new AppError('WITNESS_BAD_REQUEST', request.reason);
  const { oldSize, proof, note } = request.value;
  const parsedNote = parseNote(note);
  if (!parsedNote.ok) throw new AppError('WITNESS_BAD_REQUEST', parsedNote.reason);
  const checkpoint = parseCheckpoint(parsedNote.value.text);
  if (!checkpoint.ok) throw new AppError('WITNESS_BAD_REQUEST', checkpoint.reason);
  const { origin, size, root } = checkpoint.value;
  const log = witness.logs.find((l) => l.origin === origin);
  if (log === undefined) throw new AppError('WITNESS_UNKNOWN_LOG');
  const verifier = parseVerifierKey(log.vkey);
  if (!verifier.ok) throw new Error(`configured verifier key for ${origin} is invalid: ${verifier.reason}`);
  const signed = verifyNote(note, [verifier.value]);
  if (!signed.ok) throw new AppError('WITNESS_BAD_SIGNATURE', signed.reason);
  if (oldSize > size) throw new AppError('WITNESS_BAD_REQUEST', 'old size is larger than the checkpoint');

  const known = (await witness.store.get(origin)) ?? { size: 0, root: Buffer.alloc(0) };
  if (known.size !== oldSize) throw new AppError('WITNESS_CONFLICT', undefined, { size: known.size });
  if (oldSize === 0) {
    if (proof.length !== 0) throw new AppError('WITNESS_INCONSISTENT', 'a proof from size 0 is empty');
  } else {
    const check = verifyConsistency({ size1: oldSize, size2: size, root1: known.root, root2: root, proof });
    if (!check.ok) throw new AppError('WITNESS_INCONSISTENT', check.reason);
  }
  const moved = await witness.store.advance({ origin, expectedSize: oldSize, size, root });
  if (!moved.ok) throw new AppError('WITNESS_CONFLICT', undefined, { size: moved.size });
  return cosignCheckpoint({
    checkpointText: parsedNote.value.text,
    timestamp: Math.floor(deps.clock().getTime() / 1000),
    signer: witness.signer,
  });
}
