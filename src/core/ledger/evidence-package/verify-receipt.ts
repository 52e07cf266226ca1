import { decodeEvidenceLeaf, type EvidenceLeaf } from '../evidence/evidence-leaf';
import { hashLeaf } from '../merkle/hash-leaf';
import { verifyInclusion } from '../merkle/verify-inclusion';
import { formatTlogProof } from '../note/format-tlog-proof';
import { parseCheckpoint } from '../note/parse-checkpoint';
import { parseTlogProof } from '../note/parse-tlog-proof';
import { parseVerifierKey } from '../note/parse-verifier-key';
import { verifyNote } from '../note/verify-note';
import type { PackageCheck } from './verify-evidence-package';

/**
 * Checks one receipt (a C2SP tlog-proof whose `extra` is the leaf) offline: canonical form, the
 * checkpoint's log signature (and the given witnesses' cosignatures), and the leaf's inclusion in
 * that checkpoint's tree. What a borrower can check with nothing but the log's public key.
 */
export function verifyReceipt(
  text: string,
  options: { logVkey: string; witnessVkeys?: readonly string[] },
): { ok: boolean; checks: PackageCheck[]; leaf?: EvidenceLeaf; index?: number; size?: number } {
  const fail = (item: string, reason: string) => ({ ok: false, checks: [{ item, ok: false, reason }] });
  const logKey = parseVerifierKey(options.logVkey);
  if (!logKey.ok || logKey.value.type !== 0x01) return fail('log verifier key', 'not an Ed25519 note key');
  const witnessKeys = [];
  for (const v of options.witnessVkeys ?? []) {
    const k = parseVerifierKey(v);
    if (!k.ok) return fail('witness verifier key', k.reason);
    witnessKeys.push(k.value);
  }
  const proof = parseTlogProof(text);
  if (!proof.ok) return fail('receipt', proof.reason);
  if (formatTlogProof(proof.value) !== text) return fail('receipt', 'not in canonical form');
  const { extra, index, proof: hashes, note } = proof.value;
  const signed = verifyNote(note, [logKey.value, ...witnessKeys]);
  if (!signed.ok) return fail('checkpoint', signed.reason);
  if (!signed.value.verifiedBy.includes(logKey.value.name))
    return fail('checkpoint', 'not signed by the log key');
  const missing = witnessKeys.filter((k) => !signed.value.verifiedBy.includes(k.name)).map((k) => k.name);
  if (missing.length > 0) return fail('checkpoint', `no cosignature by ${missing.join(', ')}`);
  const checkpoint = parseCheckpoint(signed.value.text);
  if (!checkpoint.ok) return fail('checkpoint', checkpoint.reason);
  if (extra === undefined) return fail('leaf', 'the receipt carries no leaf');
  const included = verifyInclusion({
    index,
    size: checkpoint.value.size,
    leafHash: hashLeaf(extra),
    proof: hashes,
    root: checkpoint.value.root,
  });
  if (!included.ok) return fail('inclusion proof', included.reason);
  const leaf = decodeEvidenceLeaf(extra);
  if (!leaf.ok) return fail('leaf', leaf.reason);
  return {
    ok: true,
    checks: [
      { item: 'checkpoint', ok: true },
      { item: 'inclusion proof', ok: true },
      { item: `leaf ${index} (${leaf.leaf.type}, ${leaf.leaf.at})`, ok: true },
    ],
    leaf: leaf.leaf,
    index,
    size: checkpoint.value.size,
  };
}
