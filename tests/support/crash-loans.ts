import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { contractJourneyAccounts, seedApprovedApplication } from '../../src/cli/seed-contract-journey';
import { demoAccounts, samplePdf, seedDemo } from '../../src/cli/seed-demo';
import { loadConfig } from '../../src/config';
import { composeApplicationsDeps } from '../../src/http/compose-deps';
import { contractApplications } from '../../src/http/contract-applications';
import { buildApp } from '../../src/http/build-app';
import { openInfrastructure } from '../../src/infra/open-infrastructure';
import { meetConditions } from './conditions-journey';
import { contractJourney } from './contract-journey';
import { TestClient, type TestPlatform } from './test-platform';

/**
 * An in-process platform on a database that outlives it: a file-backed PGlite in `dataDir` or the
 * PostgreSQL at `databaseUrl`. The crash suite seeds through it, closes it, and hands the same data
 * directory and database to child servers (PGlite belongs to one process at a time).
 */
export async function openPersistentPlatform({
  dataDir,
  databaseUrl,
}: {
  dataDir: string;
  databaseUrl?: string | undefined;
}): Promise<TestPlatform> {
  const config = loadConfig({
    env: {},
    overrides: {
      mode: 'test',
      dataDir,
      databaseUrl,
      databasePoolSize: 8,
      registrationsPerIpPerHour: 10_000,
      loginAttemptsPerIpPerMinute: 10_000,
      webDistDir: join(dataDir, 'no-web'),
    },
  });
  const infra = await openInfrastructure({ config });
  const app = await buildApp({ config, infra, logger: false });
  await app.ready();
  return {
    app,
    infra,
    config,
    target: databaseUrl ? 'postgres' : 'pglite',
    advanceClock: () => {
      throw new Error('the crash suite runs on the real clock');
    },
    close: async () => {
      await app.close();
      await infra.close();
    },
  };
}

/** A session a client holds: its cookie and CSRF token, valid against any server on the same database. */
export interface HeldSession {
  cookie: string;
  csrf: string;
  accountId: string;
}

const held = (c: TestClient): HeldSession => ({ cookie: c.cookie!, csrf: c.csrf!, accountId: c.accountId! });

/**
 * Seeds what the crash load needs, in process: the demo accounts, `count` loans of one borrower with a
 * signed contract and every condition precedent met (ready to disburse, as the disbursement crash test
 * prepares them), and `borrowers` fresh borrower accounts to file applications. Returns the sessions
 * (stored in the database, so they outlive this process), the approver's recovery codes (for a fresh
 * step-up when the five minutes run out) and the loan amount.
 */
export async function seedCrashLoad(
  p: TestPlatform,
  { count, borrowers }: { count: number; borrowers: number },
): Promise<{
  loans: string[];
  amount: string;
  approver: HeldSession;
  approverRecoveryCodes: string[];
  borrowerSessions: HeldSession[];
}> {
  const db = p.infra.database.db;
  const t0 = Date.now();
  const lap = (what: string) => {
    if (process.env.MIANQIAN_CRASH_TIMINGS) console.log(`seed ${what}: ${Date.now() - t0} ms`);
  };
  const journey = contractJourney(() => p);
  await seedDemo({ infra: p.infra, config: p.config });
  const first = await db
    .selectFrom('applications')
    .select('id')
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  lap('demo');
  const signed = await journey.signLoanContract(first.id);
  lap('contract');
  const loans = [first.id];
  const amount = signed.contract.amount;

  // More contract_signed loans of the same borrower: approved through the seed, with a copy of the
  // signed contract (what disbursement reads of it), moved on as the contract feature does — the same
  // shortcut as tests/integration/disbursement-crash.test.ts, since signing 50 contracts through the
  // API would take minutes and is not what this suite proves.
  const borrower = await db
    .selectFrom('contract_signers')
    .select('account_id')
    .where('contract_id', '=', signed.contract.id)
    .where('role', '=', 'borrower')
    .executeTakeFirstOrThrow();
  const verified = await p.infra.identity.store.latestVerification(borrower.account_id!);
  const officer = demoAccounts.find((a) => a.role === 'loan_officer')!;
  const officerRow = await p.infra.accounts.findCredentialsByMobile(officer.mobile);
  const moveOn = contractApplications(composeApplicationsDeps({ infra: p.infra, config: p.config }));
  for (let i = 1; i < count; i++) {
    const applicationId = await seedApprovedApplication({
      infra: p.infra,
      config: p.config,
      borrower: { accountId: borrower.account_id!, role: 'borrower_individual' },
      officer: { accountId: officerRow!.account.id, role: 'loan_officer' },
      applicant: { ...contractJourneyAccounts.borrower, idNumber: verified!.idNumber },
      samplePdf,
      amount,
    });
    const contractId = randomUUID();
    await sql`
      insert into contracts (id, application_id, contract_number, template_version, locale,
        signing_order, status, amount, term_months, nominal_rate, annualised_rate, page_count,
        content_sha256, revision, current_sha256, data_enc, created_by, created_at, completed_at)
      select ${contractId}, ${applicationId}, contract_number || ${`-${i}`}, template_version, locale,
        signing_order, status, amount, term_months, nominal_rate, annualised_rate, page_count,
        content_sha256, revision, current_sha256, data_enc, created_by, created_at, completed_at
      from contracts where id = ${signed.contract.id}`.execute(db);
    await moveOn.markContractSigned({ applicationId, contractId });
    loans.push(applicationId);
  }
  lap('loans');
  for (const applicationId of loans)
    expect(await meetConditions(signed.officer, applicationId)).toHaveLength(2);

  lap('conditions');
  const borrowerSessions: HeldSession[] = [];
  for (let i = 0; i < borrowers; i++) {
    const c = new TestClient(p.app);
    expect((await c.register()).status).toBe(201);
    borrowerSessions.push(held(c));
  }
  return {
    loans,
    amount,
    approver: held(signed.approver),
    approverRecoveryCodes: [...(journey.recovery.get(signed.approver.accountId!) ?? [])],
    borrowerSessions,
  };
}
