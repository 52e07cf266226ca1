import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../loan/build-schedule';
import { buildInterviewScript, percent } from './interview-script';
import { isReminderDue, judgeJoin, roomWindow } from './join-window';
import { buildQcReport, offsetFrom } from './qc-report';
import {
  checkAnswer,
  drawQuestions,
  questionBank,
  spokenNumber,
  type ApplicantFacts,
} from './verification-questions';

const start = new Date('2026-12-01T02:00:00Z');
const end = new Date('2026-12-01T02:30:00Z');
const min = (m: number) => new Date(start.getTime() + m * 60_000);

describe('join window', () => {
  const base = { status: 'scheduled' as const, participantIds: ['a', 'b'], startsAt: start, endsAt: end };
  it('admits a participant from 15 minutes before the start until 60 minutes after the end', () => {
    expect(judgeJoin({ ...base, accountId: 'a', at: min(-15) })).toEqual({ ok: true });
    expect(judgeJoin({ ...base, accountId: 'b', at: min(90) })).toEqual({ ok: true });
    expect(judgeJoin({ ...base, accountId: 'a', at: min(-16) })).toEqual({ ok: false, reason: 'not_open' });
    expect(judgeJoin({ ...base, accountId: 'a', at: min(91) })).toEqual({ ok: false, reason: 'not_open' });
    expect(roomWindow({ startsAt: start, endsAt: end }).opensAt).toEqual(min(-15));
  });
  it('answers not_found to a stranger, even when concluded, and closed after the end', () => {
    expect(judgeJoin({ ...base, accountId: 'z', at: min(0) })).toEqual({ ok: false, reason: 'not_found' });
    expect(judgeJoin({ ...base, status: 'concluded', accountId: 'z', at: min(0) }).ok).toBe(false);
    expect(judgeJoin({ ...base, status: 'concluded', accountId: 'a', at: min(0) })).toEqual({
      ok: false,
      reason: 'closed',
    });
    expect(judgeJoin({ ...base, status: 'in_progress', accountId: 'a', at: min(5) })).toEqual({ ok: true });
  });
  it('makes a reminder due within 30 minutes before the start only', () => {
    expect(isReminderDue({ startsAt: start, now: min(-31) })).toBe(false);
    expect(isReminderDue({ startsAt: start, now: min(-30) })).toBe(true);
    expect(isReminderDue({ startsAt: start, now: min(0) })).toBe(false);
  });
});

describe('interview script', () => {
  const terms = {
    productCode: 'personal-consumer',
    productName: { 'zh-CN': '个人消费贷款', en: 'Personal consumer loan' },
    amount: '50000.00',
    nominalAnnualRate: '0.0732',
    termMonths: 24,
    repaymentMethod: 'equal_installment' as const,
    rateSource: 'decided' as const,
  };
  it('discloses amount, nominal and annualised rate, fees, schedule, default, refusal, cooling-off', () => {
    const s = buildInterviewScript(terms);
    const schedule = buildSchedule({
      amount: '50000.00',
      annualRate: '0.0732',
      termMonths: 24,
      method: 'equal_installment',
    });
    expect(s.version).toBe('interview-script-2026.1');
    expect(s.items.map((i) => i.key)).toEqual([
      'recording_notice',
      'loan_amount',
      'interest_rate',
      'fees',
      'repayment',
      'default_consequences',
      'right_to_refuse',
      'cooling_off',
    ]);
    expect(s.terms.annualisedRate).toBe(schedule.annualRate);
    expect(s.terms.firstPayment).toBe(schedule.instalments[0]!.payment);
    const rate = s.items.find((i) => i.key === 'interest_rate')!;
    expect(rate.text['zh-CN']).toContain('7.32%');
    expect(rate.text['zh-CN']).toContain(percent(schedule.annualRate));
    expect(s.items.find((i) => i.key === 'loan_amount')!.text.en).toContain('CNY 50000.00');
    expect(s.items.find((i) => i.key === 'repayment')!.text['zh-CN']).toContain('等额本息，共 24 期');
    expect(s.items.find((i) => i.key === 'fees')!.text.en).toContain('No handling');
  });
  it('puts a fee into the annualised rate', () => {
    const withFee = buildInterviewScript({ ...terms, upfrontFee: '1000' });
    expect(Number(withFee.terms.annualisedRate)).toBeGreaterThan(
      Number(buildInterviewScript(terms).terms.annualisedRate),
    );
    expect(withFee.items.find((i) => i.key === 'fees')!.text['zh-CN']).toContain('1000.00');
  });
});

const facts: ApplicantFacts = {
  fullName: '张三',
  idNumber: '11010519900307123X',
  mobile: '13800138000',
  birthDate: '1990-03-07',
  purpose: 'consumption',
  monthlyIncome: '20000.00',
  employer: '北京星河科技有限公司',
  employmentStatus: 'employed',
  repaymentMethod: 'equal_installment',
  amount: '50000.00',
  termMonths: 24,
};

describe('verification questions', () => {
  it('has at least 12 questions and draws 4–5 distinct ones the application can answer', () => {
    expect(questionBank.length).toBeGreaterThanOrEqual(12);
    for (let i = 0; i < 50; i++) {
      const drawn = drawQuestions({ facts, pick: randomInt });
      expect(drawn.length).toBeGreaterThanOrEqual(4);
      expect(drawn.length).toBeLessThanOrEqual(5);
      expect(new Set(drawn).size).toBe(drawn.length);
    }
    const noEmployer = drawQuestions({ facts: { ...facts, employer: undefined }, pick: () => 0 });
    expect(noEmployer).not.toContain('employer');
  });
  it('varies from draw to draw (random sets and orders)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) seen.add(drawQuestions({ facts, pick: randomInt }).join(','));
    expect(seen.size).toBeGreaterThan(20);
  });
  it('checks answers exactly or tolerantly by question', () => {
    const ok = (key: Parameters<typeof checkAnswer>[0]['key'], answer: string) =>
      checkAnswer({ key, answer, facts }).isMatch;
    expect(ok('full_name', ' 张 三 ')).toBe(true);
    expect(ok('full_name', '张四')).toBe(false);
    expect(ok('birth_date', '1990年03月07日')).toBe(true);
    expect(ok('birth_date', '1990-3-8')).toBe(false);
    expect(ok('birth_date', '1990年3月7日')).toBe(true);
    expect(ok('birth_date', '19900307')).toBe(true);
    expect(ok('id_last_four', '123x')).toBe(true);
    expect(ok('loan_amount', '5万')).toBe(true);
    expect(ok('loan_amount', '五万元')).toBe(true);
    expect(ok('loan_amount', '6万')).toBe(false);
    expect(ok('loan_term', '两年')).toBe(true);
    expect(ok('loan_term', '24个月')).toBe(true);
    expect(ok('loan_term', '12个月')).toBe(false);
    expect(ok('monthly_income_band', '大概两万')).toBe(false); // not a leading number: heard as unclear
    expect(ok('monthly_income_band', '18000')).toBe(true);
    expect(ok('monthly_income_band', '10000')).toBe(false);
    expect(ok('employer', '星河科技')).toBe(true);
    expect(ok('repayment_method', '等额本息')).toBe(true);
    expect(ok('repayment_method', '先息后本')).toBe(false);
    expect(ok('loan_purpose', '日常消费')).toBe(true);
    expect(ok('borrowing_for_others', '没有')).toBe(true);
    expect(ok('borrowing_for_others', '是的，我朋友让我借')).toBe(false);
    expect(ok('knows_credit_reporting', '知道')).toBe(true);
    expect(spokenNumber('3.5k')?.toFixed()).toBe('3500');
  });
});

describe('QC report', () => {
  it('reports coverage with offsets, answers, prompting, faces and what is missing', () => {
    const startedAt = new Date('2026-12-01T02:01:00Z');
    const at = new Date('2026-12-01T02:03:30Z');
    const r = buildQcReport({
      scriptVersion: 'interview-script-2026.1',
      scriptKeys: ['loan_amount', 'interest_rate'],
      confirmations: [
        { key: 'loan_amount', method: 'voice', at, offsetSeconds: offsetFrom({ startedAt, at }) },
      ],
      questions: [
        { key: 'full_name', answer: '张三', isMatch: true, at, offsetSeconds: 150 },
        { key: 'loan_amount', answer: '6万', isMatch: false, at, offsetSeconds: 160 },
      ],
      prompting: [],
      faceSamples: [],
      recording: null,
    });
    expect(r.coverage.items[0]).toEqual({
      key: 'loan_amount',
      isConfirmed: true,
      method: 'voice',
      offsetSeconds: 150,
      isNodSeen: null,
    });
    expect(r.coverage.isComplete).toBe(false);
    expect(r.questions).toEqual({ asked: 2, answered: 2, matched: 1, mismatched: ['loan_amount'] });
    expect(r.missing).toEqual(['face_samples', 'recording']);
    expect(r.alerts).toContainEqual({ kind: 'disclosure_not_confirmed', key: 'interest_rate' });
    expect(r.isClean).toBe(false);
  });
  it('judges face presence from samples', () => {
    const at = new Date();
    const r = buildQcReport({
      scriptVersion: 'v',
      scriptKeys: [],
      confirmations: [],
      questions: [],
      prompting: [],
      faceSamples: [
        ...Array.from({ length: 9 }, () => ({ at, faceCount: 1, matchScore: 0.9, isNod: false })),
        { at, faceCount: 2, matchScore: null, isNod: false },
      ],
      recording: { sha256: 'a'.repeat(64), durationSeconds: 900 },
    });
    expect(r.face.presence).toBe(0.9);
    expect(r.face.isContinuous).toBe(true);
    expect(r.alerts).toEqual([{ kind: 'several_faces', at: at.toISOString(), faceCount: 2 }]);
    expect(r.missing).toEqual([]);
  });
  it('corroborates a confirmation by nod with the head-pose signal around the tick', () => {
    const t0 = Date.parse('2026-12-01T02:00:00Z');
    const at = (s: number) => new Date(t0 + s * 1000);
    // Samples every 3 s for two minutes; the borrower nodded once, reported by the sample at 60 s.
    const faceSamples = Array.from({ length: 40 }, (_, i) => ({
      at: at(i * 3),
      faceCount: 1,
      matchScore: 0.8,
      isNod: i * 3 === 60,
    }));
    const report = (
      confirmations: Parameters<typeof buildQcReport>[0]['confirmations'],
      samples = faceSamples,
    ) =>
      buildQcReport({
        scriptVersion: 'v',
        scriptKeys: ['fees', 'repayment', 'cooling_off'],
        confirmations,
        questions: [],
        prompting: [],
        faceSamples: samples,
        recording: { sha256: 'a'.repeat(64), durationSeconds: 120 },
      });
    const r = report([
      { key: 'fees', method: 'nod', at: at(62), offsetSeconds: 62 }, // ticked 2 s after the nod's sample
      { key: 'repayment', method: 'nod', at: at(100), offsetSeconds: 100 }, // no nod in the 20 s before
      { key: 'cooling_off', method: 'voice', at: at(110), offsetSeconds: 110 },
    ]);
    expect(r.coverage.items.map((i) => [i.key, i.isNodSeen])).toEqual([
      ['fees', true],
      ['repayment', false],
      ['cooling_off', null],
    ]);
    expect(r.alerts).toEqual([{ kind: 'nod_not_seen', key: 'repayment' }]);
    // A tick just before the sample that reports the nod counts; one long before does not.
    expect(
      report([{ key: 'fees', method: 'nod', at: at(56), offsetSeconds: 56 }]).coverage.items[0]!.isNodSeen,
    ).toBe(true);
    expect(
      report([{ key: 'fees', method: 'nod', at: at(40), offsetSeconds: 40 }]).coverage.items[0]!.isNodSeen,
    ).toBe(false);
    // Without samples the report cannot judge (and says face samples are missing).
    const blind = report([{ key: 'fees', method: 'nod', at: at(62), offsetSeconds: 62 }], []);
    expect(blind.coverage.items[0]!.isNodSeen).toBeNull();
    expect(blind.missing).toContain('face_samples');
  });
});
