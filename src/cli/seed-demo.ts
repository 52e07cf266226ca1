import type { Config } from '../config';
import type { Actor } from '../core/accounts/roles';
import { idNumberCheckCharacter } from '../core/identity/id-number';
import { creditCodeCheckCharacter } from '../core/identity/credit-code';
import type { AccountRecord } from '../features/accounts/account-store.port';
import { createStaffAccount } from '../features/accounts/create-staff-account';
import { registerAccount } from '../features/accounts/register-account';
import { createApplication } from '../features/applications/create-application';
import { submitApplication } from '../features/applications/submit-application';
import { uploadDocument } from '../features/applications/upload-document';
import { withdrawApplication } from '../features/applications/withdraw-application';
import { consentTexts } from '../core/identity/consent-texts';
import { giveConsent } from '../features/identity/give-consent';
import { startVerification } from '../features/identity/start-verification';
import { assessApplicationRisk } from '../features/risk/assess-application-risk';
import { seedContractJourney } from './seed-contract-journey';
import {
  composeAccountsDeps,
  composeApplicationsDeps,
  composeIdentityDeps,
  composeRiskDeps,
} from '../http/compose-deps';
import type { Infrastructure } from '../infra/open-infrastructure';

/** Demo accounts, one per role. Development only: `mianqian start` never seeds in production mode. */
export const demoAccounts = [
  { role: 'admin', mobile: '13900000000', password: 'admin-pass-2026', displayName: '系统管理员' },
  { role: 'loan_officer', mobile: '13900000001', password: 'officer-pass-2026', displayName: '王客户经理' },
  { role: 'risk_officer', mobile: '13900000002', password: 'risk-pass-2026', displayName: '赵风控' },
  { role: 'approver', mobile: '13900000003', password: 'approver-pass-2026', displayName: '钱审批' },
  { role: 'borrower_individual', mobile: '13800000001', password: 'borrower-pass-2026', displayName: '张三' },
  {
    role: 'borrower_enterprise',
    mobile: '13800000002',
    password: 'enterprise-pass-2026',
    displayName: '李四',
  },
] as const;

const idNumber = (birth: string, seq: string) => {
  const first17 = `310104${birth}${seq}`;
  return first17 + idNumberCheckCharacter(first17);
};
const creditCode = (() => {
  const first17 = '91310000MA1FL0001';
  return first17 + creditCodeCheckCharacter(first17);
})();

/** A small but real PDF (one empty page). */
export function samplePdf(title: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>`,
  ];
  const text = `BT /F1 12 Tf 72 770 Td (${title.replace(/[()\\]/g, '')}) Tj ET`;
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  offsets.push(pdf.length);
  pdf += `4 0 obj\n<< /Length ${text.length} >>\nstream\n${text}\nendstream\nendobj\n`;
  const xref = pdf.length;
  pdf += `xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/**
 * Seeds demo data through the same use cases the API calls: an account per role and applications at
 * different stages. Does nothing when the admin demo account already exists.
 */
export async function seedDemo({
  infra,
  config,
}: {
  infra: Infrastructure;
  config: Config;
}): Promise<{ seeded: boolean }> {
  const existing = await infra.accounts.findCredentialsByMobile(demoAccounts[0].mobile);
  if (existing) return { seeded: false };
  const accountsDeps = composeAccountsDeps({
    infra,
    config: { ...config, registrationsPerIpPerHour: 1_000_000 },
  });
  const made = new Map<string, AccountRecord>();
  for (const a of demoAccounts) {
    if (a.role === 'borrower_individual' || a.role === 'borrower_enterprise') {
      const opened = await registerAccount({
        deps: accountsDeps,
        input: {
          mobile: a.mobile,
          password: a.password,
          displayName: a.displayName,
          role: a.role,
          ...(a.role === 'borrower_enterprise'
            ? {
                enterprise: {
                  companyName: '星河新能源有限公司',
                  creditCode,
                  actingAs: 'legal_representative' as const,
                },
              }
            : {}),
        },
        clientIp: 'seed',
        userAgent: 'seed',
      });
      await infra.sessions.deleteAllForAccount(opened.account.id);
      made.set(a.role, opened.account);
    } else {
      made.set(a.role, await createStaffAccount({ deps: accountsDeps, input: { ...a, role: a.role } }));
    }
  }

  // The demo borrower 张三 is on the local identity registry, as the national service would know them
  // (no photo: a tester who wants the face check registers their own at /verify/registry).
  await infra.identity.registry?.register({
    name: '张三',
    idNumber: idNumber('19880512', '123'),
    source: 'seed',
  });

  const deps = composeApplicationsDeps({ infra, config });
  const person: Actor = { accountId: made.get('borrower_individual')!.id, role: 'borrower_individual' };
  const company: Actor = { accountId: made.get('borrower_enterprise')!.id, role: 'borrower_enterprise' };
  const upload = (actor: Actor, applicationId: string, kind: string) =>
    uploadDocument({
      deps,
      actor,
      applicationId,
      kind,
      filename: `${kind}.pdf`,
      declaredType: 'application/pdf',
      bytes: samplePdf(kind),
    });
  const applicant = (birth: string, seq: string, over: Record<string, unknown> = {}) => ({
    fullName: '张三',
    idNumber: idNumber(birth, seq),
    mobile: '13800000001',
    address: '上海市徐汇区漕溪北路 88 号',
    employmentStatus: 'employed' as const,
    employer: '上海某科技有限公司',
    monthlyIncome: '25000.00',
    yearsEmployed: 6,
    existingMonthlyRepayment: '1500.00',
    existingDebtTotal: '40000.00',
    ...over,
  });

  // 1. A draft, half filled in.
  await createApplication({
    deps,
    actor: person,
    kind: 'individual',
    details: {
      loan: { productCode: 'personal-consumer', amount: '30000.00', termMonths: 12 },
      applicant: { fullName: '张三' },
    },
  });

  // 2. Submitted and passed screening: waiting for review.
  const reviewed = await createApplication({
    deps,
    actor: person,
    kind: 'individual',
    details: {
      loan: {
        productCode: 'personal-consumer',
        amount: '80000.00',
        termMonths: 24,
        repaymentMethod: 'equal_installment',
        purpose: 'home_renovation',
        purposeDetail: '房屋装修',
      },
      applicant: applicant('19880512', '123'),
    },
  });
  await upload(person, reviewed.id, 'id_card_copy');
  await upload(person, reviewed.id, 'income_proof');
  await submitApplication({ deps, actor: person, id: reviewed.id });
  // 张三 had his ID details checked by the identity authority and authorised the credit inquiry
  // (征信查询授权, which covers the person checked), and the officer ran the risk model: the local
  // credit bureau file holds a record for him (fixtures/credit-bureau), so the demo shows a risk report.
  const identityDeps = composeIdentityDeps({ infra, config });
  const consentTo = (kind: 'personal_information' | 'credit_inquiry') =>
    giveConsent({
      deps: identityDeps,
      actor: person,
      kind,
      textVersion: consentTexts[kind].version,
      locale: 'zh-CN',
      method: 'click',
    });
  await consentTo('personal_information');
  await startVerification({
    deps: identityDeps,
    actor: person,
    name: '张三',
    idNumber: idNumber('19880512', '123'),
  });
  await consentTo('credit_inquiry');
  const riskDeps = composeRiskDeps({ infra, config });
  const officer: Actor = { accountId: made.get('loan_officer')!.id, role: 'loan_officer' };
  if (riskDeps.models.modelFor('individual'))
    await assessApplicationRisk({ deps: riskDeps, actor: officer, applicationId: reviewed.id });

  // 3. Rejected at screening: repayments would take too much of the income.
  const rejected = await createApplication({
    deps,
    actor: person,
    kind: 'individual',
    details: {
      loan: {
        productCode: 'personal-business',
        amount: '2500000.00',
        termMonths: 36,
        repaymentMethod: 'equal_installment',
        purpose: 'business_operation',
      },
      applicant: applicant('19880512', '123', { monthlyIncome: '18000.00' }),
    },
  });
  for (const kind of ['id_card_copy', 'income_proof', 'bank_statement'])
    await upload(person, rejected.id, kind);
  await submitApplication({ deps, actor: person, id: rejected.id });

  // 4. Withdrawn by the borrower after submission.
  const withdrawn = await createApplication({
    deps,
    actor: person,
    kind: 'individual',
    details: {
      loan: {
        productCode: 'personal-consumer',
        amount: '20000.00',
        termMonths: 12,
        repaymentMethod: 'equal_principal',
        purpose: 'education',
      },
      applicant: applicant('19880512', '123'),
    },
  });
  await upload(person, withdrawn.id, 'id_card_copy');
  await upload(person, withdrawn.id, 'income_proof');
  await submitApplication({ deps, actor: person, id: withdrawn.id });
  await withdrawApplication({ deps, actor: person, id: withdrawn.id, reason: '已从其他渠道获得资金' });

  // 5. Project financing that passed screening.
  const project = await createApplication({
    deps,
    actor: company,
    kind: 'enterprise',
    details: {
      loan: {
        productCode: 'project-finance',
        amount: '48000000.00',
        termMonths: 120,
        repaymentMethod: 'equal_principal',
        purpose: 'project_construction',
        purposeDetail: '分布式光伏电站建设',
        declaredCollateralValue: '52000000.00',
      },
      company: {
        name: '星河新能源有限公司',
        creditCode,
        industry: 'utilities',
        yearsInOperation: 9,
        registeredAddress: '上海市浦东新区张江路 1 号',
        actingAs: 'legal_representative',
      },
      project: {
        name: '奉贤 50MW 分布式光伏电站',
        totalInvestment: '80000000.00',
        ownFunds: '24000000.00',
        description: '屋顶分布式光伏，并网消纳',
        projectedAnnualCashFlow: '8600000.00',
      },
      financials: {
        revenue: '320000000.00',
        netProfit: '26000000.00',
        totalAssets: '610000000.00',
        totalLiabilities: '350000000.00',
        operatingCashFlow: '41000000.00',
        currentAssets: '185000000.00',
        currentLiabilities: '120000000.00',
        ebit: '38000000.00',
        interestExpense: '9500000.00',
      },
      stakeholders: [
        {
          role: 'legal_representative',
          name: '李四',
          idNumber: idNumber('19750203', '567'),
          mobile: '13800000002',
        },
        {
          role: 'guarantor',
          name: '上海星河控股集团有限公司',
          mobile: '13700000003',
          relationship: '控股股东',
        },
        {
          role: 'co_borrower',
          name: '王五',
          idNumber: idNumber('19800817', '432'),
          mobile: '13700000004',
          relationship: '实际控制人',
        },
      ],
    },
  });
  for (const kind of [
    'business_licence',
    'financial_statements',
    'id_card_copy',
    'project_feasibility_study',
    'board_resolution',
  ])
    await upload(company, project.id, kind);
  await submitApplication({ deps, actor: company, id: project.id });
  // The expert scorecard assesses it once screening passed (the app does this on its own).
  await assessApplicationRisk({
    deps: riskDeps,
    actor: { accountId: null, role: 'system' },
    applicationId: project.id,
  });

  // 6. Working capital for a highly leveraged company: rejected.
  const leveraged = await createApplication({
    deps,
    actor: company,
    kind: 'enterprise',
    details: {
      loan: {
        productCode: 'enterprise-working-capital',
        amount: '5000000.00',
        termMonths: 12,
        repaymentMethod: 'interest_only',
        purpose: 'working_capital',
      },
      company: {
        name: '星河新能源有限公司',
        creditCode,
        industry: 'utilities',
        yearsInOperation: 9,
        actingAs: 'legal_representative',
      },
      financials: {
        revenue: '320000000.00',
        netProfit: '-3000000.00',
        totalAssets: '610000000.00',
        totalLiabilities: '520000000.00',
        operatingCashFlow: '-8000000.00',
      },
      stakeholders: [
        {
          role: 'legal_representative',
          name: '李四',
          idNumber: idNumber('19750203', '567'),
          mobile: '13800000002',
        },
      ],
    },
  });
  for (const kind of ['business_licence', 'financial_statements', 'id_card_copy'])
    await upload(company, leveraged.id, kind);
  await submitApplication({ deps, actor: company, id: leveraged.id });

  // 7. The contract journey: 王小明's approved application and 赵六, who guarantees it.
  await seedContractJourney({ infra, config, accountsDeps, officer, samplePdf });

  return { seeded: true };
}
