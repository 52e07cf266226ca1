import { describe, expect, it } from 'vitest';
import type { ContractBlock, KeyValueBlock, SignaturesBlock, TableBlock } from './contract-block';
import type { ContractData, ContractLocale } from './contract-data';
import { maskAccountNumber, maskIdNumber } from './contract-data';
import { formatRatePercent } from './format-rate-percent';
import { formatYuanGrouped } from './format-yuan-grouped';
import {
  describeContractDocument,
  LOAN_CONTRACT_CLAUSES,
  LOAN_CONTRACT_TEMPLATE,
  renderContractModel,
} from './loan-contract-template';
import { sampleContractData } from './sample-contract-data';

const LOCALES: ContractLocale[] = ['zh-CN', 'en'];

/** All text of a model, one string, whitespace removed (so line breaks in long values do not matter). */
function allText(blocks: readonly ContractBlock[]): string {
  return JSON.stringify(blocks).replace(/\s/g, '');
}

function only<K extends ContractBlock['kind']>(blocks: readonly ContractBlock[], kind: K) {
  return blocks.filter((b): b is Extract<ContractBlock, { kind: K }> => b.kind === kind);
}

describe('loan-contract 2026.1', () => {
  it.each(LOCALES)(
    '%s: has every clause in order, then the schedule annex and the signature page',
    (locale) => {
      const blocks = renderContractModel(sampleContractData(locale));
      const anchors = only(blocks, 'heading').flatMap((h) => (h.anchor ? [h.anchor] : []));
      expect(anchors).toEqual([...LOAN_CONTRACT_CLAUSES, 'annex-schedule', 'signatures']);
      expect(blocks[0]).toMatchObject({
        kind: 'title',
        text: locale === 'zh-CN' ? '借款合同' : 'Loan Contract',
      });
      // The annex and the signature page each start on a page of their own.
      const annex = blocks.findIndex((b) => b.kind === 'heading' && b.anchor === 'annex-schedule');
      const signatures = blocks.findIndex((b) => b.kind === 'heading' && b.anchor === 'signatures');
      expect(blocks[annex - 1]?.kind).toBe('page-break');
      expect(blocks[signatures - 1]?.kind).toBe('page-break');
      expect(blocks.at(-1)?.kind).toBe('signatures');
    },
  );

  it('numbers clauses the Chinese way and the English way', () => {
    const zh = only(renderContractModel(sampleContractData('zh-CN')), 'heading').map((h) => h.text);
    const en = only(renderContractModel(sampleContractData('en')), 'heading').map((h) => h.text);
    expect(zh).toContain('第一条\u3000借款金额');
    expect(zh).toContain('第十六条\u3000其他约定');
    expect(en).toContain('Article 1  Loan Amount');
    expect(en).toContain('Article 16  Miscellaneous');
  });

  it('zh-CN: writes the amount in figures and in capitals, and the annualised rate beside the nominal rate', () => {
    const blocks = renderContractModel(sampleContractData('zh-CN'));
    const text = allText(blocks);
    expect(text).toContain('人民币100,000.00元（大写：人民币壹拾万元整）');
    const terms = only(blocks, 'key-value').find((kv) => kv.rows.some((r) => r.key === '借款年利率'))!;
    const keys = terms.rows.map((r) => r.key);
    expect(keys.indexOf('年化利率')).toBe(keys.indexOf('借款年利率') + 1);
    expect(terms.rows.find((r) => r.key === '借款年利率')!.value).toMatch(/^4\.35%（单利/);
    expect(terms.rows.find((r) => r.key === '年化利率')!.value).toMatch(
      /^4\.55%（含全部利息及费用，按中国人民银行公告〔2021〕第3号/,
    );
    expect(text).toContain('本合同项下借款的年化利率为4.55%');
    expect(text).toContain('账户管理费人民币300.00元');
    expect(text).toContain('应付利息合计人民币6,847.74元，应付费用合计人民币300.00元');
  });

  it('zh-CN: holds the clauses a bank loan contract needs', () => {
    const text = allText(renderContractModel(sampleContractData('zh-CN')));
    for (const phrase of [
      '借款用途',
      '不得用于购买房产',
      '借款期限为36个月，自2026年6月1日起至2029年6月1日止',
      '日利率＝年利率÷360',
      '等额本息，共36期',
      '还款账户（面签示范银行北京望京支行，户名：张三，账号：**** **** **** 1234）',
      '提前还款',
      '保证人李四为借款人在本合同项下的全部债务提供连带责任保证',
      '保证期间为自本合同项下债务履行期限届满之日起三年',
      '质权自质物交付或权利出质登记时设立',
      '罚息',
      '宣布本合同项下借款全部提前到期',
      '金融信用信息基础数据库',
      '贷款人住所地有管辖权的人民法院',
      '人民法院在线诉讼平台',
      '《中华人民共和国电子签名法》第十三条',
      '面签过程的录音录像',
      '电子证据存证账本',
      '以最后一方电子签名所附可信时间戳为准',
      '（以下无正文）',
    ])
      expect(text, phrase).toContain(phrase.replace(/\s/g, ''));
  });

  it('en: holds the same clauses in English', () => {
    const text = allText(renderContractModel(sampleContractData('en')));
    for (const phrase of [
      'CNY 100,000.00 (¥100,000.00; in Chinese capitals: 人民币壹拾万元整)',
      'The annualised rate (年化利率) of the loan is 4.55%',
      'PBOC Announcement [2021] No. 3',
      'nominal annual interest rate is 4.35% (simple interest)',
      'Account management fee, CNY 300.00',
      'Li Si gives a joint and several guarantee',
      'pledge on delivery of the pledged property',
      'declare the whole loan due at once',
      'competent people’s court at the place where the Lender is domiciled',
      'online litigation platform',
      'Article 13 of the Electronic Signature Law',
      'audio-video recording of the signing interview',
      'evidence ledger',
    ])
      expect(text, phrase).toContain(phrase.replace(/\s/g, ''));
  });

  it.each(LOCALES)('%s: puts the full schedule in the annex table, with totals', (locale) => {
    const data = sampleContractData(locale);
    const table = only(renderContractModel(data), 'table').at(-1) as TableBlock;
    expect(table.rows).toHaveLength(36);
    expect(table.rows[0]).toEqual(['1', '2026-07-01', '2,967.99', '2,605.49', '362.50', '97,394.51']);
    expect(table.rows[35]).toEqual(['36', '2029-06-01', '2,968.09', '2,957.37', '10.72', '0.00']);
    expect(table.footer).toEqual([
      locale === 'zh-CN' ? '合计' : 'Total',
      '',
      '106,847.74',
      '100,000.00',
      '6,847.74',
      '',
    ]);
    expect(table.columns.slice(2).every((c) => c.align === 'right')).toBe(true);
  });

  it.each(LOCALES)('%s: gives every signer a signature slot named after their field', (locale) => {
    const data = sampleContractData(locale);
    const block = renderContractModel(data).at(-1) as SignaturesBlock;
    expect(block.slots.map((s) => [s.role, s.name, s.fieldName])).toEqual(
      data.signers.map((s) => [s.role, s.displayName, s.fieldName]),
    );
    expect(block.slots.map((s) => s.roleLabel)).toEqual(
      locale === 'zh-CN'
        ? ['贷款人（电子签章）', '借款人（电子签名）', '保证人（电子签名）']
        : ['Lender (electronic seal)', 'Borrower (electronic signature)', 'Guarantor (electronic signature)'],
    );
    for (const slot of block.slots) expect(slot.caption).toContain(slot.fieldName);
  });

  it('never prints a full ID number or account number', () => {
    for (const locale of LOCALES) {
      const text = JSON.stringify(renderContractModel(sampleContractData(locale)));
      expect(text).not.toContain('110105198803154214');
      expect(text).not.toContain('6222021001121234');
      expect(text).toContain('110105********4214');
    }
    expect(maskIdNumber('110105198803154214')).toBe('110105********4214');
    expect(maskAccountNumber('6222 0210 0112 1234')).toBe('**** **** **** 1234');
  });

  it('says so when there is no guarantor and no collateral', () => {
    const data = sampleContractData('zh-CN', {
      guarantors: [],
      collateral: [],
      signers: sampleContractData('zh-CN').signers.filter((s) => s.role !== 'guarantor'),
    });
    const blocks = renderContractModel(data);
    const text = allText(blocks);
    expect(text).toContain('本合同项下借款无保证担保。');
    expect(text).toContain('本合同项下借款无抵押或质押担保。');
    expect(text).toContain('信用（无担保）');
    expect(only(blocks, 'key-value').some((kv) => kv.rows.some((r) => r.key === '保证人'))).toBe(false);
    expect((blocks.at(-1) as SignaturesBlock).slots).toHaveLength(2);
  });

  it('shows a company borrower with its credit code and legal representative, and lists several guarantors', () => {
    const base = sampleContractData('zh-CN');
    const data: ContractData = {
      ...base,
      borrower: {
        kind: 'enterprise',
        companyName: '北京示例科技有限公司',
        creditCode: '91110105MA01C8XK3R',
        legalRepresentative: '赵六',
        address: '北京市海淀区中关村大街1号',
      },
      guarantors: [
        ...base.guarantors,
        {
          kind: 'enterprise',
          name: '北京示例担保有限公司',
          identifier: '91110105MA01C8XK3R',
          liability: 'general',
        },
      ],
      signers: [
        ...base.signers,
        { role: 'guarantor', displayName: '北京示例担保有限公司', fieldName: 'sig_guarantor_2' },
      ],
    };
    const blocks = renderContractModel(data);
    const text = allText(blocks);
    expect(text).toContain('"key":"法定代表人","value":"赵六"');
    expect(text).toContain('《流动资金贷款管理办法》');
    expect(text).toContain('"key":"保证人二","value":"北京示例担保有限公司"');
    expect(text).toContain('北京示例担保有限公司为借款人在本合同项下的全部债务提供一般保证');
    const slots = (blocks.at(-1) as SignaturesBlock).slots;
    expect(slots.map((s) => s.roleLabel)).toEqual([
      '贷款人（电子签章）',
      '借款人（电子签章）',
      '保证人（电子签名）',
      '保证人（电子签章）',
    ]);
  });

  it('refuses inconsistent data and lists every problem', () => {
    const base = sampleContractData('zh-CN');
    const bad: ContractData = {
      ...base,
      template: { id: 'loan-contract', version: '2025.9' },
      borrower: {
        ...(base.borrower as Extract<ContractData['borrower'], { kind: 'individual' }>),
        idNumberMasked: '110105198803154214',
      },
      schedule: base.schedule.slice(0, 35),
      signers: [...base.signers, { role: 'borrower', displayName: '张三', fieldName: 'sig_lender' }],
    };
    let message = '';
    try {
      renderContractModel(bad);
    } catch (e) {
      expect(e).toBeInstanceOf(RangeError);
      message = (e as Error).message;
    }
    expect(message).toContain('template loan-contract 2025.9 is not loan-contract 2026.1');
    expect(message).toContain('borrower.idNumberMasked is not masked');
    expect(message).toContain('the schedule does not repay the whole amount');
    expect(message).toContain('exactly one borrower signer is needed');
    expect(message).toContain('signature field sig_lender appears twice');
  });

  it('words a single repayment at maturity and actual-day interest', () => {
    const base = sampleContractData('zh-CN');
    const data: ContractData = {
      ...base,
      loan: {
        ...base.loan,
        repaymentMethod: 'bullet',
        termMonths: 12,
        endDate: '2027-06-01',
        dayCount: 'ACT/365',
      },
      schedule: [
        {
          period: 1,
          dueDate: '2027-06-01',
          payment: '104350.00',
          principal: '100000.00',
          interest: '4350.00',
          balance: '0.00',
        },
      ],
    };
    const text = allText(renderContractModel(data));
    expect(text).toContain('还款方式为到期一次性还本付息，于2027年6月1日一次性偿还。');
    expect(text).toContain('利息按实际占用天数计算，日利率＝年利率÷365。');
    expect(text).not.toContain('月利率');
    const en = allText(renderContractModel({ ...data, locale: 'en' }));
    expect(en).toContain('in one payment on 1 June 2027'.replace(/\s/g, ''));
    expect(en).toContain('annual rate divided by 365'.replace(/\s/g, ''));
  });

  it('refuses a schedule that is not monthly (version 2026.1 words monthly instalments only)', () => {
    const base = sampleContractData('zh-CN');
    const quarterly = { ...base, loan: { ...base.loan, termMonths: 108 } };
    expect(() => renderContractModel(quarterly)).toThrow(
      /the schedule has 36 rows; monthly equal_installment over 108 months has 108/,
    );
  });

  it('refuses a schedule row whose figures do not add up', () => {
    const base = sampleContractData('en');
    const schedule = base.schedule.map((r) => (r.period === 3 ? { ...r, interest: '1.00' } : r));
    expect(() => renderContractModel({ ...base, schedule })).toThrow(
      /schedule row 3: payment ≠ principal \+ interest/,
    );
  });

  it('describes the document for the renderer, dated from the data', () => {
    const info = describeContractDocument(sampleContractData('zh-CN'));
    expect(info).toMatchObject({
      locale: 'zh-CN',
      title: '借款合同 MQ-2026-000123',
      header: '借款合同\u3000合同编号：MQ-2026-000123',
      author: '面签示范银行股份有限公司北京朝阳支行',
      keywords: ['MQ-2026-000123', `loan-contract@${LOAN_CONTRACT_TEMPLATE.version}`, 'zh-CN'],
    });
    expect(info.producedAt.toISOString()).toBe('2026-05-20T02:00:00.000Z');
  });

  it('formats figures as contracts print them', () => {
    expect(formatYuanGrouped('1234.56')).toBe('1,234.56');
    expect(formatYuanGrouped('1234.5')).toBe('1,234.50');
    expect(formatYuanGrouped('0')).toBe('0.00');
    expect(formatYuanGrouped('9999999999999.99')).toBe('9,999,999,999,999.99');
    expect(formatRatePercent('0.0435')).toBe('4.35%');
    expect(formatRatePercent('0.05')).toBe('5.00%');
    expect(formatRatePercent('0.052345')).toBe('5.2345%');
    expect(formatRatePercent('0.0523456')).toBe('5.2346%');
    expect(() => formatRatePercent('1.2')).toThrow(RangeError);
    expect(() => formatRatePercent('-0.01')).toThrow(RangeError);
  });

  it('is a pure function of the data', () => {
    const a = renderContractModel(sampleContractData('zh-CN'));
    const b = renderContractModel(sampleContractData('zh-CN'));
    expect(a).toEqual(b);
    const kv = only(a, 'key-value') as KeyValueBlock[];
    expect(kv.length).toBeGreaterThanOrEqual(4);
  });
});
