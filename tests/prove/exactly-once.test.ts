import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import type { DisbursementDeps } from '../../src/features/disbursement/disbursement-deps';
import type { DisbursementStore } from '../../src/features/disbursement/disbursement-store.port';
import { dispatchDisbursements } from '../../src/features/disbursement/dispatch-disbursements';
import { composeDisbursementDeps } from '../../src/http/compose-disbursement';
import { Yuan } from '../../src/core/money/money';
import { contractJourney, demo } from '../support/contract-journey';
import { seedDisbursableLoans } from '../support/disbursable-loans';
import {
  createFaultyPaymentGateway,
  type FaultChoice,
  type PaymentFault,
} from '../support/faulty-payment-gateway';
import {
  createTestPlatform,
  dbTargets,
  uniqueMobile,
  type Answer,
  type TestClient,
  type TestPlatform,
} from '../support/test-platform';

/**
 * Exactly once (issue item 2; draft-ietf-httpapi-idempotency-key-header-07, Stripe, TigerBeetle's
 * reliable transaction submission; docs/disbursement.md). Money moves through one endpoint only — the
 * disbursement request, the one route that takes an Idempotency-Key (checked below against the source,
 * so a new one cannot slip past this suite) — and its background dispatcher, the only caller of the
 * payment port.
 *
 * Each fast-check run takes a fresh contract_signed loan and fires, from two approvers and a borrower,
 * concurrent duplicates and retries under one key (bare and quoted), the same key with another body or
 * for another loan, missing and malformed keys; in half the runs the first request is held between its
 * key's claim and its commit so that what arrives meanwhile is known to be "in flight". Two or three
 * dispatchers ("nodes", with leases short enough to overlap) carry the disbursement through a payment
 * network that delays, times out before or after booking, or rejects, at random. A rejected loan is
 * retried with a new key until it settles. Then: no loan paid twice (database rows and the network's
 * own record), every replay byte-identical to its first answer, 409 for every duplicate in flight, 422
 * for every changed body or loan under a used key, 400 for every bad key, and no answer to one caller
 * built from another's record (FINERACT-2485).
 *
 * Replay a run with MIANQIAN_EXACTLY_ONCE_SEED=<seed> (the plan replays; thread interleavings may
 * differ); MIANQIAN_EXACTLY_ONCE_RUNS sets the number of runs (loans) per database.
 */
const SEED = Number(process.env.MIANQIAN_EXACTLY_ONCE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.MIANQIAN_EXACTLY_ONCE_RUNS ?? 8);
console.info(`exactly-once: seed ${SEED} (replay with MIANQIAN_EXACTLY_ONCE_SEED=${SEED}), ${RUNS} runs`);

const url = (id: string) => `/api/staff/applications/${id}/disbursement`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BAD_KEYS = ['', ' ', 'a b', '"unterminated', 'x"y', 'back\\slash', 'x'.repeat(256)];

type Who = 'a1' | 'a2' | 'borrower';
interface Req {
  who: Who;
  key: 'main' | 'fresh' | 'missing' | 'invalid';
  isQuoted: boolean;
  body: 'same' | 'changed' | 'wrong-amount';
  loan: 'this' | 'other';
  delayMs: number;
  badKey: number;
}
interface Round {
  mainKey: string;
  isFirstHeld: boolean;
  /** Requests that arrive while the first is in flight (only sent when it is held). */
  meanwhile: Req[];
  /** Requests (and retries) once the first answered, concurrent with the dispatchers. */
  burst: Req[];
  faults: FaultChoice[];
  nodes: number;
  leaseMs: number;
}

const faultArb: fc.Arbitrary<FaultChoice> = fc.record({
  // Timeouts weigh most: they are what makes a sender tempted to send twice.
  fault: fc.constantFrom<PaymentFault>(
    'ok',
    'delay',
    'timeout-before',
    'timeout-before',
    'timeout-after',
    'timeout-after',
    'reject',
  ),
  ms: fc.integer({ min: 0, max: 25 }),
});
const reqArb = (whos: Who[], keys: Req['key'][]): fc.Arbitrary<Req> =>
  fc.record({
    who: fc.constantFrom(...whos),
    key: fc.constantFrom(...keys),
    isQuoted: fc.boolean(),
    body: fc.constantFrom('same', 'same', 'changed', 'wrong-amount') as fc.Arbitrary<Req['body']>,
    loan: fc.constantFrom('this', 'this', 'this', 'other') as fc.Arbitrary<Req['loan']>,
    delayMs: fc.integer({ min: 0, max: 30 }),
    badKey: fc.nat({ max: BAD_KEYS.length - 1 }),
  });
const roundArb: fc.Arbitrary<Round> = fc.record({
  // Low-entropy keys on purpose ("1", "a"): per-caller storage must keep them apart.
  mainKey: fc.oneof(fc.constantFrom('1', 'a', 'key'), fc.uuid(), fc.stringMatching(/^[!#-[\]-~]{1,40}$/)),
  isFirstHeld: fc.constantFrom(true, true, false),
  // While the first is held nothing else may reach the commit (it would wait for the same gate).
  meanwhile: fc.array(reqArb(['a1', 'a1', 'borrower'], ['main', 'main', 'main', 'missing', 'invalid']), {
    minLength: 1,
    maxLength: 8,
  }),
  burst: fc.array(
    reqArb(['a1', 'a1', 'a2', 'borrower'], ['main', 'main', 'main', 'fresh', 'missing', 'invalid']),
    { minLength: 2, maxLength: 12 },
  ),
  faults: fc.array(faultArb, { minLength: 1, maxLength: 8 }),
  nodes: fc.integer({ min: 2, max: 3 }),
  leaseMs: fc.integer({ min: 5, max: 200 }),
});

/**
 * Holds disbursement requests between their key's claim and their commit while armed, as a slow
 * database would (the real store still does the work once released): what arrives meanwhile meets a
 * key known to be in flight. A held request can also be failed there, as a commit that lost its
 * connection.
 */
function holdCommits(store: DisbursementStore) {
  const createRequested = store.createRequested.bind(store);
  let isArmed = false;
  const held: { go: () => void; fail: (e: Error) => void }[] = [];
  let onArrival = () => {};
  store.createRequested = async (input) => {
    if (isArmed)
      await new Promise<void>((go, fail) => {
        held.push({ go, fail });
        onArrival();
      });
    return createRequested(input);
  };
  return {
    arm() {
      isArmed = true;
    },
    /** The first `n` requests held, once that many arrived. */
    async arrivals(n: number) {
      while (held.length < n) await new Promise<void>((r) => (onArrival = r));
      return held.slice(0, n);
    },
    releaseAll() {
      isArmed = false;
      for (const h of held.splice(0)) h.go();
    },
  };
}

/** Files under `dir` (recursively) whose name ends with `suffix`. */
function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? filesUnder(join(dir, e.name), suffix)
      : e.name.endsWith(suffix)
        ? [join(dir, e.name)]
        : [],
  );
}

describe('exactly once: the endpoints in scope', () => {
  it('the disbursement request is the only route taking an Idempotency-Key, its dispatcher the only payment sender', () => {
    const routes = filesUnder('src/features', '.routes.ts').filter((f) =>
      /idempotency-key/i.test(readFileSync(f, 'utf8')),
    );
    expect(routes.map((f) => f.replace(/\\/g, '/'))).toEqual([
      'src/features/disbursement/disbursement.routes.ts',
    ]);
    const senders = filesUnder('src', '.ts').filter(
      (f) => !f.endsWith('.test.ts') && /gateway\.transfer\(/.test(readFileSync(f, 'utf8')),
    );
    expect(senders.map((f) => f.replace(/\\/g, '/'))).toEqual([
      'src/features/disbursement/dispatch-disbursements.ts',
    ]);
    console.info(
      'exactly-once: endpoints that move money or take an Idempotency-Key: POST /api/staff/applications/:id/disbursement (payments sent only by its dispatcher)',
    );
  });
});

describe.each(dbTargets())('exactly once on %s', (target) => {
  let p: TestPlatform;
  let loans: string[];
  let otherLoan: string;
  let amount: string;
  const clients = {} as Record<Who, TestClient>;
  let deps: DisbursementDeps;
  let faulty: ReturnType<typeof createFaultyPaymentGateway>;
  let hold: ReturnType<typeof holdCommits>;
  const journey = contractJourney(() => p);
  const db = () => p.infra.database.db;
  /** The fault plan of the run in progress, and how many of its loan's disbursements failed so far. */
  let plan: FaultChoice[] = [];
  let failures = 0;

  beforeAll(async () => {
    const setupStarted = Date.now();
    p = await createTestPlatform({ target });
    // One loan per run, and one for the stale in-flight key below.
    const seeded = await seedDisbursableLoans({ platform: p, count: RUNS + 1, journey });
    loans = seeded.loans;
    amount = seeded.amount;
    // A fresh second factor for the approver (step-up lasts minutes; the seeding may take a while).
    clients.a1 = await journey.logInSteppedUp(demo('approver').mobile, demo('approver').password);
    // Another application of the seed that is not ready to disburse: a key's "other loan".
    const other = await db()
      .selectFrom('applications')
      .select('id')
      .where('status', '<>', 'contract_signed')
      .executeTakeFirstOrThrow();
    otherLoan = other.id;
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'second approver 2026', displayName: '第二审批人', role: 'approver' },
    });
    clients.a2 = await journey.logInSteppedUp(mobile, 'second approver 2026');
    clients.borrower = await journey.logIn(
      demo('borrower_individual').mobile,
      demo('borrower_individual').password,
    );
    // The app's own dispatcher stops; the suite's "nodes" run the same code over the faulty network.
    await p.app.disbursementDispatcher.stop();
    const base = composeDisbursementDeps({ infra: p.infra, config: p.config });
    faulty = createFaultyPaymentGateway({
      inner: base.gateway,
      // After two rejections a loan meets a network without faults, so every run ends settled; the
      // faults of one end-to-end id follow the plan in order.
      choose: (_id, n) => (failures >= 2 ? { fault: 'ok', ms: 0 } : (plan[n] ?? { fault: 'ok', ms: 0 })),
    });
    deps = { ...base, gateway: faulty.gateway };
    hold = holdCommits(p.infra.disbursement.store);
    console.info(
      `exactly-once on ${target}: ${RUNS} loans ready to disburse in ${Date.now() - setupStarted} ms`,
    );
  }, 300_000);
  afterAll(() => p?.close());

  it('pays each loan once through duplicates, retries and a misbehaving payment network; replays are exact; no key leaks', async () => {
    const started = Date.now();
    const figures = {
      runs: 0,
      operations: 0,
      duplicatesAttempted: 0,
      duplicateEffects: 0,
      replays: 0,
      replaysIdentical: 0,
      inFlight: 0,
      inFlight409: 0,
      reused: 0,
      reused422: 0,
      badKeys: 0,
      badKeys400: 0,
      crossPrincipal: 0,
      leaks: 0,
      payments: 0,
      disbursementRows: 0,
      rejectedAttempts: 0,
      dispatchErrors: 0,
    };
    let nextLoan = 0;

    await fc.assert(
      fc.asyncProperty(roundArb, async (planned) => {
        if (nextLoan >= loans.length) throw new Error('out of loans: raise the seeded count');
        const loan = loans[nextLoan++]!;
        // A caller's key is theirs for good, so a1's main key is new each run (the run's number in
        // front, "3a", "51"); a2 sends the very same key, low entropy and all.
        const round = { ...planned, mainKey: `${nextLoan}${planned.mainKey}` };
        figures.runs++;
        plan = round.faults;
        failures = 0;
        deps.settings = { ...deps.settings, leaseMs: round.leaseMs, retryDelaysMs: [0, 5, 20] };
        const accountOf = (who: Who) => clients[who].accountId!;
        /** The first answer of each (caller, key) and its raw bytes, to check replays against. */
        const originals = new Map<string, { raw: string; body: { id: string; applicationId: string } }>();
        /** Every (caller, key) seen so far, to count duplicates. */
        const seen = new Set<string>();
        const answers: { req: Req; key: string | undefined; loanId: string; res: Answer }[] = [];
        let freshKeys = 0;

        const keyOf = (req: Req) =>
          req.key === 'main'
            ? round.mainKey
            : req.key === 'fresh'
              ? `fresh-${randomUUID()}-${freshKeys++}`
              : undefined;
        /** Sends a request of the plan (under `key` when given: a replay of an earlier one). */
        const send = async (req: Req, key = keyOf(req)) => {
          await sleep(req.delayMs);
          const header: Record<string, string> =
            req.key === 'missing'
              ? {}
              : req.key === 'invalid'
                ? { 'idempotency-key': BAD_KEYS[req.badKey]! }
                : { 'idempotency-key': req.isQuoted ? `"${key}"` : key! };
          const body =
            req.body === 'same'
              ? { amount }
              : req.body === 'changed'
                ? { amount, note: '改了' }
                : { amount: '1.00' };
          const loanId = req.loan === 'this' ? loan : otherLoan;
          if (key !== undefined) {
            const id = `${req.who}|${key}`;
            if (seen.has(id)) figures.duplicatesAttempted++;
            seen.add(id);
          }
          const res = await clients[req.who].call('POST', url(loanId), body, header);
          figures.operations++;
          answers.push({ req, key, loanId, res });
          return res;
        };

        const main: Req = {
          who: 'a1',
          key: 'main',
          isQuoted: false,
          body: 'same',
          loan: 'this',
          delayMs: 0,
          badKey: 0,
        };
        // 1. The first request; held in flight (between its key's claim and its commit) when the plan says.
        if (round.isFirstHeld) hold.arm();
        const first = send(main);
        if (round.isFirstHeld) {
          const early = await Promise.race([hold.arrivals(1).then(() => undefined), first]);
          expect(early, 'the first request answered before its commit').toBeUndefined();
          // 2. While it is in flight: the same request again is 409, another body or loan under the key 422.
          const meanwhile = await Promise.all(
            // Always the same request again (bare and quoted), another body and another loan, then the plan's.
            [
              main,
              { ...main, isQuoted: true },
              { ...main, body: 'changed' as const },
              { ...main, loan: 'other' as const },
              ...round.meanwhile,
            ].map(async (req) => ({ req, res: await send(req) })),
          );
          hold.releaseAll();
          for (const { req, res } of meanwhile) {
            if (req.who === 'borrower') continue;
            if (req.key !== 'main') continue;
            if (req.body === 'same' && req.loan === 'this') {
              figures.inFlight++;
              expect(res.status, res.raw.payload).toBe(409);
              expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_IN_FLIGHT');
              figures.inFlight409++;
            } else {
              figures.reused++;
              expect(res.status, res.raw.payload).toBe(422);
              expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
              figures.reused422++;
            }
          }
        }
        const firstAnswer = await first;
        expect(firstAnswer.status, firstAnswer.raw.payload).toBe(202);

        // 3. Duplicates, retries, other callers and loans, concurrent with the dispatcher nodes.
        let isDispatching = true;
        const dispatcher = async () => {
          while (isDispatching) {
            try {
              await dispatchDisbursements({ deps, onError: () => figures.dispatchErrors++ });
            } catch {
              figures.dispatchErrors++;
            }
            await sleep(2);
          }
        };
        const nodes = Array.from({ length: round.nodes }, dispatcher);
        // Always a retry of the first (a client that timed out) and the key with another amount, then the plan's.
        const burstPlan: Req[] = [
          { ...main, delayMs: 3 },
          { ...main, body: 'wrong-amount', delayMs: 1 },
          ...round.burst,
        ];
        const burst = Promise.all(burstPlan.map((req) => send(req)));
        // The client of a rejected loan tries again with a new key (as the web app does) until it settles.
        try {
          // Once the first answered: its key replays it for the same request and refuses any other.
          const burstAnswers = await burst;
          burstPlan.forEach((req, i) => {
            if (req.who !== 'a1' || req.key !== 'main') return;
            const res = burstAnswers[i]!;
            if (req.body === 'same' && req.loan === 'this') {
              expect(res.status, res.raw.payload).toBe(202);
              expect(res.headers['idempotent-replayed']).toBe('true');
            } else {
              figures.reused++;
              expect(res.status, res.raw.payload).toBe(422);
              expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
              figures.reused422++;
            }
          });
          for (let i = 0; ; i++) {
            expect(i, `loan ${loan} did not settle`).toBeLessThan(3_000);
            const rows = await db()
              .selectFrom('disbursements')
              .select(['id', 'status', 'end_to_end_id'])
              .where('application_id', '=', loan)
              .execute();
            const pending = await db()
              .selectFrom('disbursement_outbox')
              .innerJoin('disbursements', 'disbursements.id', 'disbursement_outbox.disbursement_id')
              .select('disbursement_outbox.id')
              .where('disbursements.application_id', '=', loan)
              .where('processed_at', 'is', null)
              .execute();
            failures = rows.filter((r) => r.status === 'failed').length;
            const isLive = rows.some((r) => r.status !== 'failed');
            const application = await p.infra.applications.findById(loan);
            if (application?.status === 'disbursed' && pending.length === 0) break;
            if (!isLive && pending.length === 0) {
              figures.rejectedAttempts++;
              const retry = await send({ ...main, key: 'fresh' });
              expect(retry.status, retry.raw.payload).toBe(202);
            }
            await sleep(5);
          }
        } finally {
          isDispatching = false;
          await Promise.all(nodes);
        }

        // Every answer: a stable JSON error or a 202 of the caller's own request.
        for (const { req, key, loanId, res } of answers) {
          expect(res.status, res.raw.payload).toBeLessThan(500);
          if (req.who === 'borrower') {
            expect(res.status).toBe(403);
            expect(res.body.error.code).toBe('FORBIDDEN');
          } else if (req.key === 'missing' || req.key === 'invalid') {
            figures.badKeys++;
            expect(res.status, JSON.stringify(req)).toBe(400);
            expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
            figures.badKeys400++;
          } else if (res.status === 202) {
            const id = `${accountOf(req.who)}|${key}`;
            const isReplay = res.headers['idempotent-replayed'] === 'true';
            expect(res.body.applicationId).toBe(loanId);
            if (!isReplay) {
              expect(originals.has(id), `two first answers for ${id}`).toBe(false);
              expect(res.body.requestedBy).toBe(accountOf(req.who));
              originals.set(id, { raw: res.raw.payload, body: res.body });
            }
          } else {
            expect(res.body.error?.code, res.raw.payload).toMatch(
              /^(IDEMPOTENCY_KEY_IN_FLIGHT|IDEMPOTENCY_KEY_REUSED|DISBURSEMENT_EXISTS|DISBURSEMENT_NOT_READY|DISBURSEMENT_AMOUNT_MISMATCH)$/,
            );
          }
        }
        // Replays: only of the caller's own first answer, for the same request, byte for byte.
        for (const { req, key, res } of answers) {
          if (res.status !== 202 || res.headers['idempotent-replayed'] !== 'true') continue;
          figures.replays++;
          const original = originals.get(`${accountOf(req.who)}|${key}`);
          expect(original, 'a replay of an answer this caller never got').toBeDefined();
          expect(res.raw.payload).toBe(original!.raw);
          figures.replaysIdentical++;
        }
        // The key used by someone else or for another loan never carries the first caller's data.
        const mainOriginal = originals.get(`${accountOf('a1')}|${round.mainKey}`)!;
        expect(mainOriginal.raw).toBe(firstAnswer.raw.payload);
        const { id: mainId } = mainOriginal.body;
        const mainE2e = (firstAnswer.body as { endToEndId: string }).endToEndId;
        for (const { req, key, loanId, res } of answers) {
          if (key !== round.mainKey) continue;
          const isSomeoneElse = req.who !== 'a1' || loanId !== loan;
          if (!isSomeoneElse) continue;
          figures.crossPrincipal++;
          const isLeak =
            res.raw.payload === mainOriginal.raw ||
            res.raw.payload.includes(mainE2e) ||
            (res.status === 202 && res.body.id === mainId && req.who !== 'a1');
          if (isLeak) figures.leaks++;
          expect(isLeak, `${req.who} got a1's answer: ${res.raw.payload}`).toBe(false);
          if (req.who === 'a1') {
            expect(res.status).toBe(422);
            expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
          }
        }

        // After completion (the disbursement has moved on to settled): every first answer replays
        // exactly, whichever form (bare or quoted) the key is sent in.
        for (const [id, original] of originals) {
          const creator = answers.find(
            (a) =>
              `${accountOf(a.req.who)}|${a.key}` === id &&
              a.res.status === 202 &&
              a.res.headers['idempotent-replayed'] !== 'true',
          )!;
          const replay = await send(
            { ...creator.req, delayMs: 0, isQuoted: !creator.req.isQuoted },
            creator.key,
          );
          figures.replays++;
          expect(replay.status, replay.raw.payload).toBe(202);
          expect(replay.headers['idempotent-replayed']).toBe('true');
          expect(replay.raw.payload).toBe(original.raw);
          figures.replaysIdentical++;
        }

        // Effects: one payment for the loan, in the database and in the network's own record.
        const rows = await db()
          .selectFrom('disbursements')
          .selectAll()
          .where('application_id', '=', loan)
          .execute();
        figures.disbursementRows += rows.length;
        expect(new Set(rows.map((r) => r.id))).toEqual(
          new Set([...originals.values()].filter((o) => o.body.applicationId === loan).map((o) => o.body.id)),
        );
        const live = rows.filter((r) => r.status !== 'failed');
        expect(live.map((r) => r.status)).toEqual(['settled']);
        const payments = await db()
          .selectFrom('payment_transfers')
          .selectAll()
          .where('receivable_account', '=', `loan-receivable:${loan}`)
          .execute();
        figures.payments += payments.length;
        figures.duplicateEffects += Math.max(0, payments.length - 1);
        const booked = faulty.bookingsByLoan.get(loan) ?? new Set<string>();
        figures.duplicateEffects += Math.max(0, booked.size - 1);
        for (const e2e of booked) figures.duplicateEffects += faulty.bookings.get(e2e)!.size - 1;
        expect(payments.map((t) => [t.end_to_end_id, t.status])).toEqual([
          [live[0]!.end_to_end_id, 'settled'],
        ]);
        expect(new Yuan(payments[0]!.amount).eq(amount)).toBe(true);
        expect([...booked]).toEqual([live[0]!.end_to_end_id]);
        expect(faulty.bookings.get(live[0]!.end_to_end_id)!.size).toBe(1);
        const entries = await db()
          .selectFrom('gl_journal_entries')
          .select('kind')
          .where('end_to_end_id', '=', live[0]!.end_to_end_id)
          .execute();
        expect(entries.map((e) => e.kind).sort()).toEqual(['transfer_accepted', 'transfer_settled']);
        const history = await p.infra.applications.history(loan);
        expect(history.filter((e) => e.toStatus === 'disbursed')).toHaveLength(1);
        // The other loan was never disbursed by a reused key.
        expect(
          await db()
            .selectFrom('disbursements')
            .select('id')
            .where('application_id', '=', otherLoan)
            .execute(),
        ).toEqual([]);
        expect(figures.duplicateEffects).toBe(0);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );

    // The whole ledger balances: every loan's receivable is its amount, the funding account their sum.
    const trial = await faulty.gateway.trialBalance();
    expect(trial.unbalancedEntries).toEqual([]);
    const total = trial.accounts.reduce((s, a) => s.plus(a.balance), new Yuan(0));
    expect(total.isZero()).toBe(true);
    const allPayments = await db().selectFrom('payment_transfers').select('end_to_end_id').execute();
    expect(allPayments).toHaveLength(figures.runs);

    const g = faulty.figures;
    console.info(
      `exactly-once on ${target}: seed ${SEED}, ${figures.runs} loans, ${figures.operations} requests, ` +
        `${figures.duplicatesAttempted} duplicates attempted, ${figures.duplicateEffects} duplicate effects ` +
        `(${figures.payments} payments, ${figures.disbursementRows} disbursement rows, ${figures.rejectedAttempts} rejected attempts retried); ` +
        `replays identical ${figures.replaysIdentical}/${figures.replays}; 409 in flight ${figures.inFlight409}/${figures.inFlight}; ` +
        `422 reused ${figures.reused422}/${figures.reused}; 400 bad key ${figures.badKeys400}/${figures.badKeys}; ` +
        `other caller or loan under a used key ${figures.crossPrincipal}, leaks ${figures.leaks}; ` +
        `network: ${g.calls} calls (${g.transfers} transfers, ${g.queries} queries), ${g.delays} delays, ` +
        `${g.timeoutsBefore} timeouts before and ${g.timeoutsAfter} after the effect, ${g.rejections} rejections; ` +
        `${figures.dispatchErrors} dispatch errors retried; ${Date.now() - started} ms`,
    );
  }, 600_000);

  it('a request whose stale in-flight key was taken over cannot free it while the new holder runs', async () => {
    // The run's last loan; the app's clock moves past the 60 s after which an in-flight key is taken over.
    const loan = loans[RUNS]!;
    const key = `stale-${randomUUID()}`;
    const post = () => clients.a1.call('POST', url(loan), { amount }, { 'idempotency-key': key });
    hold.arm();
    const a = post();
    const [heldA] = await hold.arrivals(1);
    p.advanceClock(61_000);
    // A retry finds A's claim stale (its process looks dead) and takes the key over.
    const b = post();
    await hold.arrivals(2);
    // A's commit then fails (its connection was lost): it must not free the key B now holds.
    heldA!.fail(new Error('injected: connection lost before commit'));
    expect((await a).status).toBe(500);
    const c = post();
    const third = await Promise.race([
      c.then((res) => ({ res })),
      hold.arrivals(3).then(() => 'claimed the key B holds' as const),
    ]);
    hold.releaseAll();
    expect(third).not.toBe('claimed the key B holds');
    const { res } = third as { res: Answer };
    expect(res.status, res.raw.payload).toBe(409);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_IN_FLIGHT');
    const answerB = await b;
    expect(answerB.status, answerB.raw.payload).toBe(202);
    await c;
    const replay = await post();
    expect(replay.status).toBe(202);
    expect(replay.raw.payload).toBe(answerB.raw.payload);
    expect(
      await db().selectFrom('disbursements').select('id').where('application_id', '=', loan).execute(),
    ).toHaveLength(1);
    console.info(
      `exactly-once on ${target}: a stale in-flight key taken over stays held (409 for a third request while its new holder runs)`,
    );
  });
});
