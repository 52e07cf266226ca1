import { createHash } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { canonicalJson, type CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import { decodeEvidenceLeaf } from '../../core/ledger/evidence/evidence-leaf';
import { evidencePackageFormat, packageFiles } from '../../core/ledger/evidence-package/package-files';
import { inclusionProofPlan } from '../../core/ledger/merkle/inclusion-proof-plan';
import { formatTlogProof } from '../../core/ledger/note/format-tlog-proof';
import { integrateLedger } from './integrate-ledger';
import type { LedgerDeps } from './ledger-deps';
import { type Capture, subjectOf } from './prepare-evidence';
import { proofFromTiles } from './proof-from-tiles';
import { publishCheckpoint } from './publish-checkpoint';
import { recordEvidence } from './record-evidence';
import { zipEvidencePackage } from './zip-evidence-package';

/** How long the package waits for its own anchor to be in a published checkpoint. */
const PUBLISH_TIMEOUT_MS = 15_000;

const readme = `mianqian evidence package / 面签存证包

中文：本包含有一笔贷款在证据账本（RFC 6962 默克尔日志）中的全部记录。
检查方法：mianqian verify <本文件.zip> --vkey <日志公钥文件>
（公钥可在 /ledger/vkey 获取，应通过独立渠道核对）。
检查内容：每条记录的包含证明、检查点签名与见证人联署、记录与承诺的打开值、清单中每个文件的 SHA-256。
openings.json 含个人信息（IP 地址、设备），仅供法院与审计使用。

English: this package holds every record of one loan in the evidence ledger (an RFC 6962 Merkle log).
Check it with: mianqian verify <this.zip> --vkey <log verifier key file>
(the key is served at /ledger/vkey; compare it through an independent channel).
It checks each leaf's inclusion proof, the checkpoint's signature and witness cosignatures, that each
record and commitment opens, and the SHA-256 of every file in the manifest.
openings.json holds personal data (IP addresses, devices): for courts and auditors only.
`;

/**
 * The evidence package of one loan, for staff: every leaf of the application with its inclusion
 * proof, the records they attest and the openings of their commitments, a cosigned checkpoint, and
 * a manifest of it all — itself anchored in the log (an `evidence.package` leaf) before the
 * package is handed out, so every byte is covered by a hash, a proof or a signature.
 */
export async function buildEvidencePackage(
  deps: LedgerDeps,
  { actor, applicationId, capture }: { actor: Actor; applicationId: string; capture: Capture },
): Promise<{ filename: string; bytes: Buffer }> {
  const app = await deps.applications.find(applicationId);
  if (app === undefined) throw new AppError('APPLICATION_NOT_FOUND');
  const subject = subjectOf(deps, applicationId);
  await deps.store.sequenceQueued();
  const entries = await deps.store.entriesBySubject(subject);

  const files = new Map<string, Uint8Array>();
  const wanted = new Set<string>();
  for (const e of entries) {
    const decoded = decodeEvidenceLeaf(e.entry);
    if (!decoded.ok) throw new Error(`ledger entry ${e.index} is not a valid leaf: ${decoded.reason}`);
    const { leaf } = decoded;
    files.set(`entries/${e.index}.json`, e.entry);
    for (const c of [
      leaf.subject,
      leaf.by.account,
      leaf.where.device,
      leaf.where.ip,
      leaf.where.location,
      leaf.attests.record,
    ])
      if (c !== null) wanted.add(c);
  }
  const opened = await deps.openings.forLeaves(entries.map((e) => e.leafHash));
  const openings: Record<string, { of: string; value: string; salt: string }> = {};
  for (const [commitment, o] of opened) {
    if (!wanted.has(commitment)) continue;
    if (o.kind === 'record') files.set(`records/${commitment}.json`, Buffer.from(o.json, 'utf8'));
    else openings[commitment] = { of: o.of, value: o.value, salt: o.salt };
  }
  files.set(packageFiles.openings, Buffer.from(canonicalJson(openings), 'utf8'));
  files.set(packageFiles.witnesses, Buffer.from(deps.witnesses.map((w) => `${w.vkey}\n`).join(''), 'utf8'));
  files.set(packageFiles.readme, Buffer.from(readme, 'utf8'));

  const manifest = {
    format: evidencePackageFormat,
    origin: deps.origin,
    applicationId,
    reference: app.reference,
    generatedAt: deps.clock().toISOString(),
    files: Object.fromEntries(
      [...files.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([p, b]) => [p, createHash('sha256').update(b).digest('hex')]),
    ),
  } satisfies CanonicalValue;
  const [anchor] = await recordEvidence(deps, [
    {
      type: 'evidence.package',
      applicationId,
      actor: { accountId: actor.accountId, role: actor.role },
      capture,
      record: manifest,
      at: deps.clock(),
    },
  ]);

  // Wait for a published checkpoint that covers the anchor (integrating ourselves rather than idling).
  const deadline = Date.now() + PUBLISH_TIMEOUT_MS;
  let published = await deps.store.latestPublishedCheckpoint();
  while (published === undefined || published.size <= anchor!.index) {
    if (Date.now() > deadline)
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        'The ledger has not published a checkpoint in time; try again',
      );
    await integrateLedger(deps);
    await publishCheckpoint(deps);
    published = await deps.store.latestPublishedCheckpoint();
    if (published === undefined || published.size <= anchor!.index)
      await new Promise((r) => setTimeout(r, 100));
  }
  const note = published.publishedNote!;
  const readTiles = deps.store.readTiles.bind(deps.store);
  const proofOf = async (index: number, entry: Buffer) =>
    formatTlogProof({
      extra: entry,
      index,
      proof: await proofFromTiles(readTiles, inclusionProofPlan(index, published.size)),
      note,
    });

  files.set(packageFiles.manifest, Buffer.from(canonicalJson(manifest), 'utf8'));
  files.set(packageFiles.checkpoint, Buffer.from(note, 'utf8'));
  const [anchorEntry] = await deps.store.readEntries(anchor!.index, anchor!.index + 1);
  files.set(packageFiles.anchor, Buffer.from(await proofOf(anchor!.index, anchorEntry!.entry), 'utf8'));
  for (const e of entries)
    files.set(`entries/${e.index}.tlog-proof`, Buffer.from(await proofOf(e.index, e.entry), 'utf8'));
  return { filename: `evidence-${app.reference}.zip`, bytes: zipEvidencePackage(files) };
}
