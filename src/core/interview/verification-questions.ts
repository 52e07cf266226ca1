import { Yuan } from '../money/money';

/** What the answers are checked against, read from the application (strings as stored). */
export interface ApplicantFacts {
  fullName?: string | undefined;
  idNumber?: string | undefined;
  mobile?: string | undefined;
  /** YYYY-MM-DD, from the ID number. */
  birthDate?: string | undefined;
  purpose?: string | undefined;
  monthlyIncome?: string | undefined;
  employer?: string | undefined;
  employmentStatus?: string | undefined;
  repaymentMethod?: string | undefined;
  amount?: string | undefined;
  termMonths?: number | undefined;
}

export type QuestionKey =
  | 'full_name'
  | 'birth_date'
  | 'id_last_four'
  | 'mobile_last_four'
  | 'loan_purpose'
  | 'monthly_income_band'
  | 'employer'
  | 'employment_status'
  | 'repayment_method'
  | 'loan_amount'
  | 'loan_term'
  | 'borrowing_for_others'
  | 'promised_anything'
  | 'knows_credit_reporting';

/** How an answer is compared with the fact: exactly (after normalising), or with a tolerance. */
export type CheckRule =
  | 'exact'
  | 'date'
  | 'digits'
  | 'contains'
  | 'within_20_percent'
  | 'amount'
  | 'months'
  | 'synonyms'
  | 'yes_no';

export interface VerificationQuestion {
  key: QuestionKey;
  text: { 'zh-CN': string; en: string };
  rule: CheckRule;
  /** The fact the answer must agree with, or undefined when the application does not hold it (not drawn). */
  expected(facts: ApplicantFacts): string | undefined;
}

const purposeWords: Record<string, string[]> = {
  consumption: ['消费', '购物', '日常', 'consum', 'shopping'],
  education: ['教育', '学费', '培训', 'education', 'tuition'],
  home_renovation: ['装修', 'renovat'],
  vehicle: ['车', 'vehicle', 'car'],
  medical: ['医', '看病', 'medical'],
  business_operation: ['经营', '生意', 'business'],
  working_capital: ['流动资金', '周转', 'working capital'],
  equipment: ['设备', 'equipment'],
  project_construction: ['项目', '建设', 'project', 'construction'],
  other: ['其他', 'other'],
};
const methodWords: Record<string, string[]> = {
  equal_installment: ['等额本息', 'equal instal', 'equal_installment'],
  equal_principal: ['等额本金', 'equal principal', 'equal_principal'],
  interest_only: ['先息后本', 'interest only', 'interest_only'],
  bullet: ['到期一次', '一次还本付息', 'bullet'],
};
const employmentWords: Record<string, string[]> = {
  employed: ['上班', '受雇', '工作', '职员', 'employed'],
  self_employed: ['个体', '自营', '自己做', 'self'],
  retired: ['退休', 'retired'],
  student: ['学生', 'student'],
  unemployed: ['无业', '失业', 'unemployed'],
};
const synonymTables: Partial<Record<QuestionKey, Record<string, string[]>>> = {
  loan_purpose: purposeWords,
  repayment_method: methodWords,
  employment_status: employmentWords,
};

/** The question bank (验证问题库): 14 questions; 4–5 are drawn per interview. */
export const questionBank: readonly VerificationQuestion[] = [
  {
    key: 'full_name',
    rule: 'exact',
    text: { 'zh-CN': '请说出您的姓名。', en: 'Please state your full name.' },
    expected: (f) => f.fullName,
  },
  {
    key: 'birth_date',
    rule: 'date',
    text: { 'zh-CN': '请说出您的出生年月日。', en: 'What is your date of birth?' },
    expected: (f) => f.birthDate,
  },
  {
    key: 'id_last_four',
    rule: 'exact',
    text: {
      'zh-CN': '请说出您身份证号码的后四位。',
      en: 'What are the last four characters of your ID number?',
    },
    expected: (f) => f.idNumber?.slice(-4),
  },
  {
    key: 'mobile_last_four',
    rule: 'digits',
    text: {
      'zh-CN': '请说出您预留手机号码的后四位。',
      en: 'What are the last four digits of the mobile number you gave?',
    },
    expected: (f) => f.mobile?.slice(-4),
  },
  {
    key: 'loan_purpose',
    rule: 'synonyms',
    text: { 'zh-CN': '请问这笔贷款的用途是什么？', en: 'What will you use this loan for?' },
    expected: (f) => f.purpose,
  },
  {
    key: 'monthly_income_band',
    rule: 'within_20_percent',
    text: { 'zh-CN': '请问您的月收入大约是多少？', en: 'Roughly what is your monthly income?' },
    expected: (f) => f.monthlyIncome,
  },
  {
    key: 'employer',
    rule: 'contains',
    text: { 'zh-CN': '请问您在哪个单位工作？', en: 'Who is your employer?' },
    expected: (f) => f.employer,
  },
  {
    key: 'employment_status',
    rule: 'synonyms',
    text: { 'zh-CN': '请问您目前的就业状况？', en: 'What is your current employment status?' },
    expected: (f) => f.employmentStatus,
  },
  {
    key: 'repayment_method',
    rule: 'synonyms',
    text: { 'zh-CN': '请问您选择的还款方式是什么？', en: 'Which repayment method did you choose?' },
    expected: (f) => f.repaymentMethod,
  },
  {
    key: 'loan_amount',
    rule: 'amount',
    text: { 'zh-CN': '请问您申请的借款金额是多少？', en: 'How much are you borrowing?' },
    expected: (f) => f.amount,
  },
  {
    key: 'loan_term',
    rule: 'months',
    text: { 'zh-CN': '请问借款期限是多久？', en: 'For how long are you borrowing?' },
    expected: (f) => (f.termMonths === undefined ? undefined : String(f.termMonths)),
  },
  {
    key: 'borrowing_for_others',
    rule: 'yes_no',
    text: {
      'zh-CN': '是否有人要求您替他人借款或使用这笔钱？',
      en: 'Has anyone asked you to borrow this for them or to use the money?',
    },
    expected: () => 'no',
  },
  {
    key: 'promised_anything',
    rule: 'yes_no',
    text: {
      'zh-CN': '是否有人向您承诺过好处、返利或保证放款？',
      en: 'Has anyone promised you anything (a reward, a rebate, a sure approval)?',
    },
    expected: () => 'no',
  },
  {
    key: 'knows_credit_reporting',
    rule: 'yes_no',
    text: {
      'zh-CN': '您是否知道逾期记录会报送征信系统？',
      en: 'Do you know that late payment is reported to the credit reference database?',
    },
    expected: () => 'yes',
  },
];

/** Fewest and most questions drawn per interview. */
export const QUESTIONS_MIN = 4;
export const QUESTIONS_MAX = 5;

/**
 * Draws 4–5 questions for an interview, in random order, among those the application can answer.
 * `pick(n)` returns a uniformly random integer in [0, n) — the caller passes a cryptographic source
 * (core takes no randomness of its own).
 */
export function drawQuestions({
  facts,
  pick,
  bank = questionBank,
}: {
  facts: ApplicantFacts;
  pick: (bound: number) => number;
  bank?: readonly VerificationQuestion[];
}): QuestionKey[] {
  const eligible = bank
    .filter((q) => q.expected(facts) !== undefined && q.expected(facts) !== '')
    .map((q) => q.key);
  const count = Math.min(eligible.length, QUESTIONS_MIN + pick(QUESTIONS_MAX - QUESTIONS_MIN + 1));
  // Partial Fisher–Yates: the first `count` places are a uniform random ordered sample.
  for (let i = 0; i < count; i++) {
    const j = i + pick(eligible.length - i);
    [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
  }
  return eligible.slice(0, count);
}

export function questionOf(key: QuestionKey): VerificationQuestion {
  return questionBank.find((q) => q.key === key)!;
}

const squash = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s,，.。、:：;；'"“”]/g, '');
const digitsOf = (s: string) => s.normalize('NFKC').replace(/\D/g, '');

const cnDigits: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** A spoken number as heard: "5万", "五万", "50,000元", "3.5k" … → a decimal, or undefined. */
export function spokenNumber(text: string): Yuan | undefined {
  const s = text.normalize('NFKC').replace(/[,，\s元块人民币rmbcny]/gi, '');
  const m = /^(\d+(?:\.\d+)?)(万|千|k|w)?/i.exec(s);
  if (m) {
    const unit = m[2]?.toLowerCase();
    const mult = unit === '万' || unit === 'w' ? 10_000 : unit === '千' || unit === 'k' ? 1_000 : 1;
    return new Yuan(m[1]!).times(mult);
  }
  // Simple Chinese numerals: 五万, 两千, 十二, 二十四.
  const c = /^([零〇一二两三四五六七八九十]+)(万|千)?/.exec(s);
  if (!c) return undefined;
  let value = 0;
  let current = 0;
  for (const ch of c[1]!) {
    const d = cnDigits[ch]!;
    if (d === 10) {
      value += (current || 1) * 10;
      current = 0;
    } else current = d;
  }
  value += current;
  const mult = c[2] === '万' ? 10_000 : c[2] === '千' ? 1_000 : 1;
  return new Yuan(value).times(mult);
}

/** A date as heard: "1990年3月7日", "1990-03-07", "19900307" → "1990-03-07", or undefined. */
export function spokenDate(text: string): string | undefined {
  const groups = text.normalize('NFKC').match(/\d+/g) ?? [];
  const [y, m, d] =
    groups.length === 1 && groups[0]!.length === 8
      ? [groups[0]!.slice(0, 4), groups[0]!.slice(4, 6), groups[0]!.slice(6, 8)]
      : groups.length === 3
        ? groups
        : [];
  if (!y || !m || !d || y.length !== 4) return undefined;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

function yesNo(text: string): 'yes' | 'no' | undefined {
  const s = squash(text);
  if (/^(否|不是|没有|没|不|无|no|nope|never)/.test(s)) return 'no';
  if (/^(是|是的|有|对|知道|清楚|明白|yes|yeah|y$)/.test(s)) return 'yes';
  return undefined;
}

/**
 * Checks the answer the officer heard against the application's fact, by the question's rule: names
 * and ID characters exactly (ignoring spaces and punctuation), dates and phone digits by their digits,
 * the employer by containment either way, income within 20%, amounts and terms as spoken numbers
 * (5万, 两年), purposes and methods through a table of synonyms, yes/no questions by the first word.
 */
export function checkAnswer({
  key,
  answer,
  facts,
}: {
  key: QuestionKey;
  answer: string;
  facts: ApplicantFacts;
}): { isMatch: boolean } {
  const q = questionOf(key);
  const expected = q.expected(facts);
  if (expected === undefined || answer.trim() === '') return { isMatch: false };
  switch (q.rule) {
    case 'exact':
      return { isMatch: squash(answer) === squash(expected) };
    case 'date':
      return { isMatch: spokenDate(answer) === expected };
    case 'digits':
      return { isMatch: digitsOf(answer) !== '' && digitsOf(answer) === digitsOf(expected) };
    case 'contains': {
      const a = squash(answer);
      const e = squash(expected);
      return { isMatch: a.length >= 2 && (a.includes(e) || e.includes(a)) };
    }
    case 'within_20_percent': {
      const heard = spokenNumber(answer);
      const stated = new Yuan(expected);
      if (!heard || stated.isZero()) return { isMatch: false };
      return { isMatch: heard.minus(stated).abs().lte(stated.times('0.2')) };
    }
    case 'amount': {
      const heard = spokenNumber(answer);
      return { isMatch: heard !== undefined && heard.eq(new Yuan(expected)) };
    }
    case 'months': {
      const s = answer.normalize('NFKC');
      const years = /年/.test(s) || /year/i.test(s);
      const heard = spokenNumber(s.replace(/[个月年]|months?|years?/gi, ''));
      if (!heard) return { isMatch: false };
      return { isMatch: heard.times(years ? 12 : 1).eq(Number(expected)) };
    }
    case 'synonyms': {
      const a = squash(answer);
      const words = synonymTables[key]?.[expected] ?? [expected];
      return { isMatch: words.some((w) => a.includes(squash(w))) };
    }
    case 'yes_no':
      return { isMatch: yesNo(answer) === expected };
  }
}
