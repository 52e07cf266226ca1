/**
 * bench/journey: applications driven through the HTTP API from submission to disbursement by
 * scripted borrowers and staff, against a real server process (bench/journey-server.ts) on loopback.
 *
 *   npm run bench:journey -- --count 1000 [--concurrency 16] [--postgres]
 *
 * Each scripted borrower registers, proves their identity (the development identity authority's
 * registry, a phone code read from the development SMS outbox, the officer-video route instead of a
 * face), applies with two documents and submits. Scripted staff then: the loan officer runs the
 * scripted interview (the benchmark-only stand-in for the video interview, issue 7 — production
 * refuses the setting), orders the risk assessment and submits for approval; the risk officer and the
 * approver decide each step the authority matrix asks for, with TOTP step-up; the officer ticks every
 * condition precedent with an evidence file and prepares the contract; the borrower enrols TOTP,
 * reads every page and signs; the bank seal is applied under a seal authorisation the admin granted;
 * the approver disburses with an Idempotency-Key. Nothing is shortcut inside the server.
 *
 * The credit bureau is the local-file adapter with one record per scripted borrower, each a real row
 * of the Taiwan default data set (../shared/data/credit) with no late payment; names and ID numbers
 * are invented.
 *
 * Times come from the application's own event history (server clocks): time-to-decision is
 * submitted → approved; time-to-cash is submitted → disbursed, the system's own time because every
 * human step is taken by a scripted client the moment it can be. Throughput is disbursed loans per
 * second of wall time with `concurrency` journeys in flight. The server's CPU time is read from
 * /proc. After the server stops, the database is opened directly to count the payments booked and
 * check the double-entry accounts sum to zero. The last line is one JSON object.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { samplePdf } from '../src/cli/seed-demo';
import { loadConfig } from '../src/config';
import { SIGNING_INTENT_VERSION } from '../src/contracts/loan-contracts.schema';
import { openInfrastructure } from '../src/infra/open-infrastructure';
import {
  benchServerEnv,
  cpuMsOf,
  createBenchDatabase,
  demoStaff as demo,
  freePort,
  people,
  phoneCodeReader,
  quantile,
  sleep,
  staffClient,
  startBenchServer,
  verifiedBorrower,
} from './bench-support';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
    postgres: { type: 'boolean', default: false },
    'keep-data': { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const concurrency = Math.max(1, Math.min(Number(values.concurrency), count));
if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a whole number ≥ 1');

const dataDir = mkdtempSync(join(tmpdir(), 'mq-bench-journey-'));
const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------------------------
const { persons, bureauFile } = people({ count, dataDir });
const database = values.postgres
  ? await createBenchDatabase({
      adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      prefix: 'mq_bench_journey',
    })
  : undefined;
const databaseUrl = database?.url;
const port = await freePort();
const env = benchServerEnv({ dataDir, port, bureauFile, databaseUrl: databaseUrl ?? '' });
log(
  `bench/journey: ${count} applications, ${concurrency} in flight; ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}; database ${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}; load ${loadavg()[0]!.toFixed(2)}`,
);
const { server, base } = await startBenchServer({ env, port });
log(`server ready at ${base}`);

const staff = (who: { mobile: string; password: string }) => staffClient(base, who);
const officer = await staff(demo.officer);
const riskOfficer = await staff(demo.risk);
const approver = await staff(demo.approver);
const admin = await staff(demo.admin);
// A committee (low grades) needs a second approver: the admin creates one.
const secondApprover = { mobile: '13900000093', password: 'second-approver-pass-2026' };
await admin.ok('POST', '/api/admin/accounts', {
  ...secondApprover,
  displayName: '第二审批人（基准测试）',
  role: 'approver',
});
const approver2 = await staff(secondApprover);
await admin.ok('POST', '/api/admin/seal-authorisations', {
  maxAmount: '10000000.00',
  reason: 'bench/journey：批量合同自动加盖银行合同章',
  validDays: 1,
});

const pdf = samplePdf('bench evidence');
const repaymentAccount = { bankName: '面签示范银行上海徐汇支行', accountNumber: '6222021001123456789' };
/** The admin reads phone codes from the development outbox: one reader at a time. */
const phoneCodeOf = phoneCodeReader(admin);

interface Outcome {
  ok: boolean;
  step: string;
  error?: string;
  decisionMs?: number;
  cashMs?: number;
}

async function journey(i: number): Promise<Outcome> {
  const p = persons[i]!;
  let step = 'identity';
  try {
    const b = await verifiedBorrower({ base, person: p, phoneCodeOf });

    step = 'apply';
    const amount = `${20_000 + (i % 7) * 5_000}.00`;
    const created = await b.ok('POST', '/api/applications', {
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
          fullName: p.name,
          idNumber: p.idNumber,
          mobile: p.mobile,
          employmentStatus: 'employed',
          monthlyIncome: '25000.00',
          existingMonthlyRepayment: '0.00',
          existingDebtTotal: '0.00',
        },
      },
    });
    const id = created.id as string;
    for (const kind of ['id_card_copy', 'income_proof'])
      await b.ok('POST', `/api/applications/${id}/documents?kind=${kind}&filename=${kind}.pdf`, pdf, {
        'content-type': 'application/pdf',
      });
    const current = await b.ok('GET', `/api/applications/${id}`);
    const submitted = await b.ok('POST', `/api/applications/${id}/submit`, { version: current.version });
    // The borrower chose the officer video check before applying: screening passed, the application
    // goes on to identity_verified at once.
    if (!['under_review', 'identity_verified'].includes(submitted.status))
      return { ok: false, step: `screening: ${submitted.status}` };

    step = 'interview';
    await officer.ok('POST', `/api/bench/applications/${id}/scripted-interview`);
    step = 'risk';
    await officer.ok('POST', `/api/staff/applications/${id}/risk-assessment`);
    step = 'approval';
    let approvalCase = await officer.ok('POST', `/api/staff/applications/${id}/approval`, {});
    while (approvalCase.status === 'pending' && approvalCase.next) {
      const decided = new Set(
        (approvalCase.decisions as { byAccountId: string }[]).map((d) => d.byAccountId),
      );
      const decider =
        approvalCase.next.kind === 'risk_review'
          ? riskOfficer
          : [approver, approver2].find((a) => !decided.has(a.accountId!))!;
      await decider.freshStepUp();
      approvalCase = await decider.ok('POST', `/api/staff/applications/${id}/approval/decisions`, {
        outcome: 'approve',
        reasonCode: 'within_policy',
        text: '符合授信政策（基准测试脚本）',
        expectedStepIndex: approvalCase.next.stepIndex,
      });
    }
    if (approvalCase.status !== 'approved') return { ok: false, step: `approval: ${approvalCase.status}` };

    step = 'conditions';
    await tickConditions(id);

    step = 'contract';
    const contract = await officer.ok('POST', `/api/staff/applications/${id}/contract`, {
      account: repaymentAccount,
      signingOrder: 'parallel',
    });
    await b.enrolTotp();
    for (let page = 1; page <= contract.pageCount; page++)
      await b.ok('POST', `/api/contracts/${contract.id}/pages/${page}/read`);
    await b.ok('POST', `/api/contracts/${contract.id}/sign`, {
      contentHash: contract.contentHash,
      agreed: true,
      intentVersion: SIGNING_INTENT_VERSION,
    });

    step = 'disbursement';
    await approver.freshStepUp();
    const key = randomUUID();
    await approver.ok(
      'POST',
      `/api/staff/applications/${id}/disbursement`,
      { amount: contract.amount },
      {
        'idempotency-key': key,
      },
    );
    for (let t = 0; ; t++) {
      const app = await b.ok('GET', `/api/applications/${id}`);
      if (app.status === 'disbursed') {
        const at = (to: string) =>
          Date.parse((app.events as { toStatus: string; at: string }[]).find((e) => e.toStatus === to)!.at);
        return {
          ok: true,
          step: 'disbursed',
          decisionMs: at('approved') - at('submitted'),
          cashMs: at('disbursed') - at('submitted'),
        };
      }
      if (t > 600) return { ok: false, step: `disbursement: still ${app.status}` };
      await sleep(100);
    }
  } catch (e) {
    return { ok: false, step, error: (e as Error).message };
  }
}

/** Ticks every outstanding condition precedent of the application with an evidence file. */
async function tickConditions(id: string): Promise<void> {
  const list = await officer.ok('GET', `/api/staff/applications/${id}/conditions`);
  for (const c of list.items as { code: string; status: string }[]) {
    if (c.status !== 'outstanding') continue;
    await officer.ok(
      'POST',
      `/api/staff/applications/${id}/conditions/${c.code}/evidence?filename=${c.code}.pdf&note=${encodeURIComponent('基准测试：已核对')}`,
      pdf,
      { 'content-type': 'application/pdf' },
    );
  }
}

const cpuBefore = cpuMsOf(server.pid!);
const started = performance.now();
const outcomes: Outcome[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      const o = await journey(i);
      outcomes.push(o);
      if (!o.ok && outcomes.filter((x) => !x.ok).length <= 5)
        log(`journey ${i} stopped at ${o.step}: ${o.error ?? ''}`);
      if (outcomes.length % 50 === 0) log(`${outcomes.length}/${count} done`);
    }
  }),
);
const wallMs = performance.now() - started;
const serverCpuMs = cpuMsOf(server.pid!) - cpuBefore;

// Reconciliation as the bank would read it, then the database itself once the server has stopped.
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const report = await approver.call('GET', `/api/staff/reconciliation/disbursements?date=${today}`);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));

const config = loadConfig({ env: { ...env } });
const infra = await openInfrastructure({ config, migrate: false });
const db = infra.database.db;
const payments = Number(
  (
    await db
      .selectFrom('payment_transfers')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
const sums = await db
  .selectFrom('gl_journal_lines')
  .select([
    sql<string>`coalesce(sum(debit::numeric), 0)::text`.as('debits'),
    sql<string>`coalesce(sum(credit::numeric), 0)::text`.as('credits'),
  ])
  .executeTakeFirstOrThrow();
const disbursedRows = Number(
  (
    await db
      .selectFrom('applications')
      .select(sql<string>`count(*)`.as('n'))
      .where('status', '=', 'disbursed')
      .executeTakeFirstOrThrow()
  ).n,
);
await infra.close();
await database?.drop();
if (!values['keep-data']) rmSync(dataDir, { recursive: true, force: true });

const done = outcomes.filter((o) => o.ok);
const failures: Record<string, number> = {};
for (const o of outcomes.filter((x) => !x.ok)) failures[o.step] = (failures[o.step] ?? 0) + 1;
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms) / 1000);
const decision = done.map((o) => o.decisionMs!);
const cash = done.map((o) => o.cashMs!);
// The seed's own demo loan is disbursed by nobody: every disbursed application here is the bench's.
const result = {
  count,
  disbursed: disbursedRows,
  payments,
  balanced: sums.debits === sums.credits,
  debits: sums.debits,
  credits: sums.credits,
  failures,
  timeToDecisionSeconds: { median: seconds(quantile(decision, 0.5)), p90: seconds(quantile(decision, 0.9)) },
  timeToCashSeconds: { median: seconds(quantile(cash, 0.5)), p90: seconds(quantile(cash, 0.9)) },
  throughputPerSecond: Math.round((done.length / (wallMs / 1000)) * 100) / 100,
  wallSeconds: seconds(wallMs),
  serverCpuSeconds: seconds(serverCpuMs),
  serverCpuMsPerLoan: done.length ? Math.round(serverCpuMs / done.length) : null,
  concurrency,
  cpus: cpus().length,
  database: databaseUrl ? 'postgresql' : 'pglite',
  reconciliation:
    report.status === 200
      ? {
          payments: report.body.payments.count,
          matched: report.body.matched,
          mismatches: report.body.mismatches.length,
          ledgerBalanced: report.body.ledger.isBalanced,
        }
      : { error: report.status },
};
console.log(JSON.stringify(result));
process.exit(0);
