import { levelPayment } from '../loan/level-payment';
import type Decimal from 'decimal.js';
import type { ApplicationDetails, ApplicationKind } from '../application/application';
import { addMonths, ageOn, parseIdNumber } from '../identity/id-number';
import { checkCreditCode } from '../identity/credit-code';
import { Yuan, formatYuan } from '../money/money';
import { findProduct, type ProductRule, type ScreeningPolicy } from './policy';

export type RuleOutcome = 'pass' | 'fail' | 'not_applicable';

export interface RuleResult {
  ruleId: string;
  outcome: RuleOutcome;
  /** Why, for the borrower and the officer: zh-CN first, en too. */
  reason: { 'zh-CN': string; en: string };
}

export interface ScreeningDecision {
  decision: 'pass' | 'reject';
  policyVersion: string;
  results: RuleResult[];
}

/** A hit of an applicant, company or stakeholder identifier on the bank's blocklist (黑名单). */
export interface BlocklistMatch {
  subject: 'applicant' | 'company' | 'stakeholder';
}

export interface ScreeningInput {
  kind: ApplicationKind;
  details: ApplicationDetails;
  /** Kinds of the documents uploaded so far. */
  documentKinds: readonly string[];
  blocklistMatches: readonly BlocklistMatch[];
  /** The screening date, YYYY-MM-DD. */
  today: string;
  policy: ScreeningPolicy;
}

const rule = (ruleId: string, outcome: RuleOutcome, zh: string, en: string): RuleResult => ({
  ruleId,
  outcome,
  reason: { 'zh-CN': zh, en },
});

const pct = (d: Decimal) => `${d.times(100).toDecimalPlaces(1).toString()}%`;

/**
 * Estimated monthly payment of an equal-instalment loan (等额本息) at `annualRate` (the loan maths'
 * level payment, in fen), used for the debt-to-income screen.
 */
export function estimateMonthlyPayment({
  amount,
  annualRate,
  months,
}: {
  amount: string;
  annualRate: string;
  months: number;
}): Decimal {
  return levelPayment({
    amount: new Yuan(amount),
    annualRate: new Yuan(annualRate),
    periodsPerYear: 12,
    periods: months,
  });
}

function productRules(product: ProductRule, details: ApplicationDetails): RuleResult[] {
  const results: RuleResult[] = [];
  const { amount, termMonths, repaymentMethod } = details.loan;
  if (amount !== undefined) {
    const a = new Yuan(amount);
    const ok = a.gte(product.minAmount) && a.lte(product.maxAmount);
    results.push(
      rule(
        'amount_range',
        ok ? 'pass' : 'fail',
        `申请金额 ${formatYuan(a)} 元${ok ? '在' : '不在'}产品范围 ${product.minAmount}–${product.maxAmount} 元内`,
        `Amount ${formatYuan(a)} yuan is ${ok ? 'within' : 'outside'} the product range ${product.minAmount}–${product.maxAmount} yuan`,
      ),
    );
  }
  if (termMonths !== undefined) {
    const ok = termMonths >= product.minTermMonths && termMonths <= product.maxTermMonths;
    results.push(
      rule(
        'term_range',
        ok ? 'pass' : 'fail',
        `期限 ${termMonths} 个月${ok ? '在' : '不在'}产品范围 ${product.minTermMonths}–${product.maxTermMonths} 个月内`,
        `Term of ${termMonths} months is ${ok ? 'within' : 'outside'} the product range ${product.minTermMonths}–${product.maxTermMonths} months`,
      ),
    );
  }
  if (repaymentMethod !== undefined) {
    const ok = product.repaymentMethods.includes(repaymentMethod);
    results.push(
      rule(
        'repayment_method',
        ok ? 'pass' : 'fail',
        ok ? '还款方式符合产品规定' : '该产品不支持所选还款方式',
        ok
          ? 'The repayment method is offered by the product'
          : 'The product does not offer the chosen repayment method',
      ),
    );
  }
  return results;
}

function individualRules(input: ScreeningInput, product: ProductRule): RuleResult[] {
  const { details, today, policy } = input;
  const a = details.applicant ?? {};
  const results: RuleResult[] = [];
  const id = a.idNumber ? parseIdNumber({ number: a.idNumber, today }) : undefined;
  if (!id || !id.ok) {
    results.push(
      rule(
        'id_number_valid',
        'fail',
        `身份证号码无效：${id && !id.ok ? id.message : '缺失'}`,
        `The ID number is not valid: ${id && !id.ok ? id.message : 'missing'}`,
      ),
    );
  } else {
    results.push(rule('id_number_valid', 'pass', '身份证号码校验通过', 'The ID number is valid'));
    const ageNow = ageOn({ birthDate: id.info.birthDate, onDate: today });
    const maturity = addMonths({ date: today, months: details.loan.termMonths ?? 0 });
    const ageAtMaturity = ageOn({ birthDate: id.info.birthDate, onDate: maturity });
    const { minAge, maxAgeAtMaturity } = policy.individual;
    const ok = ageNow >= minAge && ageAtMaturity <= maxAgeAtMaturity;
    results.push(
      rule(
        'applicant_age',
        ok ? 'pass' : 'fail',
        ok
          ? `申请人现年 ${ageNow} 岁，到期时 ${ageAtMaturity} 岁，符合 ${minAge}–${maxAgeAtMaturity} 岁要求`
          : ageNow < minAge
            ? `申请人现年 ${ageNow} 岁，未满 ${minAge} 岁`
            : `申请人到期时 ${ageAtMaturity} 岁，超过 ${maxAgeAtMaturity} 岁上限`,
        ok
          ? `The applicant is ${ageNow} now and ${ageAtMaturity} at maturity, within ${minAge}–${maxAgeAtMaturity}`
          : ageNow < minAge
            ? `The applicant is ${ageNow}, younger than ${minAge}`
            : `The applicant would be ${ageAtMaturity} at maturity, older than ${maxAgeAtMaturity}`,
      ),
    );
  }
  if (a.employmentStatus !== undefined) {
    const excluded = policy.individual.excludedEmploymentStatuses.includes(a.employmentStatus);
    results.push(
      rule(
        'employment_status',
        excluded ? 'fail' : 'pass',
        excluded ? '就业状态不符合准入要求（无稳定收入来源）' : '就业状态符合准入要求',
        excluded
          ? 'The employment status is excluded (no stable income)'
          : 'The employment status is accepted',
      ),
    );
  }
  const { amount, termMonths } = details.loan;
  if (a.monthlyIncome !== undefined && amount !== undefined && termMonths !== undefined) {
    const income = new Yuan(a.monthlyIncome);
    const newPayment = estimateMonthlyPayment({
      amount,
      annualRate: product.referenceAnnualRate,
      months: termMonths,
    });
    const total = newPayment.plus(a.existingMonthlyRepayment ?? '0');
    const cap = new Yuan(policy.individual.maxDebtToIncome);
    if (income.isZero()) {
      results.push(
        rule(
          'debt_to_income',
          'fail',
          '月收入为零，无法偿还贷款',
          'A monthly income of zero cannot service the loan',
        ),
      );
    } else {
      const dti = total.dividedBy(income);
      const ok = dti.lte(cap);
      results.push(
        rule(
          'debt_to_income',
          ok ? 'pass' : 'fail',
          `月还款负担（含本笔贷款预估月供 ${formatYuan(newPayment)} 元）占月收入 ${pct(dti)}，上限 ${pct(cap)}`,
          `Monthly repayments (incl. this loan's estimated ${formatYuan(newPayment)} yuan) are ${pct(dti)} of income; the cap is ${pct(cap)}`,
        ),
      );
    }
  }
  return results;
}

function enterpriseRules(input: ScreeningInput, product: ProductRule): RuleResult[] {
  const { details, policy } = input;
  const c = details.company ?? {};
  const f = details.financials ?? {};
  const results: RuleResult[] = [];
  const code = c.creditCode ? checkCreditCode(c.creditCode) : undefined;
  results.push(
    code?.ok
      ? rule(
          'credit_code_valid',
          'pass',
          '统一社会信用代码校验通过',
          'The unified social credit code is valid',
        )
      : rule(
          'credit_code_valid',
          'fail',
          `统一社会信用代码无效：${code && !code.ok ? code.message : '缺失'}`,
          `The unified social credit code is not valid: ${code && !code.ok ? code.message : 'missing'}`,
        ),
  );
  if (c.yearsInOperation !== undefined) {
    const min = product.minYearsInOperation ?? 0;
    const ok = c.yearsInOperation >= min;
    results.push(
      rule(
        'years_in_operation',
        ok ? 'pass' : 'fail',
        `企业经营 ${c.yearsInOperation} 年，产品要求至少 ${min} 年`,
        `The company has operated ${c.yearsInOperation} years; the product requires at least ${min}`,
      ),
    );
  }
  if (c.industry !== undefined) {
    const excluded = policy.enterprise.excludedIndustries.includes(c.industry);
    results.push(
      rule(
        'excluded_industry',
        excluded ? 'fail' : 'pass',
        excluded ? '所属行业属于禁止准入行业' : '所属行业不在禁止准入名单内',
        excluded ? 'The industry is excluded by policy' : 'The industry is not excluded',
      ),
    );
  }
  if (f.totalAssets !== undefined && f.totalLiabilities !== undefined) {
    const assets = new Yuan(f.totalAssets);
    const cap = new Yuan(policy.enterprise.maxDebtToAsset);
    if (assets.isZero()) {
      results.push(rule('debt_to_asset', 'fail', '总资产为零', 'Total assets are zero'));
    } else {
      const ratio = new Yuan(f.totalLiabilities).dividedBy(assets);
      const ok = ratio.lte(cap);
      results.push(
        rule(
          'debt_to_asset',
          ok ? 'pass' : 'fail',
          `资产负债率 ${pct(ratio)}，上限 ${pct(cap)}`,
          `Debt-to-asset ratio is ${pct(ratio)}; the cap is ${pct(cap)}`,
        ),
      );
    }
  }
  if (product.isProjectFinance) {
    const p = details.project ?? {};
    if (p.totalInvestment !== undefined && p.ownFunds !== undefined) {
      const total = new Yuan(p.totalInvestment);
      const own = new Yuan(p.ownFunds);
      const min = new Yuan(policy.enterprise.minOwnFundsRatio);
      const share = total.isZero() ? new Yuan(0) : own.dividedBy(total);
      const ok = !total.isZero() && share.gte(min);
      results.push(
        rule(
          'own_funds_ratio',
          ok ? 'pass' : 'fail',
          `项目资本金比例 ${pct(share)}，要求不低于 ${pct(min)}`,
          `Own funds are ${pct(share)} of the project's investment; at least ${pct(min)} is required`,
        ),
      );
      if (details.loan.amount !== undefined) {
        const gap = total.minus(own);
        const fits = new Yuan(details.loan.amount).lte(gap);
        results.push(
          rule(
            'financing_gap',
            fits ? 'pass' : 'fail',
            fits
              ? `申请金额不超过项目资金缺口 ${formatYuan(gap)} 元`
              : `申请金额超过项目资金缺口 ${formatYuan(gap)} 元`,
            fits
              ? `The amount does not exceed the project's funding gap of ${formatYuan(gap)} yuan`
              : `The amount exceeds the project's funding gap of ${formatYuan(gap)} yuan`,
          ),
        );
      }
    }
  }
  return results;
}

/** Names of document kinds for reasons. */
export const documentKindNames: Record<string, { 'zh-CN': string; en: string }> = {
  id_card_copy: { 'zh-CN': '身份证复印件', en: 'ID card copy' },
  income_proof: { 'zh-CN': '收入证明', en: 'proof of income' },
  bank_statement: { 'zh-CN': '银行流水', en: 'bank statement' },
  business_licence: { 'zh-CN': '营业执照', en: 'business licence' },
  financial_statements: { 'zh-CN': '财务报表', en: 'financial statements' },
  project_feasibility_study: { 'zh-CN': '项目可行性研究报告', en: 'project feasibility study' },
  board_resolution: { 'zh-CN': '董事会决议', en: 'board resolution' },
  other: { 'zh-CN': '其他材料', en: 'other document' },
};

const subjectNames = {
  applicant: { 'zh-CN': '申请人', en: 'The applicant' },
  company: { 'zh-CN': '申请企业', en: 'The company' },
  stakeholder: { 'zh-CN': '关联方', en: 'A stakeholder' },
} as const;

/**
 * First screening (自动初筛): runs every rule of `policy` on the application and returns each rule's
 * outcome with a reason. Any failed rule rejects. Pure: the blocklist lookup and the document list
 * are done by the caller and passed in.
 */
export function screenApplication(input: ScreeningInput): ScreeningDecision {
  const { kind, details, policy } = input;
  const results: RuleResult[] = [];
  const product = findProduct({ policy, code: details.loan.productCode });
  if (!product || product.kind !== kind) {
    results.push(
      rule(
        'product',
        'fail',
        '所选产品不存在或不适用于该类申请人',
        'The product does not exist or does not take this kind of applicant',
      ),
    );
    return { decision: 'reject', policyVersion: policy.version, results };
  }
  results.push(rule('product', 'pass', `产品：${product.name['zh-CN']}`, `Product: ${product.name.en}`));
  results.push(...productRules(product, details));
  results.push(
    ...(kind === 'individual' ? individualRules(input, product) : enterpriseRules(input, product)),
  );

  if (input.blocklistMatches.length === 0) {
    results.push(rule('blocklist', 'pass', '未命中黑名单', 'No blocklist match'));
  } else {
    const subjects = [...new Set(input.blocklistMatches.map((m) => m.subject))];
    results.push(
      rule(
        'blocklist',
        'fail',
        `${subjects.map((s) => subjectNames[s]['zh-CN']).join('、')}命中黑名单`,
        `${subjects.map((s) => subjectNames[s].en).join(', ')} matched the blocklist`,
      ),
    );
  }

  const missingDocs = product.requiredDocuments.filter((d) => !input.documentKinds.includes(d));
  results.push(
    missingDocs.length === 0
      ? rule('required_documents', 'pass', '必备材料齐全', 'All required documents are present')
      : rule(
          'required_documents',
          'fail',
          `缺少必备材料：${missingDocs.map((d) => documentKindNames[d]?.['zh-CN'] ?? d).join('、')}`,
          `Required documents missing: ${missingDocs.map((d) => documentKindNames[d]?.en ?? d).join(', ')}`,
        ),
  );

  return {
    decision: results.some((r) => r.outcome === 'fail') ? 'reject' : 'pass',
    policyVersion: policy.version,
    results,
  };
}
