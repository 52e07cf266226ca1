import {
  Borrower,
  chain,
  evidencePdf,
  idempotencyKey,
  repaymentAccount,
  SIGNING_INTENT_VERSION,
  type StepAnswer,
  answerOf,
  type Staff,
  type World,
  phoneCodeOf,
} from './journey-model-world';

/**
 * The steps of the loan journey as the journey model's commands take them, each through the HTTP API
 * as the person who takes it in the bank: the borrower applies, proves their identity, withdraws and
 * signs; the loan officer runs the (scripted) interview, orders the risk assessment, submits for
 * approval and prepares the contract; the risk officer and approvers decide; an approver disburses.
 * Each returns the answer that decided it (the first refusal, or the last success) and makes no
 * judgement: the model does that.
 */

let mobileSeq = 0;
/** Mobiles of the model's borrowers: 136 + pid + sequence, apart from other tests' numbers. */
function borrowerMobile(): string {
  mobileSeq++;
  return `136${String(process.pid % 100).padStart(2, '0')}${String(mobileSeq).padStart(6, '0')}`;
}

export function newBorrower(world: World, staff: Staff): Borrower {
  return new Borrower(world, staff, world.nextPerson(), borrowerMobile());
}

/** Registers the borrower the first time one of their steps needs an account. */
async function ensureRegistered(b: Borrower): Promise<StepAnswer | undefined> {
  if (b.client.accountId) return undefined;
  const r = await b.client.register({ mobile: b.mobile, displayName: b.person.name });
  return r.status === 201 || r.status === 200 ? undefined : answerOf(r);
}

/** The borrower fills in an application (two documents) and submits it; with one already, submits it again. */
export async function apply(b: Borrower, amount: string): Promise<StepAnswer> {
  const refused = await ensureRegistered(b);
  if (refused) return refused;
  const c = b.client;
  if (b.applicationId)
    return answerOf(await c.call('POST', `/api/applications/${b.applicationId}/submit`, {}));
  const created = await c.call('POST', '/api/applications', {
    kind: 'individual',
    details: {
      loan: {
        productCode: 'personal-consumer',
        amount,
        termMonths: 12,
        repaymentMethod: 'equal_installment',
        purpose: 'home_renovation',
      },
      applicant: {
        fullName: b.person.name,
        idNumber: b.person.idNumber,
        mobile: b.mobile,
        employmentStatus: 'employed',
        monthlyIncome: '25000.00',
        existingMonthlyRepayment: '0.00',
        existingDebtTotal: '0.00',
      },
    },
  });
  if (created.status !== 201) return answerOf(created);
  const id = created.body.id as string;
  b.applicationId = id;
  return chain([
    ...['id_card_copy', 'income_proof'].map(
      (kind) => () =>
        c.call('POST', `/api/applications/${id}/documents?kind=${kind}&filename=${kind}.pdf`, evidencePdf, {
          'content-type': 'application/pdf',
        }),
    ),
    () => c.call('POST', `/api/applications/${id}/submit`, {}),
  ]);
}

/**
 * Identity: the development authority's registry, consent, the authority check, a phone code read from
 * the development SMS outbox, credit-inquiry and recording consent, and the officer-video method (the
 * loan officer checks the face in the interview) instead of a face check.
 */
export async function verifyIdentity(b: Borrower): Promise<StepAnswer> {
  const refused = await ensureRegistered(b);
  if (refused) return refused;
  const c = b.client;
  const { name, idNumber } = b.person;
  let texts: { kind: string; version: string }[] = [];
  const consent = (kind: string) => () =>
    c.call('POST', '/api/identity/consents', {
      kind,
      textVersion: texts.find((t) => t.kind === kind)?.version,
      locale: 'zh-CN',
      method: 'click',
    });
  return chain([
    () => c.call('POST', '/api/identity/dev/registry', { name, idNumber }),
    async () => {
      const a = await c.call('GET', '/api/identity/consent-texts');
      texts = a.body.items;
      return a;
    },
    consent('personal_information'),
    () => c.call('POST', '/api/identity/verification', { name, idNumber }),
    () => c.call('POST', '/api/identity/verification/phone-code', { mobile: b.mobile }),
    async () => {
      const code = await phoneCodeOf(b.world, b.mobile);
      return c.call('POST', '/api/identity/verification/phone-code/verify', { code: code ?? '000000' });
    },
    consent('credit_inquiry'),
    consent('recording'),
    () => c.call('POST', '/api/identity/verification/officer-video'),
  ]);
}

/** The loan officer's scripted interview (the benchmark's stand-in for the video interview). */
export async function interview(b: Borrower): Promise<StepAnswer> {
  return answerOf(
    await b.staff.officer.call('POST', `/api/bench/applications/${b.applicationId}/scripted-interview`),
  );
}

/** The loan officer orders the risk assessment (score). */
export async function score(b: Borrower): Promise<StepAnswer> {
  return answerOf(
    await b.staff.officer.call('POST', `/api/staff/applications/${b.applicationId}/risk-assessment`),
  );
}

/** The loan officer submits for approval; each step of the authority matrix is decided "approve". */
export async function approve(b: Borrower): Promise<StepAnswer> {
  const { officer, risk, approvers } = b.staff;
  const id = b.applicationId!;
  let a = answerOf(await officer.call('POST', `/api/staff/applications/${id}/approval`, {}));
  while (a.status < 300 && a.body.status === 'pending' && a.body.next) {
    const decided = new Set((a.body.decisions as { byAccountId: string }[]).map((d) => d.byAccountId));
    const decider =
      a.body.next.kind === 'risk_review' ? risk : approvers.find((x) => !decided.has(x.accountId!))!;
    await decider.freshStepUp();
    a = answerOf(
      await decider.call('POST', `/api/staff/applications/${id}/approval/decisions`, {
        outcome: 'approve',
        reasonCode: 'within_policy',
        text: '符合授信政策（旅程模型测试）',
        expectedStepIndex: a.body.next.stepIndex,
      }),
    );
  }
  return a;
}

/** The loan officer prepares the contract, then meets every condition precedent with an evidence file. */
export async function prepareContract(b: Borrower): Promise<StepAnswer> {
  const { officer } = b.staff;
  const id = b.applicationId!;
  const prepared = await officer.call('POST', `/api/staff/applications/${id}/contract`, {
    account: repaymentAccount,
    signingOrder: 'parallel',
  });
  if (prepared.status !== 201) return answerOf(prepared);
  b.contract = {
    id: prepared.body.id,
    pageCount: prepared.body.pageCount,
    contentHash: prepared.body.contentHash,
    amount: prepared.body.amount,
  };
  const list = await officer.call('GET', `/api/staff/applications/${id}/conditions`);
  if (list.status !== 200) return answerOf(list);
  for (const code of list.body.outstanding as string[]) {
    const ticked = await officer.call(
      'POST',
      `/api/staff/applications/${id}/conditions/${code}/evidence?filename=${code}.pdf&note=${encodeURIComponent('旅程模型：已核对')}`,
      evidencePdf,
      { 'content-type': 'application/pdf' },
    );
    if (ticked.status !== 201) return answerOf(ticked);
  }
  return answerOf(prepared);
}

/** The borrower proves a fresh second factor, reads every page and signs; the bank seal follows. */
export async function sign(b: Borrower): Promise<StepAnswer> {
  const c = b.client;
  const k = b.contract!;
  if (!c.totpSecret) {
    const enrolled = await c.enrolTotp();
    if (enrolled.status !== 200) return answerOf(enrolled);
  } else await c.freshStepUp();
  const calls = [];
  for (let page = 1; page <= k.pageCount; page++)
    calls.push(() => c.call('POST', `/api/contracts/${k.id}/pages/${page}/read`));
  calls.push(() =>
    c.call('POST', `/api/contracts/${k.id}/sign`, {
      contentHash: k.contentHash,
      agreed: true,
      intentVersion: SIGNING_INTENT_VERSION,
    }),
  );
  return chain(calls);
}

/** An approver asks for the disbursement under an Idempotency-Key; the dispatcher then sends it. */
export async function disburse(
  b: Borrower,
  amount: string,
  key: string = idempotencyKey(),
): Promise<StepAnswer> {
  const approver = b.staff.approvers[0]!;
  await approver.freshStepUp();
  const a = answerOf(
    await approver.call(
      'POST',
      `/api/staff/applications/${b.applicationId}/disbursement`,
      { amount },
      { 'idempotency-key': key },
    ),
  );
  // A pass that starts after any in progress (another lane's), so this disbursement is sent by then.
  await b.world.platform.app.disbursementDispatcher.tick();
  return a;
}

/** The borrower withdraws the application. */
export async function withdraw(b: Borrower): Promise<StepAnswer> {
  return answerOf(
    await b.client.call('POST', `/api/applications/${b.applicationId}/withdraw`, { reason: '不再需要' }),
  );
}
