import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditStoredEvidence } from '../../src/cli/audit-stored-evidence';
import { contractCommand } from '../../src/cli/contract-command';
import { verifyCommand } from '../../src/cli/verify-command';
import { auditLedger } from '../../src/features/ledger/audit-ledger';
import type { LedgerDeps } from '../../src/features/ledger/ledger-deps';
import { composeLedgerDeps } from '../../src/http/compose-deps';
import { findSignatureDictionaries } from '../../src/infra/pki/find-signature-dictionaries';
import { buildEvidence, type BuiltEvidence } from '../support/tamper-evidence-fixture';
import { createTestPlatform, dbTargets, type TestPlatform } from '../support/test-platform';

/**
 * Tamper evidence (issue item 8; security.md row 13: 100% of tampering detected). Real evidence is
 * built through the real code paths (tests/support/tamper-evidence-fixture.ts); then hundreds of
 * random tamperings, each an actual change, each undone before the next: ledger rows (a leaf's bytes,
 * its hash, its index, its subject column, a deletion, two leaves swapped, a tile, the tree head, a checkpoint's size,
 * root, note or published note), any byte of the signed contract PDF (anywhere, inside a signature's
 * /Contents, inside a /ByteRange, appended or cut), the stored contract revision, a byte of the
 * interview recording or a field of its row, a document blob or row, and any byte of the evidence
 * package. Each must be caught by one of the real checkers: `mianqian ledger audit` (auditLedger and
 * auditStoredEvidence, called in-process as the command calls them), `mianqian contract verify` plus
 * the PDF's SHA-256 against the ledger's `contract.document` record (what a court does with a
 * contract and its evidence package), or `mianqian verify` on the package.
 *
 * MIANQIAN_TAMPER_SEED replays a run; MIANQIAN_TAMPER_RUNS sets the number of tamperings per target.
 */

const seed = Number(process.env.MIANQIAN_TAMPER_SEED ?? Date.now() % 2 ** 31);
const runs = Number(process.env.MIANQIAN_TAMPER_RUNS ?? 200);

const kinds = [
  'ledger.entry-byte',
  'ledger.leaf-hash-byte',
  'ledger.entry-index',
  'ledger.entry-delete',
  'ledger.entry-subject',
  'ledger.entries-swap',
  'ledger.tile-byte',
  'ledger.tile-delete',
  'ledger.tree-root-byte',
  'ledger.tree-size',
  'ledger.checkpoint-size',
  'ledger.checkpoint-root-byte',
  'ledger.checkpoint-note-char',
  'ledger.checkpoint-published-note-char',
  'pdf.any-byte',
  'pdf.signature-contents-byte',
  'pdf.byte-range-byte',
  'pdf.append',
  'pdf.truncate',
  'contract.stored-ciphertext-byte',
  'contract.stored-reencrypted-byte',
  'recording.file-byte',
  'recording.row-field',
  'document.blob-byte',
  'document.row-field',
  'package.any-byte',
] as const;
type Kind = (typeof kinds)[number];
/** The part of the stored-evidence audit a tampering of stored files concerns (the others would only add time). */
type StoredPart = 'recordings' | 'documents' | 'contracts';
type Checker = 'ledger audit' | 'contract verify' | 'pdf hash vs ledger' | 'verify (package)';

interface Tampering {
  kind: Kind;
  /** Free choices, mapped onto the data at run time (which row, which byte, which field). */
  a: number;
  b: number;
  /** XORed into a byte: never 0, so the byte always changes. */
  x: number;
}

const tamperingArb: fc.Arbitrary<Omit<Tampering, 'kind'>> = fc.record({
  a: fc.nat({ max: 2 ** 30 }),
  b: fc.nat({ max: 2 ** 30 }),
  x: fc.integer({ min: 1, max: 255 }),
});

/** Runs a CLI command function with its console output swallowed (its exit code is the verdict). */
async function quietly<T>(fn: () => T | Promise<T>): Promise<T> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    return await fn();
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const flip = (bytes: Buffer, at: number, x: number) => {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ x;
  return copy;
};
/** Replaces one character of a text with a different printable ASCII one. */
const changeChar = (text: string, a: number, b: number) => {
  const at = a % text.length;
  const pool = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \n';
  let c = pool[b % pool.length]!;
  if (c === text[at]) c = pool[(b + 1) % pool.length]!;
  return text.slice(0, at) + c + text.slice(at + 1);
};

describe.each(dbTargets())('tamper evidence on %s', (target) => {
  // A PDF or an evidence package is checked as a file, whatever the database: once is enough.
  const targetKinds =
    target === dbTargets()[0]
      ? kinds
      : kinds.filter((k) => !k.startsWith('pdf.') && !k.startsWith('package.'));
  let p: TestPlatform;
  let built: BuiltEvidence;
  let ledger: LedgerDeps;
  let rootFile: string;
  let vkeyFile: string;
  const tables = ['ledger_entries', 'ledger_tiles', 'ledger_tree', 'ledger_checkpoints'] as const;
  const snapshot = new Map<string, Record<string, unknown>[]>();

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    built = await buildEvidence(p);
    // The background integrator and witnesses stop with the app; the infrastructure stays open.
    await p.app.close();
    ledger = composeLedgerDeps({ infra: p.infra, config: p.config });
    rootFile = join(p.config.dataDir, 'root.pem');
    writeFileSync(rootFile, (await p.infra.contracts.pki()).rootCertificate);
    vkeyFile = join(p.config.dataDir, 'log.vkey');
    writeFileSync(vkeyFile, ledger.vkey);
    const { db } = p.infra.database;
    // The attacker's first move: switch off the append-only triggers (a superuser can).
    await sql`alter table ledger_entries disable trigger user`.execute(db);
    await sql`alter table ledger_checkpoints disable trigger user`.execute(db);
    // PGlite hands bytea back as Uint8Array, pg as Buffer: keep Buffers either way.
    const asBuffers = (r: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v) : v]),
      );
    for (const t of tables)
      snapshot.set(
        t,
        (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db)).rows.map(asBuffers),
      );
  }, 300_000);
  afterAll(() => p?.close());

  /** `mianqian ledger audit`, in-process: the log's maths, then the stored evidence against it. */
  async function ledgerAuditFinds(part?: StoredPart): Promise<string[]> {
    const report = await auditLedger(ledger);
    if (!report.ok) return report.problems;
    return (await auditStoredEvidence({ infra: p.infra, ledger, only: part && new Set([part]) })).problems;
  }
  async function contractVerifyFails(pdf: Buffer): Promise<boolean> {
    const file = join(p.config.dataDir, 'contract-under-test.pdf');
    writeFileSync(file, pdf);
    const code = await quietly(() =>
      contractCommand(['verify', file, '--root', rootFile], { dataDir: p.config.dataDir }),
    );
    return code !== 0;
  }
  async function packageVerifyFails(zip: Buffer): Promise<boolean> {
    const file = join(p.config.dataDir, 'package-under-test.zip');
    writeFileSync(file, zip);
    return (await quietly(() => verifyCommand({ path: file, vkey: vkeyFile, witnessVkeys: [] }))) !== 0;
  }
  async function restoreTable(table: (typeof tables)[number]) {
    const { db } = p.infra.database;
    await sql`delete from ${sql.table(table)}`.execute(db);
    const rows = snapshot.get(table)!;
    if (rows.length === 0) return;
    const cols = Object.keys(rows[0]!);
    await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) values ${sql.join(
      rows.map((r) => sql`(${sql.join(cols.map((c) => sql`${r[c]}`))})`),
    )}`.execute(db);
  }

  /**
   * Applies one tampering (always an actual change), asks the checkers, undoes it. Returns the
   * checkers that caught it (empty: undetected) and what was changed.
   */
  async function tamper(t: Tampering): Promise<{ caughtBy: Checker[]; what: string }> {
    const { db } = p.infra.database;
    const { a, b, x } = t;
    const rowsOf = (table: string) => snapshot.get(table)!;
    const entries = rowsOf('ledger_entries');
    const byLedger = async (what: string, change: () => Promise<unknown>, table: (typeof tables)[number]) => {
      await change();
      try {
        const problems = await ledgerAuditFinds();
        return { caughtBy: problems.length > 0 ? (['ledger audit'] as Checker[]) : [], what };
      } finally {
        await restoreTable(table);
      }
    };
    const pdfCheck = async (what: string, pdf: Buffer) => {
      expect(pdf.equals(built.signedPdf)).toBe(false);
      const caughtBy: Checker[] = [];
      if (await contractVerifyFails(pdf)) caughtBy.push('contract verify');
      if (sha256(pdf) !== built.ledgerPdfSha256) caughtBy.push('pdf hash vs ledger');
      return { caughtBy, what };
    };
    switch (t.kind) {
      case 'ledger.entry-byte': {
        const e = entries[a % entries.length]!;
        const bytes = e.entry as Buffer;
        const at = b % bytes.length;
        return byLedger(
          `entry ${e.idx} byte ${at} ^ ${x}`,
          () => sql`update ledger_entries set entry = ${flip(bytes, at, x)} where idx = ${e.idx}`.execute(db),
          'ledger_entries',
        );
      }
      case 'ledger.leaf-hash-byte': {
        const e = entries[a % entries.length]!;
        const at = b % 32;
        return byLedger(
          `leaf hash of entry ${e.idx} byte ${at} ^ ${x}`,
          () =>
            sql`update ledger_entries set leaf_hash = ${flip(e.leaf_hash as Buffer, at, x)} where idx = ${e.idx}`.execute(
              db,
            ),
          'ledger_entries',
        );
      }
      case 'ledger.entry-index': {
        const e = entries[a % entries.length]!;
        const to = entries.length + (b % 5);
        return byLedger(
          `entry ${e.idx} moved to index ${to}`,
          () => sql`update ledger_entries set idx = ${to} where idx = ${e.idx}`.execute(db),
          'ledger_entries',
        );
      }
      case 'ledger.entry-delete': {
        const e = entries[a % entries.length]!;
        return byLedger(
          `entry ${e.idx} deleted`,
          () => sql`delete from ledger_entries where idx = ${e.idx}`.execute(db),
          'ledger_entries',
        );
      }
      case 'ledger.entry-subject': {
        // The column the evidence package selects a loan's leaves by: changed, a leaf would vanish
        // from its loan's package (or join another's) while the tree stays intact.
        const e = entries[a % entries.length]!;
        const others = [...new Set(entries.map((o) => o.subject as string | null))].filter(
          (v) => v !== e.subject,
        );
        const to = b % 3 === 0 || others.length === 0 ? null : others[b % others.length]!;
        return byLedger(
          `subject column of entry ${e.idx} → ${to === null ? 'null' : 'another loan'}`,
          () => sql`update ledger_entries set subject = ${to} where idx = ${e.idx}`.execute(db),
          'ledger_entries',
        );
      }
      case 'ledger.entries-swap': {
        const i = a % entries.length;
        let j = b % entries.length;
        if (j === i) j = (i + 1) % entries.length;
        const [ei, ej] = [entries[i]!, entries[j]!];
        expect((ei.entry as Buffer).equals(ej.entry as Buffer)).toBe(false);
        // Bytes and hash move together, so each row is self-consistent: only the order changed.
        return byLedger(
          `entries ${ei.idx} and ${ej.idx} swapped`,
          async () => {
            await sql`update ledger_entries set entry = ${ej.entry}, leaf_hash = ${ej.leaf_hash} where idx = ${ei.idx}`.execute(
              db,
            );
            await sql`update ledger_entries set entry = ${ei.entry}, leaf_hash = ${ei.leaf_hash} where idx = ${ej.idx}`.execute(
              db,
            );
          },
          'ledger_entries',
        );
      }
      case 'ledger.tile-byte': {
        const tiles = rowsOf('ledger_tiles');
        const tile = tiles[a % tiles.length]!;
        const bytes = tile.hashes as Buffer;
        const at = b % bytes.length;
        return byLedger(
          `tile ${tile.level}/${tile.idx} byte ${at} ^ ${x}`,
          () =>
            sql`update ledger_tiles set hashes = ${flip(bytes, at, x)} where level = ${tile.level} and idx = ${tile.idx}`.execute(
              db,
            ),
          'ledger_tiles',
        );
      }
      case 'ledger.tile-delete': {
        const tiles = rowsOf('ledger_tiles');
        const tile = tiles[a % tiles.length]!;
        return byLedger(
          `tile ${tile.level}/${tile.idx} deleted`,
          () => sql`delete from ledger_tiles where level = ${tile.level} and idx = ${tile.idx}`.execute(db),
          'ledger_tiles',
        );
      }
      case 'ledger.tree-root-byte': {
        const tree = rowsOf('ledger_tree')[0]!;
        const at = a % 32;
        return byLedger(
          `tree root byte ${at} ^ ${x}`,
          () => sql`update ledger_tree set root = ${flip(tree.root as Buffer, at, x)}`.execute(db),
          'ledger_tree',
        );
      }
      case 'ledger.tree-size': {
        const size = Number(rowsOf('ledger_tree')[0]!.size);
        const to = a % 2 === 0 ? size + 1 + (b % 3) : Math.max(0, size - 1 - (b % 3));
        return byLedger(
          `tree size ${size} → ${to}`,
          () => sql`update ledger_tree set size = ${to}`.execute(db),
          'ledger_tree',
        );
      }
      case 'ledger.checkpoint-size': {
        const cps = rowsOf('ledger_checkpoints');
        const cp = cps[a % cps.length]!;
        const taken = new Set(cps.map((c) => Number(c.size)));
        let to = Number(cp.size) + (b % 2 === 0 ? 1 : -1) * (1 + (b % 4));
        while (to < 0 || taken.has(to)) to = to < 0 ? 1 : to + 1;
        return byLedger(
          `checkpoint ${cp.size} relabelled ${to}`,
          () => sql`update ledger_checkpoints set size = ${to} where size = ${cp.size}`.execute(db),
          'ledger_checkpoints',
        );
      }
      case 'ledger.checkpoint-root-byte': {
        const cps = rowsOf('ledger_checkpoints');
        const cp = cps[a % cps.length]!;
        const at = b % 32;
        return byLedger(
          `checkpoint ${cp.size} root byte ${at} ^ ${x}`,
          () =>
            sql`update ledger_checkpoints set root = ${flip(cp.root as Buffer, at, x)} where size = ${cp.size}`.execute(
              db,
            ),
          'ledger_checkpoints',
        );
      }
      case 'ledger.checkpoint-note-char':
      case 'ledger.checkpoint-published-note-char': {
        const all = rowsOf('ledger_checkpoints');
        let column = t.kind === 'ledger.checkpoint-note-char' ? 'note' : 'published_note';
        // Nothing published yet (no checkpoint reached a witness quorum): the note itself, then.
        if (!all.some((c) => c[column] !== null)) column = 'note';
        const cps = all.filter((c) => c[column] !== null);
        const cp = cps[a % cps.length]!;
        const changed = changeChar(cp[column] as string, b, x);
        expect(changed).not.toBe(cp[column]);
        return byLedger(
          `checkpoint ${cp.size} ${column} character ${b % (cp[column] as string).length} changed`,
          () =>
            sql`update ledger_checkpoints set ${sql.ref(column)} = ${changed} where size = ${cp.size}`.execute(
              db,
            ),
          'ledger_checkpoints',
        );
      }
      case 'pdf.any-byte': {
        const at = a % built.signedPdf.length;
        return pdfCheck(`PDF byte ${at} ^ ${x}`, flip(built.signedPdf, at, x));
      }
      case 'pdf.signature-contents-byte': {
        const dicts = findSignatureDictionaries(built.signedPdf);
        const d = dicts[a % dicts.length]!;
        const at = d.holeStart + (b % (d.holeEnd - d.holeStart));
        return pdfCheck(
          `PDF signature ${(a % dicts.length) + 1}/${dicts.length} /Contents byte ${at} ^ ${x}`,
          flip(built.signedPdf, at, x),
        );
      }
      case 'pdf.byte-range-byte': {
        const text = built.signedPdf.toString('latin1');
        const ranges = [...text.matchAll(/\/ByteRange\s*\[[^\]]*\]/g)];
        const r = ranges[a % ranges.length]!;
        const at = r.index + (b % r[0].length);
        return pdfCheck(
          `PDF /ByteRange ${(a % ranges.length) + 1} byte ${at} ^ ${x}`,
          flip(built.signedPdf, at, x),
        );
      }
      case 'pdf.append': {
        const extra = Buffer.from(`\n% ${'x'.repeat(1 + (a % 40))}\n`.slice(0, 1 + (b % 40)));
        return pdfCheck(`PDF with ${extra.length} bytes appended`, Buffer.concat([built.signedPdf, extra]));
      }
      case 'pdf.truncate': {
        const cut = 1 + (a % 64);
        return pdfCheck(`PDF cut by ${cut} bytes`, built.signedPdf.subarray(0, built.signedPdf.length - cut));
      }
      case 'contract.stored-ciphertext-byte':
      case 'contract.stored-reencrypted-byte': {
        const row = await db
          .selectFrom('contract_revisions')
          .select(['revision', 'pdf_enc'])
          .where('contract_id', '=', built.contractId)
          .orderBy('revision', 'desc')
          .executeTakeFirstOrThrow();
        const original = Buffer.from(row.pdf_enc);
        let changed: Buffer;
        let what: string;
        if (t.kind === 'contract.stored-ciphertext-byte') {
          const at = a % original.length;
          changed = flip(original, at, x);
          what = `stored contract ciphertext byte ${at} ^ ${x}`;
        } else {
          // An insider holding the master key re-encrypts a changed PDF: the store decrypts it fine.
          const pdf = p.infra.cipher.decryptBytes(original);
          const at = a % pdf.length;
          changed = p.infra.cipher.encryptBytes(flip(pdf, at, x));
          what = `stored contract PDF byte ${at} ^ ${x}, re-encrypted with the master key`;
        }
        const set = (v: Buffer) =>
          db
            .updateTable('contract_revisions')
            .set({ pdf_enc: v })
            .where('contract_id', '=', built.contractId)
            .where('revision', '=', row.revision)
            .execute();
        await set(changed);
        try {
          return { caughtBy: (await ledgerAuditFinds('contracts')).length > 0 ? ['ledger audit'] : [], what };
        } finally {
          await set(original);
        }
      }
      case 'recording.file-byte': {
        const file = built.recording.path;
        const original = readFileSync(file);
        const at = a % original.length;
        writeFileSync(file, flip(original, at, x));
        try {
          return {
            caughtBy: (await ledgerAuditFinds('recordings')).length > 0 ? ['ledger audit'] : [],
            what: `recording byte ${at} ^ ${x}`,
          };
        } finally {
          writeFileSync(file, original);
        }
      }
      case 'recording.row-field': {
        const r = built.recording;
        const otherIndex = Number(entries[a % entries.length]!.idx);
        const hex = '0123456789abcdef';
        const at = b % 64;
        const changes: [string, unknown][] = [
          [
            'sha256',
            r.sha256.slice(0, at) +
              hex[(hex.indexOf(r.sha256[at]!) + 1 + (x % 15)) % 16] +
              r.sha256.slice(at + 1),
          ],
          ['size_bytes', r.sizeBytes + 1 + (b % 1000)],
          ['duration_ms', r.durationMs + 1 + (b % 1000)],
          ['session_started_at', new Date(r.sessionStartedAt.getTime() + 1 + (b % 60_000))],
          ['session_id', randomUUID()],
          ['interview_id', randomUUID()],
          ['application_id', randomUUID()],
          ['ledger_index', otherIndex === r.ledgerIndex ? otherIndex + 1 : otherIndex],
          [
            'participants',
            JSON.stringify(
              b % 2 === 0
                ? r.participants.slice(1)
                : r.participants.map((q, i) => (i === 0 ? { ...q, role: 'guarantor' } : q)),
            ),
          ],
        ];
        const [column, value] = changes[x % changes.length]!;
        const original = await sql<
          Record<string, unknown>
        >`select ${sql.ref(column)} as v from interview_recordings where id = ${r.id}`.execute(db);
        const before = original.rows[0]!.v;
        await sql`update interview_recordings set ${sql.ref(column)} = ${value} where id = ${r.id}`.execute(
          db,
        );
        try {
          return {
            caughtBy: (await ledgerAuditFinds('recordings')).length > 0 ? ['ledger audit'] : [],
            what: `recording row ${column} changed`,
          };
        } finally {
          await sql`update interview_recordings set ${sql.ref(column)} = ${
            column === 'participants' ? JSON.stringify(before) : before
          } where id = ${r.id}`.execute(db);
        }
      }
      case 'document.blob-byte':
      case 'document.row-field': {
        const docs = await db
          .selectFrom('documents')
          .select(['id', 'blob_key', 'sha256', 'size_bytes'])
          .orderBy('id')
          .execute();
        const d = docs[a % docs.length]!;
        if (t.kind === 'document.blob-byte') {
          const file = join(p.config.dataDir, 'blobs', d.blob_key.slice(0, 2), d.blob_key);
          const original = readFileSync(file);
          const at = b % original.length;
          writeFileSync(file, flip(original, at, x));
          try {
            return {
              caughtBy: (await ledgerAuditFinds('documents')).length > 0 ? ['ledger audit'] : [],
              what: `document blob byte ${at} ^ ${x}`,
            };
          } finally {
            writeFileSync(file, original);
          }
        }
        const field = (['sha256', 'size_bytes', 'blob_key'] as const)[b % 3]!;
        // blob_key '' is what the retention job writes when it erases a file: allowed only with the
        // application's erasure mark, so blanking it here must read as a missing file.
        const changed =
          field === 'sha256'
            ? { sha256: d.sha256.slice(0, 10) + (d.sha256[10] === '0' ? '1' : '0') + d.sha256.slice(11) }
            : field === 'size_bytes'
              ? { size_bytes: d.size_bytes + 1 + (x % 100) }
              : { blob_key: '' };
        await db.updateTable('documents').set(changed).where('id', '=', d.id).execute();
        try {
          return {
            caughtBy: (await ledgerAuditFinds('documents')).length > 0 ? ['ledger audit'] : [],
            what: `document row ${field} changed`,
          };
        } finally {
          await db
            .updateTable('documents')
            .set({ sha256: d.sha256, size_bytes: d.size_bytes, blob_key: d.blob_key })
            .where('id', '=', d.id)
            .execute();
        }
      }
      case 'package.any-byte': {
        const at = a % built.evidencePackage.length;
        return {
          caughtBy: (await packageVerifyFails(flip(built.evidencePackage, at, x)))
            ? ['verify (package)']
            : [],
          what: `evidence package byte ${at} ^ ${x}`,
        };
      }
    }
  }

  it('the untouched evidence passes every checker', async () => {
    expect(await ledgerAuditFinds()).toEqual([]);
    const stored = await auditStoredEvidence({ infra: p.infra, ledger });
    expect(stored.recordings).toBe(1);
    expect(stored.contracts).toBeGreaterThanOrEqual(1);
    expect(stored.documents).toBeGreaterThanOrEqual(1);
    expect(await contractVerifyFails(built.signedPdf)).toBe(false);
    expect(sha256(built.signedPdf)).toBe(built.ledgerPdfSha256);
    expect(await packageVerifyFails(built.evidencePackage)).toBe(false);
  });

  it(`detects every one of ${runs} random tamperings (seed from MIANQIAN_TAMPER_SEED)`, async () => {
    console.log(`tamper-evidence (${target}): seed ${seed} (replay: MIANQIAN_TAMPER_SEED=${seed})`);
    const started = performance.now();
    // Every kind in turn (so each is tried about runs / kinds times), the rest of each choice random.
    const plan = fc
      .sample(tamperingArb, { seed, numRuns: runs })
      .map((t, i) => ({ ...t, kind: targetKinds[i % targetKinds.length]! }));
    const byKind = new Map<Kind, { n: number; caught: number; by: Map<Checker, number>; ms: number }>();
    const undetected: string[] = [];
    /** PDF changes the signatures alone do not reveal (only the ledger's hash of the file does). */
    const hashOnly: string[] = [];
    for (const [i, t] of plan.entries()) {
      const t0 = performance.now();
      const { caughtBy, what } = await tamper(t);
      const k = byKind.get(t.kind) ?? { n: 0, caught: 0, by: new Map(), ms: 0 };
      k.n++;
      k.ms += performance.now() - t0;
      if (caughtBy.length > 0) k.caught++;
      else undetected.push(`${t.kind}: ${what}`);
      if (caughtBy.length === 1 && caughtBy[0] === 'pdf hash vs ledger') hashOnly.push(what);
      for (const c of caughtBy) k.by.set(c, (k.by.get(c) ?? 0) + 1);
      byKind.set(t.kind, k);
      // Every few tamperings, the restored evidence must pass again: the undo is real.
      if (i % 40 === 39) expect(await ledgerAuditFinds()).toEqual([]);
    }
    expect(await ledgerAuditFinds()).toEqual([]);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const lines = [...byKind.entries()]
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(
        ([kind, k]) =>
          `  ${kind.padEnd(40)} ${String(k.n).padStart(3)} tampered, ${String(k.caught).padStart(3)} detected  (${[...k.by.entries()].map(([c, n]) => `${c}: ${n}`).join(', ')}; ${Math.round(k.ms / k.n)} ms each)`,
      );
    const detected = plan.length - undetected.length;
    console.log(
      `tamper-evidence (${target}): ${plan.length} tamperings of ${byKind.size} kinds, ${detected} detected, ${undetected.length} undetected, ${seconds} s\n${lines.join('\n')}` +
        (hashOnly.length ? `\n  caught by the ledger's PDF hash only: ${hashOnly.join('; ')}` : '') +
        (undetected.length ? `\nUNDETECTED:\n  ${undetected.join('\n  ')}` : ''),
    );
    expect(undetected).toEqual([]);
    expect(byKind.size).toBe(targetKinds.length);
  });

  it('contract verify alone catches a changed padding in the last /Contents and bytes appended after it', async () => {
    // Neither is covered by any digest: before these checks both verified as intact.
    const last = findSignatureDictionaries(built.signedPdf).at(-1)!;
    const padding = built.signedPdf.subarray(last.holeStart, last.holeEnd).lastIndexOf('00') + last.holeStart;
    const padded = Buffer.from(built.signedPdf);
    padded[padding] = '1'.charCodeAt(0);
    expect(await contractVerifyFails(padded)).toBe(true);
    const appended = Buffer.concat([built.signedPdf, Buffer.from('\n% appended\n')]);
    expect(await contractVerifyFails(appended)).toBe(true);
  });

  it('the real command, spawned, says so too', async () => {
    const bin = join(process.cwd(), 'bin', 'mianqian.mjs');
    if (target === 'postgres') {
      const env = {
        ...process.env,
        DATABASE_URL: p.config.databaseUrl!,
        MIANQIAN_DATA_DIR: p.config.dataDir,
        MIANQIAN_MODE: 'test',
        REDIS_URL: '',
      };
      const e = snapshot.get('ledger_entries')![3]!;
      await sql`update ledger_entries set entry = ${flip(e.entry as Buffer, 10, 1)} where idx = ${e.idx}`.execute(
        p.infra.database.db,
      );
      try {
        const tampered = spawnSync('node', [bin, 'ledger', 'audit'], { env, encoding: 'utf8' });
        expect(tampered.stdout).toMatch(new RegExp(`PROBLEM  entry ${e.idx}:`));
        expect(tampered.status).toBe(1);
      } finally {
        await restoreTable('ledger_entries');
      }
    } else {
      const file = join(p.config.dataDir, 'spawned.pdf');
      writeFileSync(file, flip(built.signedPdf, Math.floor(built.signedPdf.length / 3), 0x20));
      const res = spawnSync('node', [bin, 'contract', 'verify', file, '--root', rootFile], {
        encoding: 'utf8',
      });
      expect(res.stdout).toMatch(/FAIL/);
      expect(res.status).toBe(1);
    }
  });
});
