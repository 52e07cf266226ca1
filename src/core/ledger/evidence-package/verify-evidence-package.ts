import { createHash } from 'node:crypto';
import { canonicalJson, type CanonicalValue } from '../evidence/canonical-json';
import { commitValue } from '../evidence/commit-value';
import { decodeEvidenceLeaf, type EvidenceLeaf } from '../evidence/evidence-leaf';
import { hashLeaf } from '../merkle/hash-leaf';
import { verifyInclusion } from '../merkle/verify-inclusion';
import { formatTlogProof } from '../note/format-tlog-proof';
import type { NoteVerifier } from '../note/note-signer';
import { parseCheckpoint } from '../note/parse-checkpoint';
import { parseNote } from '../note/parse-note';
import { parseTlogProof } from '../note/parse-tlog-proof';
import { parseVerifierKey } from '../note/parse-verifier-key';
import { verifyNote } from '../note/verify-note';
import { evidencePackageFormat, packageFiles } from './package-files';

export interface PackageCheck {
  readonly item: string;
  readonly ok: boolean;
  readonly reason?: string;
}

const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const utf8 = (b: Uint8Array | undefined) => (b === undefined ? undefined : Buffer.from(b).toString('utf8'));

/**
 * Checks an evidence package (its files, already unzipped) offline, with nothing but the log's
 * verifier key: every file the manifest lists has its hash; the manifest is attested by an
 * `evidence.package` leaf; every leaf is in the tree of the checkpoint by its inclusion proof; the
 * checkpoint carries a valid signature of the log (and every other signature line on it verifies
 * under the witness keys the package names or the caller adds); each leaf's record, subject,
 * actor and capture commitments open to the records and openings in the package. Every text must be
 * in its one canonical form, so that no byte can change without a check failing.
 *
 * Returns every check with its outcome; `ok` only when all pass.
 */
export function verifyEvidencePackage(
  files: ReadonlyMap<string, Uint8Array>,
  options: { logVkey: string; witnessVkeys?: readonly string[] },
): { ok: boolean; checks: PackageCheck[] } {
  const checks: PackageCheck[] = [];
  const pass = (item: string) => checks.push({ item, ok: true });
  const fail = (item: string, reason: string) => checks.push({ item, ok: false, reason });
  const done = () => ({ ok: checks.length > 0 && checks.every((c) => c.ok), checks });

  const logKey = parseVerifierKey(options.logVkey);
  if (!logKey.ok || logKey.value.type !== 0x01) {
    fail('log verifier key', logKey.ok ? 'not an Ed25519 note key' : logKey.reason);
    return done();
  }

  // The manifest: canonical JSON listing every covered file with its SHA-256.
  const manifestBytes = files.get(packageFiles.manifest);
  let manifest: {
    format: string;
    origin: string;
    applicationId: string;
    reference: string;
    generatedAt: string;
    files: Record<string, string>;
  };
  try {
    if (manifestBytes === undefined) throw new Error('missing');
    manifest = JSON.parse(utf8(manifestBytes)!) as typeof manifest;
    if (canonicalJson(manifest as unknown as CanonicalValue) !== utf8(manifestBytes))
      throw new Error('not canonical JSON');
    if (manifest.format !== evidencePackageFormat) throw new Error(`unknown format ${manifest.format}`);
    if (typeof manifest.files !== 'object' || manifest.files === null) throw new Error('no file list');
    pass(packageFiles.manifest);
  } catch (e) {
    fail(packageFiles.manifest, (e as Error).message);
    return done();
  }
  for (const [path, hash] of Object.entries(manifest.files)) {
    const bytes = files.get(path);
    if (bytes === undefined) fail(path, 'listed in the manifest but missing');
    else if (sha256Hex(bytes) !== hash) fail(path, 'its SHA-256 differs from the manifest');
    else pass(path);
  }
  const selfVerifying = (p: string) =>
    p === packageFiles.manifest ||
    p === packageFiles.checkpoint ||
    p === packageFiles.anchor ||
    (p.startsWith('entries/') && p.endsWith('.tlog-proof'));
  for (const path of files.keys())
    if (!(path in manifest.files) && !selfVerifying(path)) fail(path, 'not listed in the manifest');

  // The checkpoint: signed by the log; every other signature by a named witness.
  const checkpointNote = utf8(files.get(packageFiles.checkpoint));
  const witnessKeys: NoteVerifier[] = [];
  for (const vkey of [
    ...(utf8(files.get(packageFiles.witnesses)) ?? '').split('\n'),
    ...(options.witnessVkeys ?? []),
  ]) {
    if (vkey.trim() === '') continue;
    const k = parseVerifierKey(vkey.trim());
    if (k.ok) witnessKeys.push(k.value);
    else fail(packageFiles.witnesses, `bad witness key: ${k.reason}`);
  }
  let checkpoint: { origin: string; size: number; root: Buffer } | undefined;
  if (checkpointNote === undefined) fail(packageFiles.checkpoint, 'missing');
  else {
    const note = parseNote(checkpointNote);
    const verified = verifyNote(checkpointNote, [logKey.value, ...witnessKeys]);
    const parsed = note.ok ? parseCheckpoint(note.value.text) : undefined;
    if (!note.ok) fail(packageFiles.checkpoint, note.reason);
    else if (!verified.ok) fail(packageFiles.checkpoint, verified.reason);
    else if (!verified.value.verifiedBy.includes(logKey.value.name))
      fail(packageFiles.checkpoint, 'not signed by the log key');
    else if (verified.value.verifiedBy.length !== note.value.signatures.length)
      fail(packageFiles.checkpoint, 'carries a signature by a key the package does not name');
    else if (!parsed?.ok) fail(packageFiles.checkpoint, parsed?.reason ?? 'not a checkpoint');
    else if (parsed.value.origin !== manifest.origin)
      fail(packageFiles.checkpoint, 'origin differs from the manifest');
    else {
      checkpoint = parsed.value;
      const missing = (options.witnessVkeys ?? []).filter((v) => {
        const k = parseVerifierKey(v);
        return k.ok && !verified.value.verifiedBy.includes(k.value.name);
      });
      if (missing.length > 0) fail(packageFiles.checkpoint, `no cosignature by ${missing.join(', ')}`);
      else pass(packageFiles.checkpoint);
    }
  }

  // Openings: each commitment must open to its value under its salt.
  let openings: Record<string, { of: string; value: string; salt: string }> = {};
  const openingsBytes = files.get(packageFiles.openings);
  try {
    openings = JSON.parse(utf8(openingsBytes) ?? '{}') as typeof openings;
    let bad = 0;
    for (const [commitment, o] of Object.entries(openings))
      if (commitValue(Buffer.from(o.salt, 'base64'), o.value) !== commitment) {
        bad++;
        fail(`${packageFiles.openings} ${commitment.slice(0, 12)}…`, 'does not open to its value');
      }
    if (bad === 0) pass(packageFiles.openings);
  } catch {
    fail(packageFiles.openings, 'not JSON');
  }
  const subjectOpening = Object.entries(openings).find(
    ([, o]) => o.of === 'subject' && o.value === manifest.applicationId,
  );
  const subject = subjectOpening?.[0];
  if (subject === undefined) fail('subject', 'no opening of the application id');

  /** Checks one tlog-proof file: canonical, its note the checkpoint, its leaf included. Returns the leaf. */
  const checkProof = (
    path: string,
    expectIndex?: number,
  ): { leaf: EvidenceLeaf; bytes: Buffer } | undefined => {
    const text = utf8(files.get(path));
    if (text === undefined) return void fail(path, 'missing');
    const proof = parseTlogProof(text);
    if (!proof.ok) return void fail(path, proof.reason);
    const { extra, index, proof: hashes, note } = proof.value;
    if (formatTlogProof(proof.value) !== text) return void fail(path, 'not in canonical form');
    if (expectIndex !== undefined && index !== expectIndex)
      return void fail(path, 'index differs from the file name');
    if (note !== checkpointNote) return void fail(path, 'its checkpoint differs from checkpoint.txt');
    if (extra === undefined) return void fail(path, 'carries no leaf');
    if (checkpoint === undefined) return void fail(path, 'no valid checkpoint to check against');
    const included = verifyInclusion({
      index,
      size: checkpoint.size,
      leafHash: hashLeaf(extra),
      proof: hashes,
      root: checkpoint.root,
    });
    if (!included.ok) return void fail(path, `inclusion proof: ${included.reason}`);
    const leaf = decodeEvidenceLeaf(extra);
    if (!leaf.ok) return void fail(path, `leaf: ${leaf.reason}`);
    if (subject !== undefined && leaf.leaf.subject !== subject)
      return void fail(path, 'the leaf is about another application');
    return { leaf: leaf.leaf, bytes: extra };
  };

  // The anchor: the leaf attesting this manifest.
  const anchor = checkProof(packageFiles.anchor);
  if (anchor !== undefined) {
    if (anchor.leaf.type !== 'evidence.package') fail(packageFiles.anchor, 'not an evidence.package leaf');
    else if (anchor.leaf.attests.record !== sha256Hex(manifestBytes))
      fail(packageFiles.anchor, 'attests another manifest');
    else pass(packageFiles.anchor);
  }

  // Every entry: included, and each hash and commitment in it opens.
  for (const path of [...files.keys()].filter((p) => /^entries\/\d+\.tlog-proof$/.test(p)).sort()) {
    const index = Number(path.slice('entries/'.length, -'.tlog-proof'.length));
    const got = checkProof(path, index);
    if (got === undefined) continue;
    const { leaf, bytes } = got;
    const leafFile = files.get(`entries/${index}.json`);
    if (leafFile === undefined || !Buffer.from(leafFile).equals(bytes)) {
      fail(path, `its leaf differs from entries/${index}.json`);
      continue;
    }
    const record = files.get(`records/${leaf.attests.record}.json`);
    if (record === undefined) {
      fail(path, 'the attested record is not in the package');
      continue;
    }
    if (sha256Hex(record) !== leaf.attests.record) {
      fail(path, `records/${leaf.attests.record}.json is not the record the leaf attests`);
      continue;
    }
    const unopened = [leaf.by.account, leaf.where.device, leaf.where.ip, leaf.where.location].filter(
      (c): c is string => c !== null && !(c in openings),
    );
    if (unopened.length > 0) fail(path, `commitments without opening: ${unopened.length}`);
    else pass(`${path} (${leaf.type}, ${leaf.at})`);
  }
  for (const path of files.keys()) {
    const m = /^entries\/(\d+)\.json$/.exec(path);
    if (m && !files.has(`entries/${m[1]}.tlog-proof`)) fail(path, 'no inclusion proof for this leaf');
  }
  return done();
}
