import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSignerKey } from '../../src/core/ledger/note/format-signer-key';
import { formatVerifierKey } from '../../src/core/ledger/note/format-verifier-key';
import { ed25519KeyPair } from '../../src/core/ledger/note/ed25519-key-pair';
import { ed25519Signer } from '../../src/core/ledger/note/ed25519-signer';
import { formatAddCheckpoint } from '../../src/core/ledger/note/format-add-checkpoint';
import { formatCheckpoint } from '../../src/core/ledger/note/format-checkpoint';
import { parseVerifierKey } from '../../src/core/ledger/note/parse-verifier-key';
import { signNote } from '../../src/core/ledger/note/sign-note';
import { verifyNote } from '../../src/core/ledger/note/verify-note';
import { createTestPlatform, dbTargets, TestClient, type TestPlatform } from '../support/test-platform';
import { submittedIndividualApplication } from '../support/fixtures';

const seed = (n: number) => Buffer.alloc(32, n);
const logKey = (origin: string, n: number) => ({
  skey: formatSignerKey(origin, seed(n)),
  vkey: formatVerifierKey(origin, ed25519KeyPair(seed(n)).publicKey),
});

/**
 * Two (three) mianqian nodes over real HTTP: a witness node, a log that needs its cosignature, and a
 * log that needs a second witness that is down — the C2SP tlog-witness protocol end to end.
 */
describe.each(dbTargets())('witnessed checkpoints on %s', (target) => {
  const witnessName = 'witness.test/w1';
  const witnessVkey = formatVerifierKey(witnessName, ed25519KeyPair(seed(9)).publicKey, 0x04);
  const a = { origin: 'bank-a.test/ledger', ...logKey('bank-a.test/ledger', 1) };
  const b = { origin: 'bank-b.test/ledger', ...logKey('bank-b.test/ledger', 2) };
  let witness: TestPlatform;
  let logA: TestPlatform;
  let logB: TestPlatform;
  let witnessUrl: string;

  beforeAll(async () => {
    witness = await createTestPlatform({
      target,
      overrides: {
        witnessName,
        witnessKey: formatSignerKey(witnessName, seed(9), 0x04),
        witnessLogs: [
          { origin: a.origin, vkey: a.vkey },
          { origin: b.origin, vkey: b.vkey },
        ],
      },
    });
    const address = await witness.app.listen({ port: 0, host: '127.0.0.1' });
    witnessUrl = `${address}/witness`;
    logA = await createTestPlatform({
      target,
      overrides: {
        ledgerOrigin: a.origin,
        ledgerSigningKey: a.skey,
        ledgerWitnesses: [{ name: witnessName, url: witnessUrl, vkey: witnessVkey }],
        ledgerRequiredCosignatures: 1,
      },
    });
    logB = await createTestPlatform({
      target,
      overrides: {
        ledgerOrigin: b.origin,
        ledgerSigningKey: b.skey,
        ledgerWitnesses: [
          { name: witnessName, url: witnessUrl, vkey: witnessVkey },
          {
            name: 'witness.test/down',
            url: 'http://127.0.0.1:9/witness',
            vkey: formatVerifierKey('witness.test/down', ed25519KeyPair(seed(10)).publicKey, 0x04),
          },
        ],
        ledgerRequiredCosignatures: 2,
      },
    });
  });
  afterAll(async () => {
    await logA?.close();
    await logB?.close();
    await witness?.close();
  });

  const fileApplication = async (p: TestPlatform) => {
    const c = new TestClient(p.app);
    await c.register({});
    await submittedIndividualApplication(c);
  };

  it('publishes a checkpoint only once the witness has cosigned it', async () => {
    await fileApplication(logA);
    await logA.app.ledgerIntegrator!.tick();
    const anon = new TestClient(logA.app);
    const note = (await anon.call('GET', '/ledger/checkpoint')).raw.body;
    const witnessKey = parseVerifierKey(witnessVkey);
    const log = parseVerifierKey(a.vkey);
    if (!witnessKey.ok || !log.ok) throw new Error('bad test keys');
    const verified = verifyNote(note, [log.value, witnessKey.value]);
    expect(verified.ok && verified.value.verifiedBy.sort()).toEqual([a.origin, witnessName].sort());
    expect(note.split('\n')[1]).toBe(String(await logA.infra.ledger.store.sequencedSize()));

    // The witness publishes its key, and the staff overview shows who cosigned.
    expect((await new TestClient(witness.app).call('GET', '/witness/vkey')).raw.body.trim()).toBe(
      witnessVkey,
    );
    const staff = await logA.app.inject({ method: 'GET', url: '/api/ledger/overview' });
    expect(staff.statusCode).toBe(401);

    // A second round: the witness is sent a consistency proof from the size it cosigned.
    await fileApplication(logA);
    await logA.app.ledgerIntegrator!.tick();
    const next = (await anon.call('GET', '/ledger/checkpoint')).raw.body;
    const again = verifyNote(next, [log.value, witnessKey.value]);
    expect(again.ok && again.value.verifiedBy).toHaveLength(2);
    expect(Number(next.split('\n')[1])).toBeGreaterThan(Number(note.split('\n')[1]));
  });

  it('keeps serving the last published checkpoint while a required witness is down', async () => {
    await logB.app.ledgerIntegrator!.tick();
    const anon = new TestClient(logB.app);
    // Nothing ever reached the two cosignatures it needs.
    expect((await anon.call('GET', '/ledger/checkpoint')).body.error.code).toBe('LEDGER_NO_CHECKPOINT');
    await fileApplication(logB);
    await logB.app.ledgerIntegrator!.tick();
    expect((await anon.call('GET', '/ledger/checkpoint')).status).toBe(404);
    // Signed, not published: proofs are refused rather than vouching for an unwitnessed tree.
    expect((await logB.infra.ledger.store.latestCheckpoint())?.publishedNote).toBeNull();
    expect((await anon.call('GET', '/api/ledger/proofs/inclusion?index=0')).status).toBe(404);
  });

  it('refuses forks, stale sizes, bad signatures and unknown logs (tlog-witness answers)', async () => {
    const w = new TestClient(witness.app);
    const recorded = (await logA.infra.ledger.store.latestPublishedCheckpoint())!;
    const signer = ed25519Signer(a.origin, seed(1));
    const fork = signNote(
      formatCheckpoint({ origin: a.origin, size: recorded.size, root: Buffer.alloc(32, 1) }),
      [signer],
    );

    const post = (body: string) =>
      w.call('POST', '/witness/add-checkpoint', body, { 'content-type': 'text/plain' });

    // Same size, different root: a fork. Never cosigned.
    const forked = await post(formatAddCheckpoint({ oldSize: recorded.size, proof: [], note: fork }));
    expect(forked.status).toBe(422);
    expect(forked.body.error.code).toBe('WITNESS_INCONSISTENT');
    // Stale old size: 409 with the recorded size as text/x.tlog.size.
    const stale = await post(formatAddCheckpoint({ oldSize: 0, proof: [], note: fork }));
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toContain('text/x.tlog.size');
    expect(stale.raw.body.trim()).toBe(String(recorded.size));
    // Signed by someone else.
    const impostor = signNote(formatCheckpoint({ origin: a.origin, size: 99, root: Buffer.alloc(32) }), [
      ed25519Signer(a.origin, seed(3)),
    ]);
    expect(
      (await post(formatAddCheckpoint({ oldSize: recorded.size, proof: [], note: impostor }))).status,
    ).toBe(403);
    // A log it does not witness.
    const unknown = signNote(
      formatCheckpoint({ origin: 'other.test/log', size: 1, root: Buffer.alloc(32) }),
      [ed25519Signer('other.test/log', seed(4))],
    );
    expect((await post(formatAddCheckpoint({ oldSize: 0, proof: [], note: unknown }))).status).toBe(404);
    // Malformed bodies are 400, never 500.
    for (const body of ['', 'old x\n\n', 'old 1\nnot base64\n\nx\n', 'garbage'])
      expect((await post(body)).status, JSON.stringify(body)).toBe(400);
    // The honest checkpoint is still accepted (idempotent re-cosigning at the recorded size).
    const honest = await post(
      formatAddCheckpoint({ oldSize: recorded.size, proof: [], note: recorded.note }),
    );
    expect(honest.status).toBe(200);
    expect(honest.raw.body).toMatch(/^\u2014 witness\.test\/w1 /);
  });
});
