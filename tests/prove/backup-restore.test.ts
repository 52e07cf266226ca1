import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { backupCommand, MANIFEST, type BackupManifest } from '../../src/cli/backup-command';
import { auditStoredEvidence } from '../../src/cli/audit-stored-evidence';
import { ledgerAuditCommand } from '../../src/cli/ledger-audit-command';
import { restoreCommand } from '../../src/cli/restore-command';
import { auditLedger } from '../../src/features/ledger/audit-ledger';
import { proveConsistency } from '../../src/features/ledger/prove-consistency';
import { proveInclusion } from '../../src/features/ledger/prove-inclusion';
import { composeLedgerDeps } from '../../src/http/compose-deps';
import { contractJourney, demo } from '../support/contract-journey';
import { createDrillSite, startOn, type DrillSite } from '../support/restore-drill';
import { buildEvidence } from '../support/tamper-evidence-fixture';
import { dbTargets, TestClient, type TestPlatform } from '../support/test-platform';

/**
 * Backup and restore drill (issue item 9; security.md row 14, 8.1.4.9): real evidence on a site
 * (database, keys, blobs, recordings), `mianqian backup`, `mianqian restore` into a fresh database and
 * a fresh data directory, then the platform started on the restored copy must show the same ledger
 * (audit clean, same checkpoints, same inclusion and consistency proofs) and the same contracts (the
 * signed PDFs verify and hash to the ledger's records). A backup missing a key or a blob must not
 * restore, and a restored copy that lost them must fail verification loudly. docs/backup-restore.md.
 */

/** Runs a CLI command function, keeping what it printed (its exit code is the verdict). */
async function run(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const keep = (...a: unknown[]) => void lines.push(a.map(String).join(' '));
  const log = vi.spyOn(console, 'log').mockImplementation(keep);
  const error = vi.spyOn(console, 'error').mockImplementation(keep);
  try {
    const code = await fn();
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The ledger as a verifier sees it: every checkpoint, and proofs against the latest. */
async function ledgerView(p: TestPlatform) {
  const deps = composeLedgerDeps({ infra: p.infra, config: p.config });
  const checkpoints = (await deps.store.listCheckpoints()).map((c) => ({
    size: c.size,
    root: c.root.toString('base64'),
    note: c.note,
    publishedNote: c.publishedNote,
  }));
  const size = (await deps.store.tree()).size;
  // Consistency from each published size (the empty tree has none to prove).
  const published = checkpoints.filter((c) => c.publishedNote !== null && c.size > 0).map((c) => c.size);
  const proofs = [];
  for (const index of [0, Math.floor(size / 3), Math.floor(size / 2), size - 1]) {
    const inclusion = await proveInclusion(deps, { index });
    proofs.push({
      index,
      size: inclusion.size,
      root: inclusion.root.toString('base64'),
      proof: inclusion.proof.map((h) => h.toString('base64')),
    });
  }
  for (const from of published.slice(0, 3)) {
    const c = await proveConsistency(deps, { from });
    proofs.push({ from, to: c.to, proof: c.proof.map((h) => h.toString('base64')) });
  }
  return { vkey: deps.vkey, size, checkpoints, proofs };
}

describe.each(dbTargets())('backup and restore on %s', (target) => {
  const sites: DrillSite[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const s of sites) await s.remove();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const site = async () => {
    const s = await createDrillSite(target);
    sites.push(s);
    return s;
  };
  const backupDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'mq-backup-'));
    dirs.push(d);
    return d;
  };
  let source: DrillSite;
  let backup: string;
  let built: Awaited<ReturnType<typeof buildEvidence>>;
  let before: Awaited<ReturnType<typeof ledgerView>>;
  let writesDuringBackup = 0;

  it('backs up, restores into a fresh site, and the platform on the copy shows the same ledger and contracts', async () => {
    source = await site();
    const live = await startOn(source, target);
    try {
      built = await buildEvidence(live);
      before = await ledgerView(live);
      // PostgreSQL is dumped while the platform runs (one snapshot); PGlite is copied once it stopped.
      if (target === 'postgres') {
        backup = backupDir();
        // Borrowers keep registering while the dump runs: the manifest's counts and the dump must
        // still be one snapshot, or the restore's own check fails.
        let isBackingUp = true;
        const writer = (async () => {
          while (isBackingUp) {
            const r = await new TestClient(live.app).register();
            expect(r.status).toBe(201);
            writesDuringBackup++;
          }
        })();
        const b = await run(() => backupCommand({ config: source.config, dir: backup })).finally(() => {
          isBackingUp = false;
        });
        await writer;
        expect(b.code, b.out).toBe(0);
      }
    } finally {
      await live.close();
    }
    if (target === 'pglite') {
      backup = backupDir();
      const b = await run(() => backupCommand({ config: source.config, dir: backup }));
      expect(b.code, b.out).toBe(0);
    }
    const manifest = JSON.parse(readFileSync(join(backup, MANIFEST), 'utf8')) as BackupManifest;
    const files = Object.keys(manifest.files);
    expect(files.some((f) => f.startsWith('keys/pki/'))).toBe(true);
    expect(files).toContain('keys/master.key');
    expect(files.some((f) => f.startsWith('blobs/'))).toBe(true);
    expect(files.some((f) => f.startsWith('recordings/') && f.endsWith('.webm'))).toBe(true);
    expect(manifest.ledger.size).toBe(before.size);

    const copy = await site();
    const started = performance.now();
    const r = await run(() => restoreCommand({ config: copy.config, dir: backup }));
    const restoreMs = performance.now() - started;
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/^OK {2}restored/m);

    // The platform on the restored copy.
    const restored = await startOn(copy, target);
    try {
      const after = await ledgerView(restored);
      expect(after).toEqual(before);
      const deps = composeLedgerDeps({ infra: restored.infra, config: restored.config });
      const audit = await auditLedger(deps);
      expect(audit.problems).toEqual([]);
      const stored = await auditStoredEvidence({ infra: restored.infra, ledger: deps });
      expect(stored.problems).toEqual([]);
      expect(stored.recordings).toBe(1);
      // Through the API, as staff would: the contract verifies and is byte for byte the one signed.
      // (The approver and the parties enrolled TOTP during the journey; the loan officer did not.)
      const { logIn } = contractJourney(() => restored);
      const officer = await logIn(demo('loan_officer').mobile, demo('loan_officer').password);
      const verification = await officer.call('GET', `/api/contracts/${built.contractId}/verification`);
      expect(verification.status).toBe(200);
      expect(verification.body.valid).toBe(true);
      expect(verification.body.fileHash).toBe(built.ledgerPdfSha256);
      const pdf = await officer.call('GET', `/api/contracts/${built.contractId}/document?revision=latest`);
      expect(pdf.raw.rawPayload.equals(built.signedPdf)).toBe(true);
      expect(sha256(pdf.raw.rawPayload)).toBe(built.ledgerPdfSha256);
      const docs = await officer.call('GET', `/api/applications/${built.applicationId}`);
      expect(docs.status).toBe(200);

      const rows = Object.values(manifest.rows).reduce((a, b) => a + b, 0);
      const bytes = files.reduce((n, f) => n + readFileSync(join(backup, f)).length, 0);
      console.log(
        `backup-restore (${target}): backed up ${rows} rows in ${Object.keys(manifest.rows).length} tables and ` +
          `${files.length} files, ${bytes} bytes; restored and verified in ${Math.round(restoreMs)} ms; ` +
          `ledger of ${audit.size} entries and ${audit.checkpoints} checkpoints verified (same checkpoints, ` +
          `${before.proofs.length} proofs identical); ${stored.contracts} signed contracts, ${stored.documents} ` +
          `documents and ${stored.recordings} recording verified against the ledger` +
          (target === 'postgres'
            ? `; ${writesDuringBackup} registrations written during the online backup`
            : ''),
      );
    } finally {
      await restored.close();
    }
  });

  it('a backup missing a key or a blob does not restore; a copy that lost them fails verification loudly', async () => {
    const manifest = JSON.parse(readFileSync(join(backup, MANIFEST), 'utf8')) as BackupManifest;
    const blob = Object.keys(manifest.files).find((f) => f.startsWith('blobs/'))!;
    const ledgerKey = Object.keys(manifest.files).find(
      (f) => /^keys\/[^/]+$/.test(f) && f !== 'keys/master.key',
    )!;
    expect(ledgerKey).toBeDefined();
    const outcomes: string[] = [];

    // 1. The backup lost a file: the restore refuses before touching the target, naming it.
    const pkiFile = Object.keys(manifest.files).find((f) => f.startsWith('keys/pki/'))!;
    for (const lost of ['keys/master.key', ledgerKey, pkiFile, blob]) {
      const path = join(backup, lost);
      const saved = readFileSync(path);
      unlinkSync(path);
      try {
        const target_ = await site();
        const r = await run(() => restoreCommand({ config: target_.config, dir: backup }));
        expect(r.code, r.out).toBe(1);
        expect(r.out).toContain(`missing ${lost}`);
        expect(r.out).toMatch(/nothing restored/);
        outcomes.push(`backup without ${lost}: refused`);
      } finally {
        writeFileSync(path, saved);
      }
    }

    // 2. A restored copy that then lost its keys or a blob: `mianqian ledger audit` fails, loudly.
    const copy = await site();
    expect((await run(() => restoreCommand({ config: copy.config, dir: backup }))).code).toBe(0);
    const dataDir = copy.config.dataDir;
    unlinkSync(join(dataDir, blob));
    const noBlob = await run(() => ledgerAuditCommand({ config: copy.config }));
    expect(noBlob.code).toBe(1);
    expect(noBlob.out).toMatch(/PROBLEM {2}document [0-9a-f-]+: its blob is missing/);
    outcomes.push('restored copy without a blob: ledger audit exit 1');
    writeFileSync(join(dataDir, blob), readFileSync(join(backup, blob)));
    // Without the keys the platform makes new ones on start: nothing signed or sealed before verifies.
    rmSync(join(dataDir, 'keys'), { recursive: true, force: true });
    const noKeys = await run(() => ledgerAuditCommand({ config: copy.config }));
    expect(noKeys.code).toBe(1);
    expect(noKeys.out).toMatch(/PROBLEM {2}checkpoint \d+: bad log signature/);
    expect(noKeys.out).toMatch(/PROBLEM {2}(contract|document|recording) /);
    outcomes.push('restored copy without its keys: ledger audit exit 1');
    console.log(`backup-restore (${target}): ${outcomes.join('; ')}`);
  });
});
