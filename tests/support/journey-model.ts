import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  applicationStatuses,
  canTransition,
  type ApplicationStatus,
  type TransitionActor,
} from '../../src/core/application/lifecycle';
import { Yuan } from '../../src/core/money/money';
import { ledgerTotals, type Borrower, type Staff, type StepAnswer, type World } from './journey-model-world';
import * as steps from './journey-model-steps';

/**
 * The journey model: what must be true of one borrower's application after any sequence of steps,
 * taken in any order by the borrower and the bank's staff. The model is written from the lifecycle
 * (src/core/application/lifecycle.ts) and the rules each step states (who may, from which status);
 * the real platform (journey-model-world.ts) runs every step through its HTTP API, and after each the
 * real application, its event history, its ledger leaves, its contract and its money are compared
 * with the model. A step the model says is out of order must be refused with a 4xx and change nothing.
 */

export type StepKind =
  'apply' | 'verify' | 'interview' | 'score' | 'approve' | 'contract' | 'sign' | 'disburse' | 'withdraw';

/** What the model holds of one borrower in a run. */
export interface BorrowerModel {
  /** Identity verified (officer-video method chosen, so the face is the interview's to check). */
  verified: boolean;
  /** The application's status; undefined before the first application. */
  status: ApplicationStatus | undefined;
  /** Every status the application entered, in order (the event history's toStatus column). */
  path: ApplicationStatus[];
  requested: string;
  hasAssessment: boolean;
  approvedAmount: string | undefined;
  contract: 'none' | 'prepared' | 'signed';
  disbursedAmount: string | undefined;
  /** The key and answer body of the accepted disbursement request (a retry with it replays the answer). */
  disbursement: { key: string; body: unknown } | undefined;
}

export interface RunModel {
  borrowers: BorrowerModel[];
  /** The last step taken, for the retry command. */
  last: { kind: StepKind; who: number; amount: string; isOver: boolean; key: string } | undefined;
}

export interface RunReal {
  world: World;
  /** The crew of the run's lane. */
  staff: Staff;
  borrowers: (Borrower | undefined)[];
  stats: Stats;
}

export interface Stats {
  runs: number;
  commands: number;
  refused: number;
  retries: number;
  byKind: Record<string, { ok: number; refused: number; ms: number }>;
  /** Applications that reached each status (once each). */
  reached: Record<string, number>;
  disbursements: number;
  disbursedTotal: Yuan;
}

export function newStats(): Stats {
  return {
    runs: 0,
    commands: 0,
    refused: 0,
    retries: 0,
    byKind: {},
    reached: Object.fromEntries(applicationStatuses.map((s) => [s, 0])),
    disbursements: 0,
    disbursedTotal: new Yuan(0),
  };
}

export const BORROWERS_PER_RUN = 2;

export function newRunModel(): RunModel {
  return {
    borrowers: Array.from({ length: BORROWERS_PER_RUN }, () => ({
      verified: false,
      status: undefined,
      path: [],
      requested: '0.00',
      hasAssessment: false,
      approvedAmount: undefined,
      contract: 'none' as const,
      disbursedAmount: undefined,
      disbursement: undefined,
    })),
    last: undefined,
  };
}

const interviewStages: ApplicationStatus[] = [
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'risk_control',
];
const assessable: ApplicationStatus[] = [
  'under_review',
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'risk_control',
];

/**
 * What the model expects of a step: refused (any 4xx; `codes` when the answer's code is known), or
 * accepted with the model's change applied by `apply`.
 */
type Expectation = { ok: false; codes?: string[] } | { ok: true; apply: (answer: StepAnswer) => void };

function expectationOf(kind: StepKind, m: BorrowerModel, { isOver }: { isOver: boolean }): Expectation {
  const s = m.status;
  const moveTo = (...to: ApplicationStatus[]) => {
    m.path.push(...to);
    m.status = to.at(-1)!;
  };
  switch (kind) {
    case 'apply':
      if (s !== undefined) return { ok: false, codes: ['ILLEGAL_TRANSITION'] };
      return {
        ok: true,
        apply: () => {
          moveTo('draft', 'submitted', 'screening', 'under_review');
          // A borrower verified before applying: on to identity_verified at once, and assessed then.
          if (m.verified) {
            moveTo('identity_verified');
            m.hasAssessment = true;
          }
        },
      };
    case 'verify':
      return {
        ok: true,
        apply: () => {
          m.verified = true;
          if (s === 'under_review') {
            moveTo('identity_verified');
            m.hasAssessment = true;
          }
        },
      };
    case 'interview':
      if (s === 'risk_control') return { ok: true, apply: () => undefined };
      if (s === undefined || !['under_review', ...interviewStages].includes(s))
        return { ok: false, codes: ['ILLEGAL_TRANSITION'] };
      return { ok: true, apply: () => moveTo(...interviewStages.slice(interviewStages.indexOf(s) + 1)) };
    case 'score':
      if (s === undefined || !assessable.includes(s)) return { ok: false, codes: ['ILLEGAL_TRANSITION'] };
      // The credit inquiry consent is given on the way through identity verification.
      if (!m.verified) return { ok: false, codes: ['CONSENT_REQUIRED'] };
      return { ok: true, apply: () => (m.hasAssessment = true) };
    case 'approve':
      if (s !== 'risk_control') return { ok: false, codes: ['ILLEGAL_TRANSITION', 'APPROVAL_NOT_PENDING'] };
      if (!m.hasAssessment) return { ok: false, codes: ['RISK_ASSESSMENT_NOT_FOUND'] };
      return {
        ok: true,
        apply: () => {
          moveTo('approved');
          m.approvedAmount = m.requested;
        },
      };
    case 'contract':
      if (m.contract !== 'none') return { ok: false, codes: ['CONTRACT_EXISTS'] };
      if (s !== 'approved') return { ok: false, codes: ['ILLEGAL_TRANSITION'] };
      return { ok: true, apply: () => (m.contract = 'prepared') };
    case 'sign':
      if (m.contract === 'signed') return { ok: false, codes: ['ALREADY_SIGNED'] };
      // Signing binds only an approved application (a withdrawn one's contract stays unsigned).
      if (s !== 'approved') return { ok: false, codes: ['ILLEGAL_TRANSITION'] };
      return {
        ok: true,
        apply: () => {
          m.contract = 'signed';
          moveTo('contract_signed');
        },
      };
    case 'disburse':
      if (m.disbursedAmount !== undefined) return { ok: false, codes: ['DISBURSEMENT_EXISTS'] };
      if (s !== 'contract_signed') return { ok: false, codes: ['DISBURSEMENT_NOT_READY'] };
      if (isOver) return { ok: false, codes: ['DISBURSEMENT_AMOUNT_MISMATCH'] };
      return {
        ok: true,
        apply: () => {
          moveTo('disbursed');
          m.disbursedAmount = m.approvedAmount;
        },
      };
    case 'withdraw':
      if (s === undefined || !canTransition({ from: s, to: 'withdrawn', actor: 'borrower' }))
        return { ok: false, codes: ['ILLEGAL_TRANSITION'] };
      return { ok: true, apply: () => moveTo('withdrawn') };
  }
}

/** The step the journey takes next from where the model is (the guided command), if any. */
export function nextStepOf(m: BorrowerModel, isVerifyFirst: boolean): StepKind | undefined {
  const s = m.status;
  if (s === undefined) return isVerifyFirst && !m.verified ? 'verify' : 'apply';
  if (s === 'under_review') return m.verified ? 'interview' : 'verify';
  if (['identity_verified', 'interview_scheduled', 'interviewed'].includes(s)) return 'interview';
  if (s === 'risk_control') return m.hasAssessment ? 'approve' : 'score';
  if (s === 'approved') return m.contract === 'none' ? 'contract' : 'sign';
  if (s === 'contract_signed') return 'disburse';
  return undefined;
}

const needsApplication: StepKind[] = ['interview', 'score', 'approve', 'contract', 'withdraw', 'disburse'];

/** Who the lifecycle sees behind an event's recorded role. */
const actorOfRole = (role: string): TransitionActor =>
  role === 'system' ? 'system' : role.startsWith('borrower') ? 'borrower' : 'staff';

class ModelError extends Error {}
const fail = (message: string): never => {
  throw new ModelError(message);
};

/**
 * Compares the real application of one borrower with the model: status; the event history (the
 * statuses entered, in order, every move one the lifecycle allows its actor, each starting where the
 * last ended); one ledger leaf per event; the contract's state; the money (one live disbursement at
 * most, its payment equal to the amount disbursed, which is the approved amount at most).
 */
async function checkBorrower(world: World, b: Borrower, m: BorrowerModel, label: string): Promise<void> {
  const id = b.applicationId!;
  const app = await b.client.call('GET', `/api/applications/${id}`);
  if (app.status !== 200) fail(`${label}: reading the application answered ${app.status}`);
  if (app.body.status !== m.status) fail(`${label}: status ${app.body.status}, model ${m.status}`);
  const events = app.body.events as {
    fromStatus: string | null;
    toStatus: ApplicationStatus;
    actorRole: string;
  }[];
  const path = events.map((e) => e.toStatus);
  if (path.join() !== m.path.join()) fail(`${label}: history ${path.join('→')}, model ${m.path.join('→')}`);
  events.forEach((e, i) => {
    if (i === 0) {
      if (e.fromStatus !== null || e.toStatus !== 'draft') fail(`${label}: first event ${JSON.stringify(e)}`);
      return;
    }
    if (e.fromStatus !== events[i - 1]!.toStatus) fail(`${label}: event ${i} starts at ${e.fromStatus}`);
    const actor = actorOfRole(e.actorRole);
    if (!canTransition({ from: e.fromStatus as ApplicationStatus, to: e.toStatus, actor }))
      fail(`${label}: event ${i} ${e.fromStatus}→${e.toStatus} by ${actor} is not in the lifecycle`);
  });

  const ledger = await b.client.call('GET', `/api/ledger/applications/${id}/entries`);
  if (ledger.status !== 200) fail(`${label}: ledger entries answered ${ledger.status}`);
  const leaves = (ledger.body.entries as { type: string; actorRole: string }[]).filter(
    (e) => e.type === 'application.event',
  );
  if (leaves.length !== events.length)
    fail(`${label}: ${events.length} events but ${leaves.length} application.event leaves`);
  b.ledgerEntries = (ledger.body.entries as unknown[]).length;
  // The leaves are in the events' order, each by the event's actor.
  if (leaves.map((l) => l.actorRole).join() !== events.map((e) => e.actorRole).join())
    fail(`${label}: leaf actors ${leaves.map((l) => l.actorRole).join()} ≠ event actors`);

  if (b.contract) {
    const k = await b.client.call('GET', `/api/contracts/${b.contract.id}`);
    if (k.status !== 200) fail(`${label}: reading the contract answered ${k.status}`);
    if ((k.body.status === 'signed') !== (m.contract === 'signed'))
      fail(`${label}: contract ${k.body.status}, model ${m.contract}`);
  } else if (m.contract !== 'none') fail(`${label}: the model has a contract the borrower never got`);

  const db = world.platform.infra.database.db;
  const live = (
    await db.selectFrom('disbursements').selectAll().where('application_id', '=', id).execute()
  ).filter((d) => d.status !== 'failed');
  if (live.length !== (m.disbursedAmount === undefined ? 0 : 1))
    fail(`${label}: ${live.length} live disbursements, model ${m.disbursedAmount ?? 'none'}`);
  if (live[0]) {
    const d = live[0];
    if (d.status !== 'settled') fail(`${label}: disbursement ${d.status} after the dispatcher ran`);
    const transfers = await db
      .selectFrom('payment_transfers')
      .selectAll()
      .where('end_to_end_id', '=', d.end_to_end_id)
      .execute();
    if (transfers.length !== 1) fail(`${label}: ${transfers.length} payment transfers for one disbursement`);
    const paid = new Yuan(transfers[0]!.amount);
    if (!paid.eq(d.amount) || !paid.eq(m.disbursedAmount!))
      fail(`${label}: paid ${paid.toFixed(2)}, disbursement ${d.amount}, model ${m.disbursedAmount}`);
    if (paid.gt(m.approvedAmount!)) fail(`${label}: paid ${paid.toFixed(2)} > approved ${m.approvedAmount}`);
  }
}

/** Checks the applications of borrowers `which` (all by default) against the model. */
export async function checkRun(m: RunModel, r: RunReal, label: string, which?: number[]): Promise<void> {
  for (const i of which ?? m.borrowers.map((_, j) => j)) {
    const rb = r.borrowers[i];
    if (rb?.applicationId) await checkBorrower(r.world, rb, m.borrowers[i]!, `${label} [b${i}]`);
    else if (m.borrowers[i]!.status !== undefined) fail(`${label}: b${i} has no application, model has`);
  }
}

/** A step of the journey taken by borrower `who` of the run (with its staff). */
export class StepCommand implements fc.AsyncCommand<RunModel, RunReal> {
  constructor(
    readonly kind: StepKind | 'next' | 'retry',
    readonly who: number,
    readonly amount: string,
    readonly isOver: boolean,
    readonly isVerifyFirst: boolean,
  ) {}

  /** The concrete step this command takes in model state `m` (the guided and retry ones resolve here). */
  private resolve(m: RunModel): RunModel['last'] {
    if (this.kind === 'retry') return m.last;
    const bm = m.borrowers[this.who]!;
    const kind = this.kind === 'next' ? nextStepOf(bm, this.isVerifyFirst) : this.kind;
    if (kind === undefined) return undefined;
    return { kind, who: this.who, amount: this.amount, isOver: this.isOver, key: randomUUID() };
  }

  check(m: Readonly<RunModel>): boolean {
    const step = this.resolve(m as RunModel);
    if (!step) return false;
    const bm = m.borrowers[step.who]!;
    if (needsApplication.includes(step.kind) && bm.status === undefined) return false;
    if (step.kind === 'sign' && bm.contract === 'none') return false;
    // Verifying again is not a step out of order but a new verification (a few a day), which leaves
    // the identity in force until it ends verified itself: identity's own behaviour, tested in
    // identity-verification.test.ts; left out here so that the daily limit never decides a run.
    if (step.kind === 'verify' && bm.verified) return false;
    return true;
  }

  async run(m: RunModel, r: RunReal): Promise<void> {
    const step = this.resolve(m)!;
    const isRetry = this.kind === 'retry';
    const bm = m.borrowers[step.who]!;
    const b = (r.borrowers[step.who] ??= steps.newBorrower(r.world, r.staff));
    if (step.kind === 'apply' && bm.status === undefined) bm.requested = step.amount;
    const before = { path: bm.path.join(), contract: bm.contract, ledgerEntries: b.ledgerEntries };
    const amountAsked = () => {
      const base = new Yuan(b.contract?.amount ?? bm.approvedAmount ?? bm.requested);
      return (step.isOver ? base.plus(1) : base).toFixed(2);
    };
    // A retried disbursement with the key of the accepted one is answered from the stored first answer.
    const isReplay = isRetry && step.kind === 'disburse' && bm.disbursement?.key === step.key;
    const expected = isReplay ? undefined : expectationOf(step.kind, bm, { isOver: step.isOver });

    const started = performance.now();
    const answer = await this.take(step, b, amountAsked());
    await r.world.settle();
    const label = `${isRetry ? 'retry ' : ''}${step.kind}(b${step.who}) → ${answer.status} ${answer.code ?? ''}`;
    r.stats.commands++;
    if (isRetry) r.stats.retries++;
    const k = (r.stats.byKind[step.kind] ??= { ok: 0, refused: 0, ms: 0 });
    if (answer.status >= 300) {
      r.stats.refused++;
      k.refused++;
    } else k.ok++;

    if (answer.status >= 500) fail(`${label}: a server error ${JSON.stringify(answer.body)}`);
    if (isReplay) {
      if (answer.status !== 202 || JSON.stringify(answer.body) !== JSON.stringify(bm.disbursement!.body))
        fail(`${label}: a replay that is not the first answer`);
    } else if (expected!.ok) {
      if (answer.status >= 300) fail(`${label}: the model expected success; ${JSON.stringify(answer.body)}`);
      expected!.apply(answer);
      if (step.kind === 'disburse') {
        bm.disbursement = { key: step.key, body: answer.body };
        r.stats.disbursements++;
        r.stats.disbursedTotal = r.stats.disbursedTotal.plus(bm.disbursedAmount!);
      }
    } else {
      if (answer.status < 400)
        fail(`${label}: out of order, the model expected a refusal, not ${answer.status}`);
      const codes = expected!.codes;
      if (codes && !codes.includes(answer.code ?? ''))
        fail(`${label}: refused with ${answer.code}, model ${codes.join('|')}`);
    }
    if (!expected?.ok && (bm.path.join() !== before.path || bm.contract !== before.contract))
      fail(`${label}: the model moved on a refusal`);
    m.last = step;

    // Invariants, for the application the step was about (the others at the end of the run).
    await checkRun(m, r, label, [step.who]);
    // A refused step wrote nothing to the ledger about the application either (no leaf of any kind).
    if (!expected?.ok && b.ledgerEntries !== before.ledgerEntries)
      fail(
        `${label}: refused, yet the application's ledger went from ${before.ledgerEntries} to ${b.ledgerEntries} entries`,
      );
    k.ms += performance.now() - started;
    if (step.kind === 'disburse') {
      const { debits, credits } = await ledgerTotals(r.world);
      if (!new Yuan(debits).eq(credits))
        fail(`${label}: general ledger debits ${debits} ≠ credits ${credits}`);
    }
  }

  private take(step: NonNullable<RunModel['last']>, b: Borrower, amount: string): Promise<StepAnswer> {
    switch (step.kind) {
      case 'apply':
        return steps.apply(b, step.amount);
      case 'verify':
        return steps.verifyIdentity(b);
      case 'interview':
        return steps.interview(b);
      case 'score':
        return steps.score(b);
      case 'approve':
        return steps.approve(b);
      case 'contract':
        return steps.prepareContract(b);
      case 'sign':
        return steps.sign(b);
      case 'disburse':
        return steps.disburse(b, amount, step.key);
      case 'withdraw':
        return steps.withdraw(b);
    }
  }

  toString(): string {
    const more =
      this.kind === 'apply' ? ` ${this.amount}` : this.kind === 'disburse' && this.isOver ? ' over' : '';
    const first = this.kind === 'next' && this.isVerifyFirst ? ' verify-first' : '';
    return `${this.kind}(b${this.who}${more}${first})`;
  }
}

/** Records which statuses each application of a finished run reached. */
export function recordReach(m: RunModel, stats: Stats): void {
  for (const b of m.borrowers)
    for (const s of new Set(b.path)) stats.reached[s] = (stats.reached[s] ?? 0) + 1;
}

/**
 * The commands: mostly the guided "next step" (so that journeys get far), the others at random in any
 * order (so that steps out of order are tried everywhere), and retries of the last step.
 */
export function commandArbitrary({
  nextWeight = 14,
}: { nextWeight?: number } = {}): fc.Arbitrary<StepCommand> {
  // Borrower 0 takes most steps, so that journeys get far; borrower 1 interleaves.
  const who = fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.constant(1), weight: 1 });
  const amount = fc.integer({ min: 20, max: 80 }).map((k) => `${k * 1000}.00`);
  const kinds: StepKind[] = [
    'apply',
    'verify',
    'interview',
    'score',
    'approve',
    'contract',
    'sign',
    'disburse',
    'withdraw',
  ];
  const make = (kind: StepCommand['kind']) =>
    fc
      .tuple(who, amount, fc.boolean(), fc.boolean())
      .map(
        ([w, a, isOver, isVerifyFirst]) =>
          new StepCommand(kind, w, a, kind === 'disburse' && isOver, isVerifyFirst),
      );
  return fc.oneof(
    { arbitrary: make('next'), weight: nextWeight },
    // Withdrawal twice as often: it is the step that may come at any stage.
    ...kinds.map((k) => ({ arbitrary: make(k), weight: k === 'withdraw' ? 2 : 1 })),
    { arbitrary: make('retry'), weight: 1 },
  );
}

/**
 * Runs of commands: most short (up to `short` steps: an application's first stages, refusals, early
 * withdrawals), some long enough (up to `long`) for journeys to reach disbursement.
 */
export function runArbitrary({
  short,
  long,
  longWeight,
}: {
  short: number;
  long: number;
  longWeight: number;
}) {
  const arb = [commandArbitrary()];
  return fc.oneof(
    { arbitrary: fc.commands(arb, { maxCommands: short, size: 'max' }), weight: 100 - longWeight },
    { arbitrary: fc.commands(arb, { maxCommands: long, size: 'max' }), weight: longWeight },
  );
}

/**
 * Sequences every run of the suite takes before the random ones, so that the paths where defects were
 * found (or would hurt most) are always covered: withdrawing after the contract is prepared and then
 * signing; a disbursement over the approved amount, then the right one, its retry (a replay) and a
 * second request; the staff interview before identity verification; two borrowers interleaved.
 */
export function exampleRuns(): StepCommand[][] {
  const c = (kind: StepCommand['kind'], who = 0, { isOver = false, isVerifyFirst = false } = {}) =>
    new StepCommand(kind, who, '50000.00', isOver, isVerifyFirst);
  const toContract = [c('next', 0, { isVerifyFirst: true }), ...Array.from({ length: 4 }, () => c('next'))];
  return [
    [...toContract, c('withdraw'), c('sign'), c('retry'), c('disburse'), c('contract'), c('approve')],
    [
      ...toContract,
      c('sign'),
      c('disburse', 0, { isOver: true }),
      c('next'),
      c('retry'),
      c('disburse'),
      c('withdraw'),
      c('interview'),
      c('sign'),
    ],
    [
      c('apply'),
      c('interview'),
      c('score'),
      c('approve'),
      c('verify'),
      c('score'),
      c('approve'),
      c('next'),
      c('next'),
    ],
    [
      c('apply', 0),
      c('apply', 1),
      c('verify', 1),
      c('withdraw', 0),
      c('next', 1),
      c('approve', 0),
      c('next', 1),
      c('retry'),
    ],
  ];
}

export { ModelError };
