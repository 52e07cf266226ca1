import { creditCodeCheckCharacter } from '../../src/core/identity/credit-code';
import { idNumberCheckCharacter } from '../../src/core/identity/id-number';
import { samplePdf } from '../../src/cli/seed-demo';
import type { TestClient } from './test-platform';

/** A valid resident identity number for someone born on `birth` (YYYYMMDD). */
export function idNumberFor(birth: string, seq = '123'): string {
  const first17 = `110105${birth}${seq}`;
  return first17 + idNumberCheckCharacter(first17);
}

/** A valid unified social credit code. */
export function creditCodeFor(stem = '91310000MA1K00001'): string {
  return stem + creditCodeCheckCharacter(stem);
}

export const pdf = samplePdf('test document');

export function individualDetails(
  over: { loan?: Record<string, unknown>; applicant?: Record<string, unknown> } = {},
) {
  return {
    loan: {
      productCode: 'personal-consumer',
      amount: '50000.00',
      termMonths: 24,
      repaymentMethod: 'equal_installment',
      purpose: 'consumption',
      ...over.loan,
    },
    applicant: {
      fullName: '张三',
      idNumber: idNumberFor('19900307'),
      mobile: '13800138000',
      employmentStatus: 'employed',
      monthlyIncome: '20000.00',
      existingMonthlyRepayment: '1000.00',
      existingDebtTotal: '20000.00',
      ...over.applicant,
    },
  };
}

export function projectDetails(creditCode = creditCodeFor()) {
  return {
    loan: {
      productCode: 'project-finance',
      amount: '30000000.00',
      termMonths: 120,
      repaymentMethod: 'equal_principal',
      purpose: 'project_construction',
    },
    company: {
      name: '星河新能源有限公司',
      creditCode,
      industry: 'utilities',
      yearsInOperation: 8,
      actingAs: 'legal_representative',
    },
    project: { name: '光伏电站', totalInvestment: '80000000.00', ownFunds: '24000000.00' },
    financials: {
      revenue: '120000000.00',
      netProfit: '-900000.00',
      totalAssets: '200000000.00',
      totalLiabilities: '110000000.00',
      operatingCashFlow: '15000000.00',
    },
    stakeholders: [
      {
        role: 'legal_representative',
        name: '李四',
        idNumber: idNumberFor('19750203', '567'),
        mobile: '13800000002',
      },
      {
        role: 'guarantor',
        name: '星河控股',
        creditCode: creditCodeFor('91310000MA1K00002'),
        mobile: '13700000003',
      },
    ],
  };
}

export async function uploadPdf(
  client: TestClient,
  applicationId: string,
  kind: string,
  filename = `${kind}.pdf`,
) {
  return client.call(
    'POST',
    `/api/applications/${applicationId}/documents?kind=${kind}&filename=${encodeURIComponent(filename)}`,
    pdf,
    {
      'content-type': 'application/pdf',
    },
  );
}

/** Registers an individual borrower and files a complete, screened application. */
export async function submittedIndividualApplication(
  client: TestClient,
  over: Parameters<typeof individualDetails>[0] = {},
) {
  const created = await client.call('POST', '/api/applications', {
    kind: 'individual',
    details: individualDetails(over),
  });
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  for (const kind of ['id_card_copy', 'income_proof']) await uploadPdf(client, created.body.id, kind);
  return client.call('POST', `/api/applications/${created.body.id}/submit`, {});
}
