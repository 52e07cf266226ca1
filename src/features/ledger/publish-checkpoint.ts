import { consistencyProofPlan } from '../../core/ledger/merkle/consistency-proof-plan';
import { addSignatures } from '../../core/ledger/note/add-signatures';
import { formatAddCheckpoint } from '../../core/ledger/note/format-add-checkpoint';
import { parseNote } from '../../core/ledger/note/parse-note';
import { parseVerifierKey } from '../../core/ledger/note/parse-verifier-key';
import { verifyNote } from '../../core/ledger/note/verify-note';
import type { LedgerDeps } from './ledger-deps';
import { proofFromTiles } from './proof-from-tiles';
import type { WitnessConfig } from './witness-client.port';

/**
 * Collects witness cosignatures on the latest signed checkpoint (C2SP tlog-witness) and publishes it
 * once it carries the required number (as Tessera's WithWitnesses does). Until then the previous
 * published checkpoint stays the one the log serves. Each witness is sent a consistency proof from
 * the size it cosigned last; a 409 tells us its size, and we retry once from there.
 */
export async function publishCheckpoint(
  deps: Pick<LedgerDeps, 'store' | 'witnesses' | 'requiredCosignatures' | 'witnessClient'>,
): Promise<{ size: number; published: boolean; cosignedBy: string[] } | undefined> {
  const latest = await deps.store.latestCheckpoint();
  if (latest === undefined) return undefined;
  if (latest.publishedNote !== null) return { size: latest.size, published: true, cosignedBy: [] };
  const parsed = parseNote(latest.note);
  if (!parsed.ok) throw new Error(`our own checkpoint does not parse: ${parsed.reason}`);

  const cosign = async (witness: WitnessConfig): Promise<string | undefined> => {
    const verifier = parseVerifierKey(witness.vkey);
    if (!verifier.ok || verifier.value.type !== 0x04) return undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const old = await deps.store.witnessSize(witness.name);
      if (old > latest.size) return undefined; // it has cosigned a later checkpoint already
      const proof =
        old === 0 || old === latest.size
          ? []
          : await proofFromTiles(
              deps.store.readTiles.bind(deps.store),
              consistencyProofPlan(old, latest.size),
            );
      let answer;
      try {
        answer = await deps.witnessClient.addCheckpoint(
          witness,
          formatAddCheckpoint({ oldSize: old, proof, note: latest.note }),
        );
      } catch {
        return undefined; // unreachable witness: try again on the next tick
      }
      if (answer.status === 409 && 'size' in answer && answer.size !== undefined && answer.size !== old) {
        await deps.store.setWitnessSize(witness.name, answer.size);
        continue;
      }
      if (answer.status !== 200 || !('body' in answer)) return undefined;
      // Keep only a line that is this witness's valid cosignature of this very checkpoint.
      for (const line of answer.body.split('\n').filter((l) => l !== '')) {
        try {
          const candidate = addSignatures(latest.note, [line]);
          const check = verifyNote(candidate, [verifier.value]);
          if (check.ok && check.value.verifiedBy.includes(witness.name)) {
            await deps.store.setWitnessSize(witness.name, latest.size);
            return `${line}\n`;
          }
        } catch {
          // not a signature line: ignore
        }
      }
      return undefined;
    }
    return undefined;
  };

  const results = await Promise.all(
    deps.witnesses.map(async (w) => ({ name: w.name, line: await cosign(w) })),
  );
  const cosigned = results.filter((r): r is { name: string; line: string } => r.line !== undefined);
  if (cosigned.length < deps.requiredCosignatures)
    return { size: latest.size, published: false, cosignedBy: cosigned.map((c) => c.name) };
  await deps.store.publishCheckpoint(
    latest.size,
    addSignatures(
      latest.note,
      cosigned.map((c) => c.line),
    ),
  );
  return { size: latest.size, published: true, cosignedBy: cosigned.map((c) => c.name) };
}
