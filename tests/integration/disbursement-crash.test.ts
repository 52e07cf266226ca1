import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Yuan } from '../../src/core/money/money';
import { dispatchSteps } from '../../src/features/disbursement/disbursement-deps';
import { contractJourney } from '../support/contract-journey';
import {
  crashServerCommand,
  killAllCrashServers,
  spawnCrashServer,
  type CrashServer,
} from '../support/crash-server';
import { seedDisbursableLoans } from '../support/disbursable-loans';
import { createTestPlatform, type TestClient, type TestPlatform } from '../support/test-platform';

/**
 * Money moves exactly once through crashes: a real server runs as a child process on PostgreSQL and is
 * SIGKILLed during disbursement — at a random dispatcher step (the test-mode fault injector kills it
 * there on the message's first delivery) or at a random moment after the request was sent (which may
 * be before the request committed) — then restarted; the client retries as a client would (same key;
 * a fresh one if the old is stuck in flight). Each restart finishes the previous loan and is killed
 * during the next, so 20 loans see 20 kills in 21 processes. At the end every loan is disbursed once,
 * with one payment, two journal entries and one `disbursed` event, and the accounts balance.
 * (PostgreSQL only: the embedded database belongs to one process.)
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const LOANS = 20;

describe.skipIf(!adminUrl)('disbursement survives SIGKILL at random points (PostgreSQL)', () => {
  let p: TestPlatform;
  const loans: string[] = [];
  let approver: TestClient;
  let amount: string;
  let serverCommand: string[];
  const journey = contractJourney(() => p);
  const db = () => p.infra.database.db;

  beforeAll(async () => {
    p = await createTestPlatform({ target: 'postgres' });
    // LOANS contract_signed loans with their conditions precedent met (one signed through the API,
    // the others with a copy of its contract: tests/support/disbursable-loans.ts).
    const seeded = await seedDisbursableLoans({ platform: p, count: LOANS, journey });
    approver = seeded.approver;
    amount = seeded.amount;
    loans.push(...seeded.loans);
    // From here on only the child servers disburse.
    await p.app.disbursementDispatcher.stop();

    // The child server, bundled once so that each restart does not transpile the app again.
    serverCommand = await crashServerCommand({ name: 'disbursement' });
  }, 300_000);

  afterAll(async () => {
    await killAllCrashServers(); // a test that timed out leaves no process behind
    await p?.close();
  });

  /**
   * Spawns a server process on standby (code loaded, database not yet opened), so that its start-up
   * overlaps the current process's work; `go()` lets it open the database and listen. `crashAt` arms
   * the test-mode fault injector at that dispatcher step.
   */
  function spawnServer(crashAt: string | undefined) {
    const server = spawnCrashServer({
      command: serverCommand,
      env: {
        DATABASE_URL: p.config.databaseUrl!,
        MIANQIAN_DATA_DIR: p.config.dataDir,
        MIANQIAN_WEB_DIST: join(p.config.dataDir, 'no-web'),
        MIANQIAN_TEST_DISBURSEMENT_CRASH_AT: crashAt ?? '',
      },
    });
    return { ...server, crashAt };
  }
  type Standby = ReturnType<typeof spawnServer>;
  type Server = Standby & { url: string };

  /** One disbursement request on a connection of its own; rejects if the server dies under it. */
  const post = (url: string, applicationId: string, key: string) =>
    new Promise<{ status: number; code: string | undefined }>((resolveAnswer, reject) => {
      const req = httpRequest(
        `${url}/api/staff/applications/${applicationId}/disbursement`,
        {
          method: 'POST',
          agent: false,
          timeout: 15_000,
          headers: {
            'content-type': 'application/json',
            cookie: approver.cookie!,
            'x-csrf-token': approver.csrf!,
            'idempotency-key': key,
          },
        },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => {
            const parsed = JSON.parse(body || '{}') as { error?: { code: string } };
            resolveAnswer({ status: res.statusCode!, code: parsed.error?.code });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end(JSON.stringify({ amount }));
    });

  const kill = (server: CrashServer) => server.kill();

  const goLive = async (standby: Standby): Promise<Server> => ({ ...standby, url: await standby.go() });
  const isDead = (s: Server) => s.isDead();

  it(`disburses ${LOANS} loans exactly once through ${LOANS} kills with balanced accounts`, async () => {
    const started = Date.now();
    const kills: string[] = [];
    const keys = loans.map(() => ({ value: randomUUID() }));
    const randomStep = () => dispatchSteps[Math.floor(Math.random() * dispatchSteps.length)];
    let server = await goLive(spawnServer(randomStep()));
    // Two of every three processes carry a fault injector at a random step; the third is killed from
    // outside at a random moment. The next one is always warming up while the current one works.
    let next = spawnServer(randomStep());

    /**
     * The client's retry until the loan is disbursed: the same key (a fresh one if the old is stuck in
     * flight). If the server dies under it (its fault injector fired on a request that never committed
     * before), it is restarted without one.
     */
    async function finish(applicationId: string, key: { value: string }) {
      for (let i = 0; i < 200; i++) {
        const answer = await post(server.url, applicationId, key.value).catch(() => undefined);
        if (answer === undefined || isDead(server)) {
          await kill(server);
          kills.push(`${server.crashAt ?? 'kill'} (while finishing)`);
          server = await goLive(spawnServer(undefined));
          continue;
        }
        // Every loan's conditions were met above: a refusal for them is a failure, not a retry.
        expect(answer.code).not.toBe('CONDITIONS_OUTSTANDING');
        if (answer.code === 'IDEMPOTENCY_KEY_IN_FLIGHT') key.value = randomUUID();
        else expect([202, 409]).toContain(answer.status);
        const row = await db()
          .selectFrom('applications')
          .select('status')
          .where('id', '=', applicationId)
          .executeTakeFirstOrThrow();
        const pending = await db()
          .selectFrom('disbursement_outbox')
          .innerJoin('disbursements', 'disbursements.id', 'disbursement_outbox.disbursement_id')
          .select('disbursement_outbox.id')
          .where('disbursements.application_id', '=', applicationId)
          .where('processed_at', 'is', null)
          .execute();
        if (row.status === 'disbursed' && pending.length === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`loan ${applicationId} was not disbursed`);
    }

    try {
      for (let i = 0; i < LOANS; i++) {
        // The restarted process first finishes the loan killed last time.
        if (i > 0) await finish(loans[i - 1]!, keys[i - 1]!);
        const sent = post(server.url, loans[i]!, keys[i]!.value).catch(() => undefined);
        if (server.crashAt !== undefined) {
          const how = await Promise.race([
            server.exited,
            new Promise((r) => setTimeout(() => r('alive'), 15_000)),
          ]);
          expect(how, server.output()).toBe('SIGKILL');
          kills.push(server.crashAt);
        } else {
          const delay = Math.floor(Math.random() * 150);
          await new Promise((r) => setTimeout(r, delay));
          await kill(server);
          kills.push(`${delay} ms after the request`);
        }
        await sent;
        server = await goLive(next);
        next = spawnServer(i % 3 === 0 ? undefined : randomStep());
      }
      await finish(loans[LOANS - 1]!, keys[LOANS - 1]!);
    } finally {
      await kill(server);
      await kill(next);
    }
    expect(kills.length).toBeGreaterThanOrEqual(LOANS);

    // Every loan: disbursed once, one payment, two balanced journal entries, one event.
    for (const applicationId of loans) {
      const disbursements = await db()
        .selectFrom('disbursements')
        .selectAll()
        .where('application_id', '=', applicationId)
        .execute();
      expect(disbursements.map((d) => d.status)).toEqual(['settled']);
      const e2e = disbursements[0]!.end_to_end_id;
      const transfers = await db()
        .selectFrom('payment_transfers')
        .selectAll()
        .where('receivable_account', '=', `loan-receivable:${applicationId}`)
        .execute();
      expect(transfers.map((t) => [t.end_to_end_id, t.status])).toEqual([[e2e, 'settled']]);
      const entries = await db()
        .selectFrom('gl_journal_entries')
        .select('kind')
        .where('end_to_end_id', '=', e2e)
        .execute();
      expect(entries.map((e) => e.kind).sort()).toEqual(['transfer_accepted', 'transfer_settled']);
      const history = await p.infra.applications.history(applicationId);
      expect(history.filter((e) => e.toStatus === 'disbursed')).toHaveLength(1);
      expect((await p.infra.applications.findById(applicationId))?.status).toBe('disbursed');
    }
    const balances = await sql<{ kind: string; balance: string }>`
      select a.kind, sum(l.debit) - sum(l.credit) as balance
      from gl_journal_lines l join gl_accounts a on a.code = l.account group by a.kind`.execute(db());
    const byKind = Object.fromEntries(balances.rows.map((r) => [r.kind, new Yuan(r.balance)]));
    const total = new Yuan(amount).times(LOANS);
    expect(byKind.loan_receivable!.eq(total)).toBe(true);
    expect(byKind.funding!.eq(total.negated())).toBe(true);
    expect(byKind.clearing!.isZero()).toBe(true);
    expect(
      Object.values(byKind)
        .reduce((s, v) => s.plus(v), new Yuan(0))
        .isZero(),
    ).toBe(true);
    expect(await db().selectFrom('payment_transfers').select('end_to_end_id').execute()).toHaveLength(LOANS);
    console.info(
      `disbursement crash test: ${LOANS} loans, ${LOANS} kills (${kills.join('; ')}) in ${Date.now() - started} ms`,
    );
  }, 240_000);
});
