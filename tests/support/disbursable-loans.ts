import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { contractJourneyAccounts, seedApprovedApplication } from '../../src/cli/seed-contract-journey';
import { demoAccounts, samplePdf, seedDemo } from '../../src/cli/seed-demo';
import { composeApplicationsDeps } from '../../src/http/compose-deps';
import { contractApplications } from '../../src/http/contract-applications';
import { meetConditions } from './conditions-journey';
import { contractJourney } from './contract-journey';
import type { TestClient, TestPlatform } from './test-platform';

/**
 * Loans ready to disburse, for suites that need many of them (exactly-once, the crash suites, the
 * disbursement crash test): the demo seed, one contract signed and sealed through the API
 * (`signLoanContract`), then `count - 1` more approved applications of the same borrower through the
 * seed, each with a copy of that signed contract (what disbursement reads of it) and moved to
 * contract_signed as the contract feature does; every loan's conditions precedent met through the API.
 */
export async function seedDisbursableLoans({
  platform,
  count,
  journey = contractJourney(() => platform),
}: {
  platform: TestPlatform;
  count: number;
  journey?: ReturnType<typeof contractJourney>;
}): Promise<{ loans: string[]; amount: string; approver: TestClient; officer: TestClient }> {
  const { infra, config } = platform;
  const db = infra.database.db;
  await seedDemo({ infra, config });
  const first = await db
    .selectFrom('applications')
    .select('id')
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  const signed = await journey.signLoanContract(first.id);
  const amount = signed.contract.amount;
  const loans = [first.id];
  const borrower = await db
    .selectFrom('contract_signers')
    .select('account_id')
    .where('contract_id', '=', signed.contract.id)
    .where('role', '=', 'borrower')
    .executeTakeFirstOrThrow();
  const verified = await infra.identity.store.latestVerification(borrower.account_id!);
  const officer = demoAccounts.find((a) => a.role === 'loan_officer')!;
  const officerRow = await infra.accounts.findCredentialsByMobile(officer.mobile);
  const moveOn = contractApplications(composeApplicationsDeps({ infra, config }));
  for (let i = 1; i < count; i++) {
    const applicationId = await seedApprovedApplication({
      infra,
      config,
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
  for (const applicationId of loans) await meetConditions(signed.officer, applicationId);
  const states = await db.selectFrom('applications').select('status').where('id', 'in', loans).execute();
  expect(states.map((s) => s.status)).toEqual(Array(count).fill('contract_signed'));
  return { loans, amount, approver: signed.approver, officer: signed.officer };
}
