import type { LocalisedLabel } from './scorecard-model';

export interface CharacteristicWording {
  label: LocalisedLabel;
  /** Reason code and its wording, given when this characteristic costs the applicant points. */
  reason: { code: string; text: LocalisedLabel };
}

type Row = [name: string, code: string, zhLabel: string, enLabel: string, zhReason: string, enReason: string];

/**
 * Labels and reason codes of the characteristics of the shipped scorecards (Taiwan credit-card data
 * and German credit). One reason code per characteristic; codes are stable across model versions.
 */
const rows: Row[] = [
  // Taiwan: raw inputs
  ['LIMIT_BAL', 'R01', '授信额度', 'Credit limit', '授信额度较低', 'Low credit limit'],
  ['EDUCATION', 'R02', '教育程度', 'Education', '教育程度相关风险', 'Education level'],
  ['PAY_0', 'R03', '最近一期还款状态', 'Latest repayment status', '近期还款逾期', 'Recent repayment delays'],
  [
    'PAY_2',
    'R04',
    '上一期还款状态',
    'Previous month repayment status',
    '上月还款逾期',
    'Repayment delay last month',
  ],
  [
    'PAY_3',
    'R05',
    '两个月前还款状态',
    'Repayment status two months ago',
    '两个月前还款逾期',
    'Repayment delay two months ago',
  ],
  [
    'PAY_4',
    'R06',
    '三个月前还款状态',
    'Repayment status three months ago',
    '三个月前还款逾期',
    'Repayment delay three months ago',
  ],
  [
    'PAY_5',
    'R07',
    '四个月前还款状态',
    'Repayment status four months ago',
    '四个月前还款逾期',
    'Repayment delay four months ago',
  ],
  [
    'PAY_6',
    'R08',
    '五个月前还款状态',
    'Repayment status five months ago',
    '五个月前还款逾期',
    'Repayment delay five months ago',
  ],
  ['BILL_AMT1', 'R09', '最近一期账单金额', 'Latest bill amount', '账单金额', 'Bill amount'],
  ['BILL_AMT2', 'R10', '上一期账单金额', 'Previous bill amount', '账单金额', 'Bill amount'],
  ['BILL_AMT3', 'R11', '两个月前账单金额', 'Bill amount two months ago', '账单金额', 'Bill amount'],
  ['BILL_AMT4', 'R12', '三个月前账单金额', 'Bill amount three months ago', '账单金额', 'Bill amount'],
  ['BILL_AMT5', 'R13', '四个月前账单金额', 'Bill amount four months ago', '账单金额', 'Bill amount'],
  ['BILL_AMT6', 'R14', '五个月前账单金额', 'Bill amount five months ago', '账单金额', 'Bill amount'],
  ['PAY_AMT1', 'R15', '最近一期还款金额', 'Latest payment amount', '近期还款金额偏低', 'Low recent payment'],
  [
    'PAY_AMT2',
    'R16',
    '上一期还款金额',
    'Previous payment amount',
    '上月还款金额偏低',
    'Low payment last month',
  ],
  ['PAY_AMT3', 'R17', '两个月前还款金额', 'Payment two months ago', '还款金额偏低', 'Low payment amount'],
  ['PAY_AMT4', 'R18', '三个月前还款金额', 'Payment three months ago', '还款金额偏低', 'Low payment amount'],
  ['PAY_AMT5', 'R19', '四个月前还款金额', 'Payment four months ago', '还款金额偏低', 'Low payment amount'],
  ['PAY_AMT6', 'R20', '五个月前还款金额', 'Payment five months ago', '还款金额偏低', 'Low payment amount'],
  // Taiwan: derived
  [
    'max_delay_6m',
    'R21',
    '近6个月最长逾期',
    'Longest delay in 6 months',
    '近6个月有较长逾期',
    'Long repayment delay in the last 6 months',
  ],
  [
    'max_delay_3m',
    'R22',
    '近3个月最长逾期',
    'Longest delay in 3 months',
    '近3个月有逾期',
    'Repayment delay in the last 3 months',
  ],
  [
    'max_delay_prior_5m',
    'R23',
    '此前5个月最长逾期',
    'Longest delay in the 5 months before',
    '过往还款逾期',
    'Past repayment delays',
  ],
  [
    'months_delayed_6m',
    'R24',
    '近6个月逾期月数',
    'Months delayed in 6 months',
    '逾期月数较多',
    'Many months with delays',
  ],
  [
    'months_delayed_3m',
    'R25',
    '近3个月逾期月数',
    'Months delayed in 3 months',
    '近期多次逾期',
    'Repeated recent delays',
  ],
  [
    'months_revolving_6m',
    'R26',
    '近6个月循环信用月数',
    'Months revolving in 6 months',
    '长期使用循环信用',
    'Revolving balance carried most months',
  ],
  [
    'months_inactive_6m',
    'R27',
    '近6个月有用卡月数',
    'Months with card use in 6 months',
    '用卡行为',
    'Card usage pattern',
  ],
  [
    'delay_sum_6m',
    'R28',
    '近6个月逾期状态合计',
    'Sum of repayment statuses in 6 months',
    '累计逾期程度较高',
    'High cumulative delay',
  ],
  ['delay_trend', 'R29', '逾期趋势', 'Delay trend', '逾期情况恶化', 'Delays getting worse'],
  [
    'pay_status_recent',
    'R30',
    '最近两期还款状态组合',
    'Last two repayment statuses',
    '近期还款逾期',
    'Recent repayment delays',
  ],
  ['utilisation_1m', 'R31', '额度使用率', 'Credit utilisation', '额度使用率偏高', 'High credit utilisation'],
  [
    'utilisation_mean_6m',
    'R32',
    '近6个月平均额度使用率',
    'Mean utilisation over 6 months',
    '平均额度使用率偏高',
    'High average utilisation',
  ],
  [
    'utilisation_max_6m',
    'R33',
    '近6个月最高额度使用率',
    'Highest utilisation in 6 months',
    '额度使用率曾很高',
    'Utilisation peaked high',
  ],
  [
    'utilisation_trend_3m',
    'R34',
    '近3个月使用率变化',
    'Utilisation change over 3 months',
    '额度使用率上升',
    'Rising utilisation',
  ],
  [
    'utilisation_trend_6m',
    'R35',
    '近6个月使用率变化',
    'Utilisation change over 6 months',
    '额度使用率上升',
    'Rising utilisation',
  ],
  ['headroom_1m', 'R36', '剩余可用额度', 'Unused credit', '剩余可用额度不足', 'Little unused credit'],
  [
    'payment_ratio_1m',
    'R37',
    '最近一期还款比例',
    'Share of last bill paid',
    '最近一期还款比例偏低',
    'Small share of the last bill paid',
  ],
  [
    'payment_ratio_2m',
    'R38',
    '上一期还款比例',
    'Share of the previous bill paid',
    '还款比例偏低',
    'Small share of bills paid',
  ],
  [
    'payment_ratio_3m',
    'R39',
    '近3个月还款比例',
    'Share of bills paid over 3 months',
    '近3个月还款比例偏低',
    'Small share of bills paid recently',
  ],
  [
    'payment_ratio_5m',
    'R40',
    '近5个月还款比例',
    'Share of bills paid over 5 months',
    '还款比例偏低',
    'Small share of bills paid',
  ],
  [
    'payment_to_limit_6m',
    'R41',
    '近6个月平均还款占额度比',
    'Mean payment relative to limit',
    '还款金额相对额度偏低',
    'Low payments relative to the limit',
  ],
  [
    'payment_to_limit_1m',
    'R42',
    '最近还款占额度比',
    'Latest payment relative to limit',
    '近期还款相对额度偏低',
    'Low recent payment relative to the limit',
  ],
  [
    'payment_sum_3m',
    'R43',
    '近3个月还款总额',
    'Payments over 3 months',
    '近3个月还款金额偏低',
    'Low payments over 3 months',
  ],
  [
    'payment_min_6m',
    'R44',
    '近6个月最低还款',
    'Smallest payment in 6 months',
    '有月份未还款或还款很少',
    'A month with little or no payment',
  ],
  [
    'months_paid_6m',
    'R45',
    '近6个月有还款月数',
    'Months with a payment in 6 months',
    '还款月数较少',
    'Few months with a payment',
  ],
  [
    'months_paid_3m',
    'R46',
    '近3个月有还款月数',
    'Months with a payment in 3 months',
    '近期还款月数较少',
    'Few recent months with a payment',
  ],
  [
    'unpaid_to_limit_1m',
    'R47',
    '未还余额占额度比',
    'Unpaid balance relative to limit',
    '未还余额偏高',
    'High unpaid balance',
  ],
  ['bill_mean_6m', 'R48', '近6个月平均账单金额', 'Mean bill over 6 months', '账单金额', 'Bill amount'],
  // German credit
  [
    'checking_status',
    'R51',
    '支票账户状态',
    'Checking account status',
    '支票账户余额不足或透支',
    'Checking account low or overdrawn',
  ],
  ['duration_months', 'R52', '贷款期限', 'Loan duration', '贷款期限较长', 'Long loan duration'],
  ['credit_history', 'R53', '信用历史', 'Credit history', '信用历史欠佳', 'Weak credit history'],
  ['purpose', 'R54', '贷款用途', 'Loan purpose', '贷款用途风险较高', 'Higher-risk loan purpose'],
  ['credit_amount', 'R55', '贷款金额', 'Credit amount', '贷款金额较高', 'High credit amount'],
  ['savings_status', 'R56', '储蓄状况', 'Savings', '储蓄较少', 'Low savings'],
  [
    'employment_since',
    'R57',
    '现职工作年限',
    'Years in current employment',
    '工作年限较短',
    'Short employment',
  ],
  [
    'installment_rate_pct',
    'R58',
    '月供占可支配收入比例',
    'Instalment as share of income',
    '月供负担较重',
    'High instalment burden',
  ],
  [
    'other_debtors',
    'R59',
    '其他债务人或担保人',
    'Other debtors or guarantors',
    '无共同借款人或担保人',
    'No co-applicant or guarantor',
  ],
  [
    'residence_since',
    'R60',
    '现住址居住年限',
    'Years at present residence',
    '居住年限较短',
    'Short time at residence',
  ],
  ['property', 'R61', '财产状况', 'Property', '缺少可抵押财产', 'Little property'],
  [
    'other_installment_plans',
    'R62',
    '其他分期付款',
    'Other instalment plans',
    '有其他分期付款',
    'Other instalment plans',
  ],
  ['housing', 'R63', '住房情况', 'Housing', '住房情况', 'Housing situation'],
  [
    'existing_credits',
    'R64',
    '本行现有贷款笔数',
    'Existing credits at this bank',
    '现有贷款笔数',
    'Number of existing credits',
  ],
  ['job', 'R65', '职业', 'Job', '职业类别', 'Job category'],
  ['num_dependents', 'R66', '需供养人数', 'Number of dependants', '供养人数', 'Number of dependants'],
  ['own_telephone', 'R67', '登记电话', 'Registered telephone', '无登记电话', 'No registered telephone'],
];

const table = new Map<string, CharacteristicWording>(
  rows.map(([name, code, zl, el, zr, er]) => [
    name,
    { label: { 'zh-CN': zl, en: el }, reason: { code, text: { 'zh-CN': zr, en: er } } },
  ]),
);

/**
 * The label and reason code of a characteristic. Names not in the table get their own name as label
 * and a code from R100 up in the order asked (`fallbackIndex`), worded "<name> 的取值" / "Value of <name>".
 */
export function characteristicWording({
  name,
  fallbackIndex = 0,
}: {
  name: string;
  fallbackIndex?: number;
}): CharacteristicWording {
  const known = table.get(name);
  if (known) return known;
  return {
    label: { 'zh-CN': name, en: name },
    reason: { code: `R${100 + fallbackIndex}`, text: { 'zh-CN': `${name} 的取值`, en: `Value of ${name}` } },
  };
}
