import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { hashLeaf } from '../../src/core/ledger/merkle/hash-leaf';
import { merkleRoot } from '../../src/core/ledger/merkle/merkle-root';
import { verifyInclusion } from '../../src/core/ledger/merkle/verify-inclusion';
import { verifyConsistency } from '../../src/core/ledger/merkle/verify-consistency';
import { formatEntriesPath, formatTilePath } from '../../src/core/ledger/merkle/tile-path';
import { parseNote } from '../../src/core/ledger/note/parse-note';
import { parseCheckpoint } from '../../src/core/ledger/note/parse-checkpoint';
import { parseVerifierKey } from '../../src/core/ledger/note/parse-verifier-key';
import { parseTlogProof } from '../../src/core/ledger/note/parse-tlog-proof';
import { verifyNote } from '../../src/core/ledger/note/verify-note';
import { decodeEvidenceLeaf } from '../../src/core/ledger/evidence/evidence-leaf';
import { auditLedger } from '../../src/features/ledger/audit-ledger';
import { composeLedgerDeps } from '../../src/http/compose-deps';
import { verifyPackageBytes } from '../../src/cli/verify-package';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';
import { submittedIndividualApplication } from '../support/fixtures';

/** Reads a checkpoint as any tlog client would: verify the note with the published key, parse it. */
async function readCheckpoint(c: TestClient) {
  const vkey = (await c.call('GET', '/ledger/vkey')).raw.body.trim();
  const note = (await c.call('GET', '/ledger/checkpoint')).raw.body;
  const key = parseVerifierKey(vkey);
  if (!key.ok) throw new Error(key.reason);
  const verified = verifyNote(note, [key.value]);
  if (!verified.ok) throw new Error(verified.reason);
  const checkpoint = parseCheckpoint(verified.value.text);
  if (!checkpoint.ok) throw new Error(checkpoint.reason);
  return { ...checkpoint.value, note, vkey };
}

/** A minimal tlog-tiles client: fetches every entry bundle, hashes the leaves, computes the root. */
async function rootFromEntryBundles(c: TestClient, size: number) {
  const leafHashes: Buffer[] = [];
  for (let n = 0; n * 256 < size; n++) {
    const width = Math.min(256, size - n * 256);
    const res = await c.call('GET', `/ledger/${formatEntriesPath({ index: n, width })}`);
    expect(res.status).toBe(200);
    const bytes = res.raw.rawPayload;
    for (let at = 0; at < bytes.length;) {
      const length = bytes.readUInt16BE(at);
      leafHashes.push(hashLeaf(bytes.subarray(at + 2, at + 2 + length)));
      at += 2 + length;
    }
  }
  expect(leafHashes).toHaveLength(size);
  return { root: merkleRoot(leafHashes), leafHashes };
}

describe.each(dbTargets())('the evidence ledger on %s', (target) => {
  let p: TestPlatform;
  let officer: TestClient;
  let anon: TestClient;
  const tick = () => p.app.ledgerIntegrator!.tick();

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'officer passphrase', displayName: '王经理', role: 'loan_officer' },
    });
    officer = new TestClient(p.app);
    await officer.login(mobile, 'officer passphrase');
    anon = new TestClient(p.app);
  });
  afterAll(() => p.close());

  const borrower = async () => {
    const c = new TestClient(p.app);
    await c.register({});
    return c;
  };

  it('anchors every step of an application as it happens, with no personal data in the leaves', async () => {
    const c = await borrower();
    const submitted = await submittedIndividualApplication(c);
    expect(submitted.status).toBe(200);
    // Sequenced before the answer: the entries are there at once, integrated or not.
    const list = await c.call('GET', `/api/ledger/applications/${submitted.body.id}/entries`);
    expect(list.status).toBe(200);
    expect(list.body.entries.map((e: { type: string }) => e.type)).toEqual([
      'application.event', // draft
      'document.upload',
      'document.upload',
      'application.event', // submitted
      'application.event', // screening
      'application.event', // under review
    ]);
    const roles = list.body.entries.map((e: { actorRole: string }) => e.actorRole);
    expect(roles).toEqual([
      'borrower_individual',
      'borrower_individual',
      'borrower_individual',
      'borrower_individual',
      'system',
      'system',
    ]);
    // (The background integrator may or may not have checkpointed them yet; a tick makes sure.)

    await tick();
    const after = await c.call('GET', `/api/ledger/applications/${submitted.body.id}/entries`);
    expect(after.body.entries.every((e: { isCheckpointed: boolean }) => e.isCheckpointed)).toBe(true);

    const [first] = await p.infra.ledger.store.readEntries(
      after.body.entries[0].index,
      after.body.entries[0].index + 1,
    );
    const text = first!.entry.toString('utf8');
    const decoded = decodeEvidenceLeaf(first!.entry);
    expect(decoded.ok).toBe(true);
    expect(text).not.toContain(submitted.body.id);
    expect(text).not.toContain(c.accountId!);
    expect(text).not.toContain('127.0.0.1');

    // Another borrower sees nothing of it.
    const other = await borrower();
    const peek = await other.call('GET', `/api/ledger/applications/${submitted.body.id}/entries`);
    expect(peek).toMatchObject({ status: 404, body: { error: { code: 'APPLICATION_NOT_FOUND' } } });
    const receipt = await other.call('GET', `/api/ledger/entries/${after.body.entries[0].index}/tlog-proof`);
    expect(receipt).toMatchObject({ status: 404, body: { error: { code: 'LEDGER_ENTRY_NOT_FOUND' } } });
  });

  it('publishes a signed checkpoint and serves tiles any tlog-tiles client can check', async () => {
    const c = await borrower();
    for (let i = 0; i < 3; i++) await submittedIndividualApplication(c);
    await tick();
    const checkpoint = await readCheckpoint(anon);
    expect(checkpoint.origin).toBe(p.config.ledgerOrigin);
    const sequenced = await p.infra.ledger.store.sequencedSize();
    expect(checkpoint.size).toBe(sequenced);

    const { root, leafHashes } = await rootFromEntryBundles(anon, checkpoint.size);
    expect(root.equals(checkpoint.root)).toBe(true);
    // Level-0 hash tiles are the leaf hashes themselves.
    const tile = await anon.call(
      'GET',
      `/ledger/${formatTilePath({ level: 0, index: 0, width: Math.min(256, checkpoint.size) })}`,
    );
    expect(tile.status).toBe(200);
    expect(tile.raw.rawPayload.subarray(0, 32).equals(leafHashes[0]!)).toBe(true);
    expect(tile.headers['content-type']).toBe('application/octet-stream');

    // Beyond the tree, malformed or non-canonical paths: 404 with a JSON error.
    for (const path of [
      formatTilePath({ level: 0, index: 9999, width: 256 }),
      'tile/0/x000/001',
      'tile/0/000.p/0',
      'tile/entries/000.p/256',
    ]) {
      const res = await anon.call('GET', `/ledger/${path}`);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code, path).toMatch(/LEDGER_TILE_NOT_FOUND|ROUTE_NOT_FOUND/);
    }
  });

  it('proves inclusion by index and by leaf hash, and consistency between checkpoints', async () => {
    await tick();
    const older = await readCheckpoint(anon);
    const c = await borrower();
    await submittedIndividualApplication(c);
    await tick();
    const newer = await readCheckpoint(anon);
    expect(newer.size).toBeGreaterThan(older.size);

    for (const index of [0, older.size - 1, newer.size - 1]) {
      const res = await anon.call('GET', `/api/ledger/proofs/inclusion?index=${index}`);
      expect(res.status).toBe(200);
      expect(res.body.checkpoint).toBe(newer.note);
      const check = verifyInclusion({
        index,
        size: newer.size,
        leafHash: Buffer.from(res.body.leafHash, 'base64'),
        proof: res.body.proof.map((h: string) => Buffer.from(h, 'base64')),
        root: newer.root,
      });
      expect(check).toEqual({ ok: true });
      const byHash = await anon.call(
        'GET',
        `/api/ledger/proofs/inclusion?leafHash=${Buffer.from(res.body.leafHash, 'base64').toString('hex')}`,
      );
      expect(byHash.body.index).toBeLessThanOrEqual(index);
    }
    // The older checkpoint is still served, byte for byte, by its size.
    const kept = await anon.call('GET', `/api/ledger/checkpoints/${older.size}`);
    expect(kept.raw.body).toBe(older.note);
    expect((await anon.call('GET', `/api/ledger/checkpoints/${newer.size + 1000}`)).status).toBe(400);
    const consistency = await anon.call(
      'GET',
      `/api/ledger/proofs/consistency?from=${older.size}&to=${newer.size}`,
    );
    expect(consistency.status).toBe(200);
    expect(
      verifyConsistency({
        size1: older.size,
        size2: newer.size,
        root1: older.root,
        root2: newer.root,
        proof: consistency.body.proof.map((h: string) => Buffer.from(h, 'base64')),
      }),
    ).toEqual({ ok: true });

    expect((await anon.call('GET', `/api/ledger/proofs/inclusion?index=${newer.size}`)).status).toBe(404);
    expect((await anon.call('GET', `/api/ledger/proofs/consistency?from=${newer.size + 1}`)).status).toBe(
      400,
    );
    expect((await anon.call('GET', '/api/ledger/proofs/inclusion')).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await anon.call('GET', '/api/ledger/proofs/inclusion?index=-1')).status).toBe(400);
  });

  it('never forks or reorders under many concurrent appends, and the audit recomputes it all', async () => {
    const c = await borrower();
    const store = p.infra.ledger.store;
    const entries = Array.from({ length: 600 }, (_, i) => {
      const entry = Buffer.from(`{"bench":${i}}`);
      return { entry, leafHash: hashLeaf(entry), subject: null };
    });
    const [indices] = await Promise.all([
      Promise.all(entries.map((e) => store.append([e]))),
      Promise.all(Array.from({ length: 5 }, () => submittedIndividualApplication(c))),
    ]);
    const flat = indices.flat();
    expect(new Set(flat).size).toBe(600);
    // Each append got the index its entry holds.
    const stored = await store.readEntries(Math.min(...flat), Math.max(...flat) + 1);
    const byIndex = new Map(stored.map((s) => [s.index, s.entry.toString()]));
    entries.forEach((e, i) => expect(byIndex.get(flat[i]!)).toBe(e.entry.toString()));

    const seen = [];
    for (let i = 0; i < 3; i++) {
      await tick();
      seen.push(await readCheckpoint(anon));
    }
    const deps = composeLedgerDeps({ infra: p.infra, config: p.config });
    const audit = await auditLedger(deps);
    // The raw entries above are not evidence leaves: the audit names each of them, and nothing else.
    expect(audit.problems.filter((m) => !/^entry \d+: wrong fields$/.test(m))).toEqual([]);
    expect(audit.problems).toHaveLength(600);
    // Checkpoints only grow, each consistent with the one before (the audit checked each root).
    expect(seen.map((s) => s.size)).toEqual([...seen.map((s) => s.size)].sort((a, b) => a - b));
    expect(audit.size).toBe(await store.sequencedSize());
  });

  it('hands staff an evidence package that verifies offline and fails when any byte changes', async () => {
    const c = await borrower();
    const submitted = await submittedIndividualApplication(c);
    await tick();
    expect((await c.call('GET', `/api/applications/${submitted.body.id}/evidence`)).status).toBe(403);
    const res = await officer.call('GET', `/api/applications/${submitted.body.id}/evidence`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = res.raw.rawPayload;
    const vkey = (await anon.call('GET', '/ledger/vkey')).raw.body.trim();

    const good = verifyPackageBytes(zip, { logVkey: vkey });
    expect(good.checks.filter((x) => !x.ok)).toEqual([]);
    expect(good.ok).toBe(true);
    const files = unzipSync(zip);
    expect(Object.keys(files).filter((f) => f.endsWith('.tlog-proof'))).toHaveLength(7); // 6 steps + the anchor
    const proof = parseTlogProof(Buffer.from(files['anchor.tlog-proof']!).toString());
    expect(proof.ok).toBe(true);
    expect(JSON.stringify(Object.values(files).map((b) => Buffer.from(b).toString()))).not.toContain(
      '身份证',
    );

    // Another log's key does not verify it.
    const { formatVerifierKey } = await import('../../src/core/ledger/note/format-verifier-key');
    const stranger = formatVerifierKey(p.config.ledgerOrigin, Buffer.alloc(32, 7));
    expect(verifyPackageBytes(zip, { logVkey: stranger }).ok).toBe(false);

    // Every single byte flipped (every 5th on the second database: the check does not depend on it).
    let undetected = 0;
    const step = target === dbTargets()[0] ? 1 : 5;
    for (let i = 0; i < zip.length; i += step) {
      const copy = Buffer.from(zip);
      copy[i] = copy[i]! ^ 0x01;
      if (verifyPackageBytes(copy, { logVkey: vkey }).ok) undetected++;
    }
    expect(undetected).toBe(0);

    // The command a court's expert runs, with no server: exit 0, then 1 naming what fails.
    const dir = mkdtempSync(join(tmpdir(), 'mq-verify-'));
    try {
      writeFileSync(join(dir, 'package.zip'), zip);
      writeFileSync(join(dir, 'log.vkey'), `${vkey}\n`);
      const run = (file: string) =>
        spawnSync(
          process.execPath,
          ['bin/mianqian.mjs', 'verify', join(dir, file), '--vkey', join(dir, 'log.vkey')],
          {
            encoding: 'utf8',
          },
        );
      const ok = run('package.zip');
      expect(ok.stdout).toContain('OK');
      expect(ok.status).toBe(0);
      const tampered = Buffer.from(zip);
      const at = tampered.indexOf('"application.event"');
      tampered[at + 2] = 'x'.charCodeAt(0);
      writeFileSync(join(dir, 'tampered.zip'), tampered);
      const bad = run('tampered.zip');
      expect(bad.status).toBe(1);
      expect(bad.stdout).toMatch(/FAIL {2}\S+/);
      writeFileSync(join(dir, 'receipt.tlog-proof'), Buffer.from(files['anchor.tlog-proof']!));
      expect(run('receipt.tlog-proof').status).toBe(0);
      writeFileSync(
        join(dir, 'receipt-bad.tlog-proof'),
        Buffer.from(files['anchor.tlog-proof']!).toString().replace('index ', 'index 1'),
      );
      expect(run('receipt-bad.tlog-proof').status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // A re-zipped package with a changed record (and manifest left alone) names the record.
    const record = Object.keys(files).find((f) => f.startsWith('records/'))!;
    const changed = { ...files, [record]: Buffer.from('{"kind":"forged"}') };
    const rezipped = zipSync(
      Object.fromEntries(
        Object.entries(changed).map(([k, v]) => [
          k,
          [v, { level: 0, mtime: new Date('2020-01-01T00:00:00Z') }],
        ]),
      ),
    );
    const bad = verifyPackageBytes(rezipped, { logVkey: vkey });
    expect(bad.ok).toBe(false);
    expect(bad.checks.filter((x) => !x.ok).map((x) => x.item)).toContain(record);
    // CPU-bound: the package is verified once per byte flipped (tens of thousands of times); beside
    // the face-engine tests on 2 cores this took 96 s.
  }, 300_000);

  it('gives borrowers receipts for their own steps only', async () => {
    const c = await borrower();
    const submitted = await submittedIndividualApplication(c);
    await tick();
    const receipts = await c.call('GET', '/api/ledger/receipts');
    expect(receipts.status).toBe(200);
    const mine = receipts.body.applications.find(
      (a: { applicationId: string }) => a.applicationId === submitted.body.id,
    );
    expect(mine.entries).toHaveLength(6);
    const file = await c.call('GET', `/api/ledger/entries/${mine.entries[0].index}/tlog-proof`);
    expect(file.status).toBe(200);
    const parsed = parseTlogProof(file.raw.body);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const checkpoint = parseCheckpoint(
      parseNote(parsed.value.note).ok
        ? (parseNote(parsed.value.note) as { value: { text: string } }).value.text
        : '',
    );
    expect(checkpoint.ok).toBe(true);
    if (!checkpoint.ok) return;
    expect(
      verifyInclusion({
        index: parsed.value.index,
        size: checkpoint.value.size,
        leafHash: hashLeaf(parsed.value.extra!),
        proof: parsed.value.proof,
        root: checkpoint.value.root,
      }),
    ).toEqual({ ok: true });
    expect((await officer.call('GET', '/api/ledger/receipts')).status).toBe(403);
  });

  it('audit finds an altered, deleted, inserted or reordered row (each done to a copy)', async () => {
    const tampers: Record<
      string,
      (db: TestPlatform['infra']['database']['db'], size: number) => Promise<void>
    > = {
      altered: async (db) => {
        await sql`update ledger_entries set entry = convert_to(replace(convert_from(entry, 'UTF8'), '"application.event"', '"approval"'), 'UTF8') where idx = 0`.execute(
          db,
        );
      },
      'altered with its leaf hash': async (db) => {
        const forged = Buffer.from('{"forged":true}');
        await sql`update ledger_entries set entry = ${forged}, leaf_hash = ${hashLeaf(forged)} where idx = 2`.execute(
          db,
        );
      },
      deleted: async (db) => {
        await sql`delete from ledger_entries where idx = 1`.execute(db);
      },
      inserted: async (db, size) => {
        const forged = Buffer.from('{"forged":true}');
        await sql`insert into ledger_entries (idx, entry, leaf_hash) values (${size}, ${forged}, ${hashLeaf(forged)})`.execute(
          db,
        );
      },
      reordered: async (db) => {
        await sql`update ledger_entries set idx = 1000000 where idx = 0`.execute(db);
        await sql`update ledger_entries set idx = 0 where idx = 4`.execute(db);
        await sql`update ledger_entries set idx = 4 where idx = 1000000`.execute(db);
      },
    };
    for (const [name, tamper] of Object.entries(tampers)) {
      const copy = await createTestPlatform({ target });
      try {
        const c = new TestClient(copy.app);
        await c.register({});
        await submittedIndividualApplication(c);
        await copy.app.ledgerIntegrator!.tick();
        const deps = composeLedgerDeps({ infra: copy.infra, config: copy.config });
        expect((await auditLedger(deps)).problems, `${name}: clean before`).toEqual([]);
        const { db } = copy.infra.database;
        await sql`alter table ledger_entries disable trigger ledger_entries_append_only`.execute(db);
        await tamper(db, await copy.infra.ledger.store.sequencedSize());
        const report = await auditLedger(deps);
        expect(report.ok, name).toBe(false);
        expect(report.problems.length, name).toBeGreaterThan(0);
      } finally {
        await copy.close();
      }
    }
  });

  it('never signs a checkpoint inconsistent with the last one, even when a tile is corrupted', async () => {
    const copy = await createTestPlatform({ target });
    try {
      const c = new TestClient(copy.app);
      await c.register({});
      await submittedIndividualApplication(c);
      await copy.app.ledgerIntegrator!.tick();
      const signed = (await copy.infra.ledger.store.latestCheckpoint())!;
      expect(signed.size).toBeGreaterThan(0);
      const { db } = copy.infra.database;
      await sql`update ledger_tiles set hashes = overlay(hashes placing ${Buffer.alloc(32, 0xee)} from 1 for 32) where level = 0 and idx = 0`.execute(
        db,
      );
      await submittedIndividualApplication(c);
      await copy.app.ledgerIntegrator!.tick();
      expect((await copy.infra.ledger.store.latestCheckpoint())!.size).toBe(signed.size);
      expect((await copy.infra.ledger.store.sequencedSize()) > signed.size).toBe(true);
    } finally {
      await copy.close();
    }
  });

  it('answers malformed ledger requests with a 4xx JSON error, never a 5xx', async () => {
    await tick();
    const requests: [string, string, unknown?][] = [
      ['GET', '/api/ledger/proofs/inclusion?leafHash=zz'],
      ['GET', '/api/ledger/proofs/inclusion?leafHash=' + 'a'.repeat(63)],
      ['GET', '/api/ledger/proofs/inclusion?index=1&leafHash=' + 'a'.repeat(64)],
      ['GET', '/api/ledger/proofs/inclusion?index=1.5'],
      ['GET', '/api/ledger/proofs/inclusion?index=99999999999999999999'],
      ['GET', '/api/ledger/proofs/inclusion?index=0&size=0'],
      ['GET', '/api/ledger/proofs/inclusion?leafHash=' + '0'.repeat(64)],
      ['GET', '/api/ledger/proofs/consistency'],
      ['GET', '/api/ledger/proofs/consistency?from=0'],
      ['GET', '/api/ledger/proofs/consistency?from=2&to=1'],
      ['GET', '/api/ledger/proofs/consistency?from=abc'],
      ['GET', '/ledger/tile/0/-1'],
      ['GET', '/ledger/tile/99/000'],
      ['GET', '/ledger/tile/entries/x000'],
      ['GET', '/ledger/tile/0/000.p/abc'],
      ['GET', '/api/ledger/entries/abc/tlog-proof'],
      ['GET', '/api/ledger/entries/99999999/tlog-proof'],
      ['GET', '/api/ledger/applications/not-a-uuid/entries'],
      ['GET', `/api/ledger/applications/${crypto.randomUUID()}/entries`],
      ['GET', `/api/applications/${crypto.randomUUID()}/evidence`],
      ['POST', '/witness/add-checkpoint', 'old 0\n\n'],
    ];
    for (const [method, url, body] of requests) {
      const res = await officer.call(
        method,
        url,
        body,
        body === undefined ? {} : { 'content-type': 'text/plain' },
      );
      expect(res.status, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${url}`).toBeLessThan(500);
      expect(typeof res.body?.error?.code, `${method} ${url}`).toBe('string');
    }
  });

  it('keeps the log append-only in the database itself', async () => {
    const { db } = p.infra.database;
    await expect(sql`update ledger_entries set subject = 'x' where idx = 0`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from ledger_entries where idx = 0`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_checkpoints`.execute(db)).rejects.toThrow(/append-only/);
  });
});
