import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCommand, PG_DUMP_FILE } from '../../src/cli/backup-command';
import { personalDataPurgeCommand } from '../../src/cli/personal-data-purge-command';
import { contractJourneyAccounts } from '../../src/cli/seed-contract-journey';
import { seedDemo } from '../../src/cli/seed-demo';
import { idNumberCheckCharacter } from '../../src/core/identity/id-number';
import { decodeEvidenceLeaf } from '../../src/core/ledger/evidence/evidence-leaf';
import { digestOfCanonicalJson } from '../../src/core/ledger/evidence/record-digest';
import { formatEntriesPath } from '../../src/core/ledger/merkle/tile-path';
import { verifyInclusion } from '../../src/core/ledger/merkle/verify-inclusion';
import { parseCheckpoint } from '../../src/core/ledger/note/parse-checkpoint';
import { parseNote } from '../../src/core/ledger/note/parse-note';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { auditLedger } from '../../src/features/ledger/audit-ledger';
import { purgePersonalData } from '../../src/features/privacy/purge-personal-data';
import { loggerOptions } from '../../src/http/build-app';
import { composeLedgerDeps } from '../../src/http/compose-deps';
import { composePrivacyDeps } from '../../src/http/compose-privacy';
import { createHumanFaceEngine } from '../../src/infra/face/human-face-engine';
import { createDbFaceSampleStore } from '../../src/infra/media/db-face-sample-store';
import { meetConditions } from '../support/conditions-journey';
import { contractJourney, repaymentAccount } from '../support/contract-journey';
import {
  embeddingPlants,
  person,
  photo,
  plantedValues,
  walkPersonalDataJourney,
} from '../support/personal-data-journey';
import { PlaintextScanner, type Planted } from '../support/plaintext-scan';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';

/**
 * Personal data at rest and in logs (PIPL art. 28, 29, 47, 51; JR/T 0171 C2/C3; ASVS 11.3.3, 16.2.5),
 * and its deletion (PIPL art. 19, 47; docs/personal-data.md).
 *
 * Distinctive names, ID numbers, mobiles, an address, a credit code, a bank account, uploaded files
 * and face photos (with the embeddings the real face engine computes from them) go through the real
 * journeys: registration, application with documents, identity verification with the face step, an
 * enterprise draft, and the seeded contract journey to a signed contract and a settled disbursement
 * (the repayment account). Then every place they could rest is searched for each value in its common
 * forms (as is, grouped with spaces or dashes, UTF-8, UTF-16, \u-escaped, base64 at every alignment,
 * hex; for photos three 48-byte windows of the JPEG and their encodings; for embeddings the floats as
 * text and as bytes): the database (pg_dump on PostgreSQL; on PGlite every row through the database
 * and the raw files of its data directory), the data directory with the blob store, on PostgreSQL
 * the platform's backup (`mianqian backup`: its files, and its compressed dump read back as SQL;
 * on PGlite it needs the server stopped), every log line the app wrote at trace level with the production log
 * options, and the ledger (every entry bundle through the public tile API, and its rows). Masked
 * forms are not hits: they keep at most a mobile's first 3 and last 4 digits, an ID number's first 6
 * and last 4, a card's last 4, and a name's first character — none contains a whole planted value.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const PG_DUMP = '/usr/lib/postgresql/15/bin/pg_dump';
const PG_RESTORE = '/usr/lib/postgresql/15/bin/pg_restore';

/** The contract journey's seeded people and their account (seed-contract-journey.ts). */
function seededPlants(): Planted[] {
  const id = (birth: string, seq: string) => {
    const first17 = `310104${birth}${seq}`;
    return first17 + idNumberCheckCharacter(first17);
  };
  const { borrower, guarantor } = contractJourneyAccounts;
  return [
    { kind: 'name', label: 'seeded borrower name', value: borrower.displayName },
    { kind: 'name', label: 'seeded guarantor name', value: guarantor.displayName },
    { kind: 'id number', label: 'seeded borrower ID number', value: id('19900315', '251') },
    { kind: 'id number', label: 'seeded guarantor ID number', value: id('19820719', '432') },
    { kind: 'mobile', label: 'seeded borrower mobile', value: borrower.mobile },
    { kind: 'mobile', label: 'seeded guarantor mobile', value: guarantor.mobile },
    { kind: 'address', label: 'seeded borrower address', value: '上海市徐汇区漕溪北路 99 号' },
    {
      kind: 'bank account',
      label: 'repayment and disbursement account',
      value: repaymentAccount.accountNumber,
    },
  ];
}

describe('the plaintext scanner', () => {
  it('finds a value in each form it searches for, wherever it sits, and nothing in ciphertext', () => {
    const values = plantedValues();
    const jpeg = photo(person.photos.reference);
    const embedding = new Float32Array([0.0312, -0.0457, 0.1183, 0.0021, -0.0733, 0.0999]);
    const forms = (v: string) => [
      JSON.stringify({ note: `x ${v} y` }),
      Buffer.from(`«${v}»`, 'utf16le').toString('latin1'),
      ...[0, 1, 2].map((k) => Buffer.from(`${'#'.repeat(k)}${v}!`).toString('base64')),
      Buffer.from(`:${v}:`).toString('hex'),
      /^\d+$/.test(v) ? v.replace(/(\d{4})(?=\d)/g, '$1 ') : v,
    ];
    let expected = 0;
    const scanner = new PlaintextScanner([
      ...values,
      { kind: 'face photo', label: 'jpeg', value: jpeg },
      ...embeddingPlants('embedding', {
        width: 1,
        height: 1,
        faces: [
          {
            score: 1,
            box: { x: 0, y: 0, width: 1, height: 1 },
            embedding,
            pose: { yaw: 0, pitch: 0, roll: 0 },
          },
        ],
      } as never),
    ]);
    for (const v of values)
      for (const f of forms(v.value as string)) {
        expected++;
        expect(
          scanner.scan('control', Buffer.from(f, f.startsWith('«') ? 'latin1' : 'utf8')).length,
          f,
        ).toBeGreaterThan(0);
      }
    for (const f of [
      jpeg,
      Buffer.from(jpeg.toString('base64')),
      Buffer.from(JSON.stringify(Array.from(embedding))),
    ]) {
      expected++;
      expect(
        scanner.scan('control', Buffer.concat([Buffer.from('{"a":'), f, Buffer.from('}')])).length,
      ).toBeGreaterThan(0);
    }
    // Masked forms and sealed values are not hits.
    const b = person.borrower;
    const masked = `${b.mobile.slice(0, 3)}****${b.mobile.slice(7)} ${b.idNumber.slice(0, 6)}********${b.idNumber.slice(-4)} ${b.name[0]}***`;
    expect(scanner.scan('masked', Buffer.from(masked))).toEqual([]);
    console.log(`personal-data: scanner control: ${expected} planted forms found, masked forms not flagged`);
  });
});

describe.each(dbTargets())('personal data on %s', (target) => {
  let p: TestPlatform;
  let admin: TestClient;
  let journey: Awaited<ReturnType<typeof walkPersonalDataJourney>>;
  let disbursedApplicationId: string;
  const logLines: string[] = [];
  const planted: Planted[] = [];
  const db = () => p.infra.database.db;
  let started = Date.now();
  const phases: string[] = [];
  const phase = (name: string) => phases.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);

  beforeAll(async () => {
    started = Date.now();
    p = await createTestPlatform({
      target,
      // PGlite on disk, so its files can be read raw; the production log options at the lowest level.
      isDatabaseOnDisk: true,
      logger: {
        ...loggerOptions({ logLevel: 'trace' }),
        stream: { write: (line: string) => logLines.push(line) },
      },
      overrides: { sessionIdleMinutes: 24 * 60 },
    });
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'staff passphrase 2026', displayName: '管理员', role: 'admin' },
    });
    admin = new TestClient(p.app);
    await admin.login(mobile, 'staff passphrase 2026');

    // The seeded contract journey to a settled disbursement: the account number's way through the
    // contract, the payment gateway and the general ledger.
    await seedDemo({ infra: p.infra, config: p.config });
    const approved = await db()
      .selectFrom('applications')
      .select('id')
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    disbursedApplicationId = approved.id;
    phase('seeded');
    const signed = await contractJourney(() => p).signLoanContract(disbursedApplicationId);
    const officer = await contractJourney(() => p).logIn('13900000001', 'officer-pass-2026');
    await meetConditions(officer, disbursedApplicationId);
    const disbursed = await signed.approver.call(
      'POST',
      `/api/staff/applications/${disbursedApplicationId}/disbursement`,
      { amount: signed.contract.amount },
      { 'idempotency-key': randomUUID() },
    );
    expect(disbursed.status, JSON.stringify(disbursed.body)).toBe(202);
    await p.app.disbursementDispatcher.tick();
    expect((await p.infra.applications.findById(disbursedApplicationId))?.status).toBe('disbursed');
    phase('disbursed');

    journey = await walkPersonalDataJourney({ p, admin });
    await p.app.ledgerIntegrator!.tick();
    phase('borrower journey');

    // The faces, and what the engine makes of them (the same engine the platform ran).
    const engine = createHumanFaceEngine();
    const photos = [person.photos.reference, ...person.photos.frames, person.photos.idCopy];
    planted.push(...plantedValues(), ...seededPlants());
    for (const file of photos) {
      planted.push({ kind: 'face photo', label: file, value: photo(file) });
      planted.push(...embeddingPlants(`${file} embedding`, await engine.analyse(photo(file))));
    }
    phase('embeddings');
  }, 240_000);
  afterAll(() => p?.close());

  it('keeps every planted value out of the database, the files, the logs and the ledger', async () => {
    const scanner = new PlaintextScanner(planted);
    const scanStarted = Date.now();

    // The database, row by row through SQL (both targets), each row as PostgreSQL prints it.
    const tables = await sql<{ schema: string; name: string }>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(
      db(),
    );
    let rows = 0;
    const dump: string[] = [];
    for (const t of tables.rows) {
      const r = await sql<{
        row: string;
      }>`select t::text as row from ${sql.table(`${t.schema}.${t.name}`)} t`.execute(db());
      rows += r.rows.length;
      dump.push(...r.rows.map((x) => x.row));
    }
    phase('rows read');
    scanner.scan('database rows (SQL)', Buffer.from(dump.join('\n')), rows);
    phase('rows scanned');

    if (target === 'postgres') {
      // The backup form of the server: pg_dump of the test database, plain SQL with COPY data.
      const out = execFileSync(PG_DUMP, ['--no-owner', p.config.databaseUrl!], { maxBuffer: 1 << 30 });
      const copyRows = out
        .toString('utf8')
        .split('\n')
        .filter((l) => l.length > 0 && !l.startsWith('--') && l.includes('\t')).length;
      scanner.scan('pg_dump', out, copyRows);
      // The platform's own backup (`mianqian backup`; on PGlite it needs the server stopped, so only
      // here): its files raw, and its custom-format (compressed) dump read back as SQL.
      const backupDir = join(tmpdir(), `mq-pd-backup-${randomUUID()}`);
      try {
        expect(await backupCommand({ config: p.config, dir: backupDir })).toBe(0);
        scanner.scanTree('backup (raw files)', backupDir);
        const restored = execFileSync(PG_RESTORE, ['--file=-', join(backupDir, PG_DUMP_FILE)], {
          maxBuffer: 1 << 30,
        });
        scanner.scan('backup (database dump as SQL)', restored);
      } finally {
        rmSync(backupDir, { recursive: true, force: true });
      }
    } else {
      await sql`checkpoint`.execute(db());
    }
    phase('dumped');
    // The data directory: blob store, keys, and on PGlite the database files themselves.
    const files = scanner.scanTree('data directory (raw files)', p.config.dataDir);
    const blobFiles = existsSync(join(p.config.dataDir, 'blobs'))
      ? new PlaintextScanner([]).scanTree('count', join(p.config.dataDir, 'blobs'))
      : 0;

    phase('files scanned');
    // The ledger: every entry bundle through the public tile API, and the rows behind it.
    const note = parseNote((await admin.call('GET', '/ledger/checkpoint')).raw.body);
    if (!note.ok) throw new Error(note.reason);
    const checkpoint = parseCheckpoint(note.value.text);
    if (!checkpoint.ok) throw new Error(checkpoint.reason);
    const size = checkpoint.value.size;
    for (let n = 0; n * 256 < size; n++) {
      const res = await admin.call(
        'GET',
        `/ledger/${formatEntriesPath({ index: n, width: Math.min(256, size - n * 256) })}`,
      );
      expect(res.status).toBe(200);
      scanner.scan('ledger entries (tile API)', res.raw.rawPayload, Math.min(256, size - n * 256));
    }
    const leaves = await db().selectFrom('ledger_entries').select('entry').execute();
    scanner.scan(
      'ledger entries (database)',
      Buffer.concat(leaves.map((l) => Buffer.from(l.entry))),
      leaves.length,
    );

    // Every log line the app wrote during the journeys.
    scanner.scan('logs', Buffer.from(logLines.join('')), logLines.length);

    const byKind = new Map<string, number>();
    for (const v of planted) byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + 1);
    console.log(
      `personal-data (${target}): planted ${planted.length} values (${[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')}) ` +
        `as ${scanner.needles.length} needles; scanned ${scanner.sources
          .map((s) => `${s.source} ${s.bytes} bytes${s.rows === undefined ? '' : `/${s.rows} rows`}`)
          .join('; ')}; ${files} files (${blobFiles} blobs); plaintext hits: ${scanner.hits.length}; ` +
        `set-up ${phases.join(', ')}; scan ${((Date.now() - scanStarted) / 1000).toFixed(1)} s`,
    );
    expect(scanner.hits).toEqual([]);
    // The scan is not blind: the planted values really reached the platform.
    expect(size).toBeGreaterThan(0);
    expect(blobFiles).toBeGreaterThanOrEqual(4);
    expect(logLines.length).toBeGreaterThan(50);
  }, 120_000);

  it('deletes face images and interview face samples when the face consent is withdrawn; the ledger still verifies', async () => {
    const accountId = journey.client.accountId!;
    const images = () =>
      db()
        .selectFrom('face_check_images')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .where('face_check_id', '=', journey.faceCheckId)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    const samples = () =>
      db()
        .selectFrom('interview_face_samples')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    expect(await images()).toBe(journey.frames.length);
    // Samples of an interview (the room's real adapter; the WebRTC room is the interview suite's).
    const store = createDbFaceSampleStore({ db: db() });
    for (let i = 0; i < 5; i++)
      await store.insert({
        id: randomUUID(),
        interviewId: randomUUID(),
        sessionId: randomUUID(),
        accountId,
        at: new Date(Date.now() - 60_000 + i * 3000),
        offsetMs: i * 3000,
        faceCount: 1,
        matchScore: 0.8,
        pose: { yaw: 2, pitch: 1 },
        flags: [],
      });
    expect(await samples()).toBe(5);

    const consents = (await journey.client.call('GET', '/api/identity/consents')).body.items as {
      id: string;
      kind: string;
    }[];
    const faceConsent = consents.find((c) => c.kind === 'face_data')!;
    const withdrawn = await journey.client.call(
      'POST',
      `/api/identity/consents/${faceConsent.id}/withdraw`,
      {},
    );
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    const erased = { images: journey.frames.length - (await images()), samples: 5 - (await samples()) };
    expect(await images()).toBe(0);
    expect(await samples()).toBe(0);

    // What stays: the check's result, and its leaf, which commits to the frames by hash only.
    const check = await db()
      .selectFrom('face_checks')
      .select(['passed', 'frames_sha256', 'model_version'])
      .where('id', '=', journey.faceCheckId)
      .executeTakeFirstOrThrow();
    const hashes = journey.frames.map((f) => createHash('sha256').update(f).digest('hex'));
    expect(check.frames_sha256).toEqual(hashes);
    await p.app.ledgerIntegrator!.tick();
    // Its leaf attests the check's record by digest; the record (opened from the ledger's encrypted
    // openings) names the frames by SHA-256 only.
    const leaves = await db()
      .selectFrom('ledger_entries')
      .select(['idx', 'entry', 'leaf_hash'])
      .orderBy('idx')
      .execute();
    let faceLeaf: (typeof leaves)[number] | undefined;
    for (const l of leaves) {
      const decoded = decodeEvidenceLeaf(l.entry);
      if (!decoded.ok || decoded.leaf.type !== 'identity.check') continue;
      const opening = (await p.infra.ledger.openings.forLeaves([Buffer.from(l.leaf_hash)])).get(
        decoded.leaf.attests.record,
      );
      if (opening?.kind !== 'record') continue;
      const record = JSON.parse(opening.json) as { faceCheckId?: string; framesSha256?: string[] };
      if (record.faceCheckId !== journey.faceCheckId) continue;
      expect(digestOfCanonicalJson(opening.json)).toBe(decoded.leaf.attests.record);
      expect(record.framesSha256).toEqual(hashes);
      expect(opening.json.length).toBeLessThan(4096);
      faceLeaf = l;
    }
    if (!faceLeaf) throw new Error('no ledger leaf attests the face check');
    const proof = await admin.call('GET', `/api/ledger/proofs/inclusion?index=${faceLeaf.idx}`);
    expect(proof.status).toBe(200);
    const note = parseNote(proof.body.checkpoint);
    if (!note.ok) throw new Error(note.reason);
    const cp = parseCheckpoint(note.value.text);
    if (!cp.ok) throw new Error(cp.reason);
    expect(
      verifyInclusion({
        index: Number(faceLeaf.idx),
        size: cp.value.size,
        leafHash: Buffer.from(proof.body.leafHash, 'base64'),
        proof: proof.body.proof.map((h: string) => Buffer.from(h, 'base64')),
        root: cp.value.root,
      }),
    ).toEqual({ ok: true });
    const audit = await auditLedger(composeLedgerDeps({ infra: p.infra, config: p.config }));
    expect(audit.problems).toEqual([]);
    console.log(
      `personal-data (${target}): face consent withdrawn → ${erased.images} face images and ${erased.samples} ` +
        `interview face samples deleted; ledger audit ${audit.ok ? 'ok' : 'FAILED'} over ${audit.size} leaves`,
    );
  });

  it('erases a withdrawn application’s personal data and files after its retention, keeping the evidence', async () => {
    const c = journey.client;
    const id = journey.applicationId;
    expect((await c.call('POST', `/api/applications/${id}/withdraw`, { reason: '暂不需要' })).status).toBe(
      200,
    );
    const docs = await db()
      .selectFrom('documents')
      .select(['id', 'blob_key'])
      .where('application_id', '=', id)
      .execute();
    const blobPath = (key: string) => join(p.config.dataDir, 'blobs', key.slice(0, 2), key);
    expect(docs.length).toBe(2);
    for (const d of docs) expect(existsSync(blobPath(d.blob_key))).toBe(true);
    const kept = await db()
      .selectFrom('documents')
      .select(['blob_key'])
      .where('application_id', '=', disbursedApplicationId)
      .execute();
    const events = (await c.call('GET', `/api/applications/${id}`)).body.events.length as number;
    const ledgerSize = (await auditLedger(composeLedgerDeps({ infra: p.infra, config: p.config }))).size;

    // Within retention: nothing of it goes.
    const within = await purgePersonalData({
      deps: composePrivacyDeps({ infra: p.infra, config: p.config }),
    });
    expect(within.applications).not.toContain(id);
    for (const d of docs) expect(existsSync(blobPath(d.blob_key))).toBe(true);

    // Past retention, through the CLI (the same job the server runs daily).
    const printed: string[] = [];
    const later = new Date(Date.now() + (p.config.closedApplicationRetentionDays + 1) * DAY_MS);
    expect(
      await personalDataPurgeCommand({
        config: p.config,
        infra: p.infra,
        clock: () => later,
        print: (l) => printed.push(l),
      }),
    ).toBe(0);
    const erasedCount = Number(/(\d+) applications closed/.exec(printed[0]!)![1]);
    // Every closed application went (the seed's rejected and withdrawn ones too), and nothing else.
    const marked = await db()
      .selectFrom('applications')
      .select(['status', 'personal_data_erased_at'])
      .execute();
    const erasedStatuses = marked.filter((a) => a.personal_data_erased_at !== null).map((a) => a.status);
    expect(erasedStatuses).toHaveLength(erasedCount);
    expect(new Set(erasedStatuses)).toEqual(
      new Set(
        marked.filter((a) => ['rejected', 'withdrawn', 'expired'].includes(a.status)).map((a) => a.status),
      ),
    );
    expect(
      marked.filter(
        (a) => a.personal_data_erased_at === null && ['rejected', 'withdrawn', 'expired'].includes(a.status),
      ),
    ).toEqual([]);
    for (const d of docs) expect(existsSync(blobPath(d.blob_key))).toBe(false);
    const row = await db()
      .selectFrom('applications')
      .select([
        'status',
        'applicant_name_enc',
        'applicant_name_hmac',
        'id_number_hmac',
        'personal_data_erased_at',
      ])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'withdrawn',
      applicant_name_enc: null,
      applicant_name_hmac: null,
      id_number_hmac: null,
    });
    expect(row.personal_data_erased_at).not.toBeNull();
    // The borrower (and staff) still see the application, its terms and history, without the person.
    const view = await c.call('GET', `/api/applications/${id}`);
    expect(view.status).toBe(200);
    expect(view.body.details.applicant).toBeUndefined();
    expect(view.body.details.loan.amount).toBe('80000.00');
    expect(view.body.events.length).toBe(events);
    // The account keeps its display name (it outlives the application); the application's own copy goes.
    const own = JSON.stringify({
      details: view.body.details,
      documents: view.body.documents,
      name: view.body.applicantName,
    });
    for (const value of [
      person.borrower.idNumber,
      person.borrower.name,
      person.borrower.address,
      person.borrower.mobile,
    ])
      expect(own).not.toContain(value);
    expect(view.body.documents.map((d: { filename: string }) => d.filename)).toEqual(['', '']);
    const invitation = await db()
      .selectFrom('guarantor_invitations')
      .select(['name_enc', 'mobile_enc', 'mobile_hmac', 'status'])
      .where('application_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(p.infra.cipher.decrypt(invitation.name_enc)).toBe('');
    expect(p.infra.cipher.decrypt(invitation.mobile_enc)).toBe('');
    expect(invitation.mobile_hmac).toMatch(/^erased:/);
    const doc = await c.call('GET', `/api/applications/${id}/documents/${docs[0]!.id}`);
    expect(doc.status).toBe(410);
    expect(doc.body.error.code).toBe('DOCUMENT_ERASED');
    // The evidence: every leaf still there and verifying; consents kept as proof of consent.
    const audit = await auditLedger(composeLedgerDeps({ infra: p.infra, config: p.config }));
    expect(audit.problems).toEqual([]);
    expect(audit.size).toBeGreaterThanOrEqual(ledgerSize);
    expect((await c.call('GET', '/api/identity/consents')).body.items.length).toBeGreaterThanOrEqual(5);
    // A disbursed loan is not closed: its files stay.
    for (const d of kept) expect(existsSync(blobPath(d.blob_key))).toBe(true);
    // Idempotent: a second run finds nothing more.
    const again = await purgePersonalData({
      deps: composePrivacyDeps({ infra: p.infra, config: p.config, clock: () => later }),
    });
    expect(again).toEqual({ faceImages: 0, faceSamples: 0, applications: [], blobsDeleted: 0 });
    const byStatus = new Map<string, number>();
    for (const s of erasedStatuses) byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
    console.log(
      `personal-data (${target}): retention job: ${printed[0]} By status: ${[...byStatus].map(([s, n]) => `${n} ${s}`).join(', ')}; ` +
        `${marked.length - erasedCount} open or concluded applications untouched`,
    );
  });
});
