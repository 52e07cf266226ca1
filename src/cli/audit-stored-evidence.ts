import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { canonicalJson, type CanonicalValue } from '../core/ledger/evidence/canonical-json';
import { decodeEvidenceLeaf } from '../core/ledger/evidence/evidence-leaf';
import { digestOfCanonicalJson } from '../core/ledger/evidence/record-digest';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import { subjectOf } from '../features/ledger/prepare-evidence';
import type { Infrastructure } from '../infra/open-infrastructure';

/** What the stored-evidence audit looked at, and every difference it found. */
export interface StoredEvidenceReport {
  recordings: number;
  documents: number;
  /** Documents whose files the retention job erased (their rows still checked against the ledger). */
  erasedDocuments: number;
  contracts: number;
  problems: string[];
}

interface Attested {
  index: number;
  type: string;
  record: Record<string, unknown>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const parse = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
const same = (a: unknown, b: unknown) =>
  canonicalJson((a ?? null) as CanonicalValue) === canonicalJson((b ?? null) as CanonicalValue);

/**
 * The ledger audit (auditLedger) proves the log is intact; this proves the files the log attests
 * still are what it says. A recording, a document or a signed contract lives outside the log (a file,
 * a blob, an encrypted row), so without this a changed byte there, or a row edited to match, would
 * go unnoticed until someone asked for that one file. For each:
 *
 * - interview recording: the file exists, its SHA-256 and size are its row's, and the row's attested
 *   fields (hash, size, duration, session, interview, start, participants) are those of the
 *   `interview.recording` record at the row's ledger index;
 * - uploaded document: the blob exists and decrypts, its SHA-256 and size are the row's and the
 *   `document.upload` record's;
 * - signed contract: the latest revision decrypts, its SHA-256 is the revision row's and the
 *   `contract.document` (stage `signed`) record's, and every signature verifies against the
 *   platform root (integrity, chain, timestamp).
 *
 * Records are read through their openings and accepted only when they hash to the leaf's digest.
 * Read-only. Lives in the composition root because it reads across features' tables.
 */
export async function auditStoredEvidence({
  infra,
  ledger,
  only = new Set(['recordings', 'documents', 'contracts']),
}: {
  infra: Infrastructure;
  ledger: Pick<LedgerDeps, 'store' | 'openings' | 'secrets'>;
  /** Which kinds to check (all by default); verifying every contract's signatures is the slow part. */
  only?: ReadonlySet<'recordings' | 'documents' | 'contracts'>;
}): Promise<StoredEvidenceReport> {
  const problems: string[] = [];
  const { db } = infra.database;
  const cache = new Map<string, Attested[]>();
  async function attested(applicationId: string): Promise<Attested[]> {
    const known = cache.get(applicationId);
    if (known) return known;
    const entries = await ledger.store.entriesBySubject(subjectOf(ledger, applicationId));
    const openings = await ledger.openings.forLeaves(entries.map((e) => e.leafHash));
    const found: Attested[] = [];
    for (const e of entries) {
      const decoded = decodeEvidenceLeaf(e.entry);
      if (!decoded.ok) continue; // auditLedger reports the leaf itself
      const opening = openings.get(decoded.leaf.attests.record);
      // Only a record that hashes to the leaf's digest counts: the openings table is not trusted.
      if (opening?.kind !== 'record' || digestOfCanonicalJson(opening.json) !== decoded.leaf.attests.record)
        continue;
      found.push({
        index: e.index,
        type: decoded.leaf.type,
        record: JSON.parse(opening.json) as Record<string, unknown>,
      });
    }
    cache.set(applicationId, found);
    return found;
  }
  const fail = (what: string, e: unknown) => problems.push(`${what}: ${(e as Error).message}`);

  const recordings = only.has('recordings')
    ? await db.selectFrom('interview_recordings').selectAll().execute()
    : [];
  for (const r of recordings) {
    const what = `recording ${r.id}`;
    try {
      const bytes = await readFile(r.path).catch(() => undefined);
      if (bytes === undefined) problems.push(`${what}: its file is missing`);
      else {
        if (sha256(bytes) !== r.sha256) problems.push(`${what}: the file's SHA-256 differs from its row`);
        if (bytes.length !== Number(r.size_bytes))
          problems.push(`${what}: the file's size differs from its row`);
      }
      const index = r.ledger_index === null ? null : Number(r.ledger_index);
      const record = (await attested(r.application_id)).find(
        (a) => a.index === index && a.type === 'interview.recording',
      )?.record;
      if (!record) {
        problems.push(`${what}: no interview.recording record of its application at ledger index ${index}`);
        continue;
      }
      const participants = parse(r.participants) as { accountId: string; role: string }[];
      const row: Record<string, unknown> = {
        interviewId: r.interview_id,
        sessionId: r.session_id,
        sha256: r.sha256,
        durationMs: Number(r.duration_ms),
        sizeBytes: Number(r.size_bytes),
        sessionStartedAt: new Date(r.session_started_at).toISOString(),
        participants: participants.map((p) => ({ accountId: p.accountId, role: p.role })),
      };
      for (const [field, value] of Object.entries(row))
        if (!same(record[field], value)) problems.push(`${what}: ${field} differs from the ledger's record`);
    } catch (e) {
      fail(what, e);
    }
  }

  const documents = only.has('documents')
    ? await db
        .selectFrom('documents')
        .innerJoin('applications', 'applications.id', 'documents.application_id')
        .select([
          'documents.id',
          'documents.application_id',
          'documents.blob_key',
          'documents.sha256',
          'documents.size_bytes',
          'applications.personal_data_erased_at',
        ])
        .execute()
    : [];
  let erased = 0;
  for (const d of documents) {
    const what = `document ${d.id}`;
    try {
      // The retention job erases a closed application's files and blanks their keys
      // (docs/personal-data.md); the row's hash stays, as the ledger's record does. Only then.
      const isErased = d.blob_key === '' && d.personal_data_erased_at !== null;
      const bytes = isErased ? undefined : await infra.blobs.get(d.blob_key);
      if (isErased) erased++;
      else if (bytes === undefined) problems.push(`${what}: its blob is missing`);
      else if (sha256(bytes) !== d.sha256 || bytes.length !== Number(d.size_bytes))
        problems.push(`${what}: the blob's SHA-256 or size differs from its row`);
      const record = (await attested(d.application_id)).find(
        (a) => a.type === 'document.upload' && a.record.documentId === d.id,
      )?.record;
      if (!record) problems.push(`${what}: no document.upload record on the ledger`);
      else if (record.sha256 !== d.sha256 || record.sizeBytes !== Number(d.size_bytes))
        problems.push(`${what}: its row differs from the ledger's record`);
    } catch (e) {
      fail(what, e);
    }
  }

  const contracts = only.has('contracts')
    ? await db
        .selectFrom('contracts')
        .select(['id', 'application_id', 'revision'])
        .where('status', '=', 'signed')
        .execute()
    : [];
  for (const c of contracts) {
    const what = `contract ${c.id}`;
    try {
      const pdf = await infra.contracts.store.document(c.id, c.revision);
      if (!pdf) {
        problems.push(`${what}: its signed revision is missing`);
        continue;
      }
      const hash = sha256(pdf);
      const stored = await db
        .selectFrom('contract_revisions')
        .select('sha256')
        .where('contract_id', '=', c.id)
        .where('revision', '=', c.revision)
        .executeTakeFirst();
      if (stored?.sha256 !== hash) problems.push(`${what}: the PDF's SHA-256 differs from its revision row`);
      const record = (await attested(c.application_id)).find(
        (a) => a.type === 'contract.document' && a.record.stage === 'signed' && a.record.contractId === c.id,
      )?.record;
      if (!record) problems.push(`${what}: no signed contract.document record on the ledger`);
      else if (record.pdfSha256 !== hash)
        problems.push(`${what}: the PDF's SHA-256 differs from the ledger's`);
      const checks = await infra.contracts.documents.verify(pdf);
      const bad = checks.filter((k) => !(k.integrity && k.chainValid && k.timestampValid));
      if (!checks.some((k) => k.kind === 'signature')) problems.push(`${what}: the PDF has no signature`);
      if (!checks.some((k) => k.coversWholeDocument))
        problems.push(`${what}: no signature covers the whole file (bytes were added after the last one)`);
      for (const k of bad)
        problems.push(
          `${what}: ${k.kind} ${k.fieldName ?? ''} does not verify (${k.problems.join('; ') || 'invalid'})`,
        );
    } catch (e) {
      fail(what, e);
    }
  }
  return {
    recordings: recordings.length,
    documents: documents.length,
    erasedDocuments: erased,
    contracts: contracts.length,
    problems,
  };
}
