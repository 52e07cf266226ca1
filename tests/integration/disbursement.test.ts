import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractJourneyAccounts } from '../../src/cli/seed-contract-journey';
import { seedDemo } from '../../src/cli/seed-demo';
import { requestFingerprint } from '../../src/core/disbursement/request-fingerprint';
import { Yuan } from '../../src/core/money/money';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { loanContractEnds } from '../../src/http/compose-interview-media';
import { createDbDisbursementStore } from '../../src/infra/disbursement/db-disbursement-store';
import { meetConditions, uploadConditionEvidence } from '../support/conditions-journey';
import { contractJourney, demo } from '../support/contract-journey';
import type { TestClient } from '../support/test-platform';
import {
  createTestPlatform,
  dbTargets,
  uniqueMobile,
  type Answer,
  type TestPlatform,
} from '../support/test-platform';

describe.each(dbTargets())('disbursement on %s', (target) => {
  let p: TestPlatform;
  let applicationId: string;
  let otherApplicationId: string;
  let amount: string;
  let approver: TestClient;
  const journey = contractJourney(() => p);
  const url = (id: string) => `/api/staff/applications/${id}/disbursement`;
  const disburse = (c: TestClient, id: string, key: string | undefined, body: object = { amount }) =>
    c.call('POST', url(id), body, key === undefined ? {} : { 'idempotency-key': key });
  const db = () => p.infra.database.db;

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    await seedDemo({ infra: p.infra, config: p.config });
    const approved = await db()
      .selectFrom('applications')
      .select('id')
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    applicationId = approved.id;
    const other = await db()
      .selectFrom('applications')
      .select('id')
      .where('id', '<>', applicationId)
      .executeTakeFirstOrThrow();
    otherApplicationId = other.id;
    const signed = await journey.signLoanContract(applicationId);
    approver = signed.approver;
    amount = signed.contract.amount;
  }, 180_000);
  afterAll(() => p?.close());

  it('refuses a request without a proper key, the wrong amount, a loan not contract_signed, and other roles', async () => {
    const missing = await disburse(approver, applicationId, undefined);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    for (const bad of ['', 'a b', '"unterminated', 'x'.repeat(256)])
      expect((await disburse(approver, applicationId, bad)).body.error?.code).toBe(
        'IDEMPOTENCY_KEY_REQUIRED',
      );
    const wrong = await disburse(approver, applicationId, 'wrong-amount', { amount: '1.00' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('DISBURSEMENT_AMOUNT_MISMATCH');
    // The refused request stored nothing: the same key with the right body goes through later (below).
    const notReady = await disburse(approver, otherApplicationId, 'not-ready');
    expect(notReady.status).toBe(409);
    expect(notReady.body.error.code).toBe('DISBURSEMENT_NOT_READY');
    const officer = await journey.logIn(demo('loan_officer').mobile, demo('loan_officer').password);
    expect((await disburse(officer, applicationId, 'k')).body.error.code).toBe('FORBIDDEN');
    // Before disbursement the borrower has no active schedule.
    const borrower = await journey.logInWithSecondFactor(
      contractJourneyAccounts.borrower.mobile,
      contractJourneyAccounts.borrower.password,
    );
    const early = await borrower.call('GET', `/api/applications/${applicationId}/repayment-schedule`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('REPAYMENT_SCHEDULE_NOT_ACTIVE');
    expect((await approver.call('GET', url(applicationId))).status).toBe(404);
    expect(await db().selectFrom('disbursements').selectAll().execute()).toEqual([]);
  });

  it('refuses with CONDITIONS_OUTSTANDING, listing the codes, until every condition is met or waived', async () => {
    const officer = await journey.logIn(demo('loan_officer').mobile, demo('loan_officer').password);
    const codesOf = (a: Answer) =>
      (a.body.error.details.outstanding as { code: string }[]).map((o) => o.code);
    const first = await disburse(approver, applicationId, 'conditions');
    expect(first.status).toBe(409);
    expect(first.body.error.code).toBe('CONDITIONS_OUTSTANDING');
    expect(codesOf(first)).toEqual(['repayment_debit_authorisation', 'loan_purpose_undertaking']);
    const ticked = await uploadConditionEvidence(officer, applicationId, 'repayment_debit_authorisation');
    expect(ticked.status).toBe(201);
    const second = await disburse(approver, applicationId, 'conditions');
    expect(second.body.error.code).toBe('CONDITIONS_OUTSTANDING');
    expect(codesOf(second)).toEqual(['loan_purpose_undertaking']);
    // The approver (stepped up while sealing) waives the other: nothing is outstanding any more.
    const waived = await approver.call(
      'POST',
      `/api/staff/applications/${applicationId}/conditions/loan_purpose_undertaking/waive`,
      { reason: '借款用途已在面签中确认' },
    );
    expect(waived.status).toBe(200);
    expect(await meetConditions(officer, applicationId)).toEqual([]);
    expect(await db().selectFrom('disbursements').selectAll().execute()).toEqual([]);
  });

  it('answers a key still in flight with 409', async () => {
    const store = createDbDisbursementStore({ db: db() });
    const body = { amount, note: 'in flight' };
    const fingerprint = requestFingerprint({
      method: 'POST',
      path: url(applicationId),
      callerAccountId: approver.accountId!,
      body: { amount: new Yuan(amount).toFixed(2), note: body.note },
    });
    const now = new Date();
    expect(
      await store.claimIdempotencyKey({
        accountId: approver.accountId!,
        key: 'held',
        fingerprint,
        now,
        staleBefore: new Date(now.getTime() - 60_000),
      }),
    ).toEqual({ kind: 'claimed' });
    const res = await disburse(approver, applicationId, 'held', body);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_IN_FLIGHT');
    await store.releaseIdempotencyKey({ accountId: approver.accountId!, key: 'held' });
  });

  it('200 concurrent requests for one loan, same and different keys, two approvers: one payment; every answer the first result or a clear 409', async () => {
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'second approver 2026', displayName: '第二审批人', role: 'approver' },
    });
    const approver2 = await journey.logInSteppedUp(mobile, 'second approver 2026');
    const plan = Array.from({ length: 200 }, (_, i) =>
      i < 160
        ? { who: approver, whoName: 'a1', key: `key-${i % 8}` }
        : { who: approver2, whoName: 'a2', key: `key-${i % 4}` },
    );
    const answers: (Answer & { whoName: string; key: string })[] = await Promise.all(
      plan.map(async ({ who, whoName, key }) => ({
        ...(await disburse(who, applicationId, key)),
        whoName,
        key,
      })),
    );

    const accepted = answers.filter((a) => a.status === 202);
    const originals = accepted.filter((a) => a.headers['idempotent-replayed'] !== 'true');
    expect(originals).toHaveLength(1);
    const first = originals[0]!;
    expect(first.body).toMatchObject({ applicationId, amount, status: 'requested', currency: 'CNY' });
    // Replays are of the winner's own key only, and identical to its first answer.
    for (const a of accepted) {
      expect(a.body).toEqual(first.body);
      expect([a.whoName, a.key]).toEqual([first.whoName, first.key]);
    }
    const refused = answers.filter((a) => a.status !== 202);
    for (const a of refused) {
      expect(a.status).toBe(409);
      expect(['IDEMPOTENCY_KEY_IN_FLIGHT', 'DISBURSEMENT_EXISTS']).toContain(a.body.error.code);
      expect(JSON.stringify(a.body)).not.toContain(first.body.endToEndId);
    }
    expect(accepted.length + refused.length).toBe(200);

    await p.app.disbursementDispatcher.tick();
    const disbursements = await db().selectFrom('disbursements').selectAll().execute();
    expect(disbursements).toHaveLength(1);
    expect(disbursements[0]).toMatchObject({ status: 'settled', application_id: applicationId });
    const transfers = await db().selectFrom('payment_transfers').selectAll().execute();
    expect(transfers).toHaveLength(1);
    expect(transfers[0]!.end_to_end_id).toBe(first.body.endToEndId);
    expect(new Yuan(transfers[0]!.amount).eq(amount)).toBe(true);
    const lines = await db().selectFrom('gl_journal_lines').selectAll().execute();
    expect(lines).toHaveLength(4);
    const debits = lines.reduce((s, l) => s.plus(l.debit), new Yuan(0));
    const credits = lines.reduce((s, l) => s.plus(l.credit), new Yuan(0));
    expect(debits.eq(credits)).toBe(true);
    expect(debits.eq(new Yuan(amount).times(2))).toBe(true);

    // The application moved once, as the system, with its evidence.
    expect((await p.infra.applications.findById(applicationId))?.status).toBe('disbursed');
    const events = await p.infra.applications.history(applicationId);
    expect(events.filter((e) => e.toStatus === 'disbursed')).toHaveLength(1);
    expect(events.find((e) => e.toStatus === 'disbursed')).toMatchObject({
      fromStatus: 'contract_signed',
      actorRole: 'system',
    });

    // After completion: the same request replays the first answer; the same key for another body or
    // loan is 422; another approver's identical key is their own key (409, nothing of the first).
    const replay = await disburse(first.whoName === 'a1' ? approver : approver2, applicationId, first.key);
    expect(replay.status).toBe(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    const winner = first.whoName === 'a1' ? approver : approver2;
    const loser = first.whoName === 'a1' ? approver2 : approver;
    const changed = await disburse(winner, applicationId, first.key, { amount, note: '改了' });
    expect(changed.status).toBe(422);
    expect(changed.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const elsewhere = await disburse(winner, otherApplicationId, first.key);
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const stranger = await disburse(loser, applicationId, first.key);
    expect(stranger.status).toBe(409);
    expect(stranger.body.error.code).toBe('DISBURSEMENT_EXISTS');
    expect(JSON.stringify(stranger.body)).not.toContain(first.body.endToEndId);
    // A key refused earlier (wrong amount) stored nothing, and a fresh key now finds the loan disbursed.
    expect((await disburse(approver, applicationId, 'wrong-amount')).body.error.code).toBe(
      'DISBURSEMENT_EXISTS',
    );

    const status = await approver.call('GET', url(applicationId));
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ id: first.body.id, status: 'settled' });
    expect(status.body.settledAt).not.toBeNull();

    // Evidence: the request and the settlement are on the ledger.
    await p.app.ledgerIntegrator?.tick();
    const entries = await approver.call('GET', `/api/ledger/applications/${applicationId}/entries`);
    expect(entries.body.entries.filter((e: { type: string }) => e.type === 'disbursement').length).toBe(2);
  }, 120_000);

  it('closes the conditions once disbursed: no more ticks, revocations or waivers', async () => {
    const officer = await journey.logIn(demo('loan_officer').mobile, demo('loan_officer').password);
    const revoke = await officer.call(
      'POST',
      `/api/staff/applications/${applicationId}/conditions/repayment_debit_authorisation/revoke`,
      { reason: '放款后撤销' },
    );
    expect(revoke.status).toBe(409);
    expect(revoke.body.error.code).toBe('CONDITIONS_CLOSED');
    const list = await officer.call('GET', `/api/staff/applications/${applicationId}/conditions`);
    expect(list.body).toMatchObject({ applicationStatus: 'disbursed', isOpen: false, outstanding: [] });
  });

  it('shows the active repayment schedule to its borrower only, after disbursement', async () => {
    const borrower = await journey.logInWithSecondFactor(
      contractJourneyAccounts.borrower.mobile,
      contractJourneyAccounts.borrower.password,
    );
    const res = await borrower.call('GET', `/api/applications/${applicationId}/repayment-schedule`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applicationId, status: 'active', amount, termMonths: 12 });
    expect(res.body.instalments).toHaveLength(12);
    const principal = res.body.instalments.reduce(
      (s: InstanceType<typeof Yuan>, r: { principal: string }) => s.plus(r.principal),
      new Yuan(0),
    );
    expect(principal.eq(amount)).toBe(true);
    // Recording retention counts from the contract's end: the last instalment the borrower sees, in
    // the future for this new loan; an application without a loan has none.
    const contractEnd = await loanContractEnds(p.infra)(applicationId);
    expect(contractEnd?.toISOString()).toBe(
      new Date(`${res.body.instalments.at(-1).dueDate}T00:00:00+08:00`).toISOString(),
    );
    expect(contractEnd!.getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    expect(await loanContractEnds(p.infra)(otherApplicationId)).toBeUndefined();
    const stranger = await journey.logIn(
      demo('borrower_individual').mobile,
      demo('borrower_individual').password,
    );
    expect((await stranger.call('GET', `/api/applications/${applicationId}/repayment-schedule`)).status).toBe(
      404,
    );
    expect((await approver.call('GET', `/api/applications/${applicationId}/repayment-schedule`)).status).toBe(
      403,
    );
    const random = await borrower.call('GET', `/api/applications/${randomUUID()}/repayment-schedule`);
    expect(random.status).toBe(404);
  });

  it('reconciles the day: the payment matches, the accounts sum to zero, and an unrecorded payment is listed', async () => {
    const report = await approver.call('GET', '/api/staff/reconciliation/disbursements');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      disbursements: { count: 1, total: amount },
      payments: { count: 1, total: amount },
      matched: 1,
      mismatches: [],
      ledger: { isBalanced: true, sumOfBalances: '0.00', unbalancedEntries: [] },
    });
    expect(report.body.ledger.balancesByKind).toEqual({
      funding: `-${amount}`,
      loan_receivable: amount,
      clearing: '0.00',
    });
    // A payment the ledger booked that no disbursement recorded (written behind the platform's back).
    const accounts = await db().selectFrom('payment_transfers').selectAll().executeTakeFirstOrThrow();
    await db()
      .insertInto('payment_transfers')
      .values({
        ...accounts,
        end_to_end_id: 'MQ-orphan',
        reference: 'MQL-orphan',
        amount: '10.00',
        received_at: new Date(),
      })
      .execute();
    const after = await approver.call('GET', '/api/staff/reconciliation/disbursements');
    expect(after.body.mismatches).toEqual([
      expect.objectContaining({ endToEndId: 'MQ-orphan', problem: 'payment_without_disbursement' }),
    ]);
    expect(
      (await approver.call('GET', '/api/staff/reconciliation/disbursements?date=2026-02-30')).status,
    ).toBe(400);
    const empty = await approver.call('GET', '/api/staff/reconciliation/disbursements?date=2020-01-01');
    expect(empty.body).toMatchObject({ matched: 0, mismatches: [], disbursements: { count: 0 } });
  });
});
