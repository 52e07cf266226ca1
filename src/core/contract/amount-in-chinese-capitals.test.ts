import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountInChineseCapitals } from './amount-in-chinese-capitals';

describe('amountInChineseCapitals', () => {
  it('writes the examples of the brief', () => {
    expect(amountInChineseCapitals('100000.00')).toBe('壹拾万元整');
    expect(amountInChineseCapitals('1234.56')).toBe('壹仟贰佰叁拾肆元伍角陆分');
    expect(amountInChineseCapitals('1000.05')).toBe('壹仟元零伍分');
  });

  // The worked examples of 《正确填写票据和结算凭证的基本规定》 (where it allows two forms, the one with 零).
  it('follows the zero rules of the bill-filling rules', () => {
    expect(amountInChineseCapitals('1409.50')).toBe('壹仟肆佰零玖元伍角整');
    expect(amountInChineseCapitals('6007.14')).toBe('陆仟零柒元壹角肆分');
    expect(amountInChineseCapitals('1680.32')).toBe('壹仟陆佰捌拾元零叁角贰分');
    expect(amountInChineseCapitals('107000.53')).toBe('壹拾万柒仟元零伍角叁分');
    expect(amountInChineseCapitals('325.04')).toBe('叁佰贰拾伍元零肆分');
  });

  it('always writes 壹拾, never a bare 拾', () => {
    expect(amountInChineseCapitals('10')).toBe('壹拾元整');
    expect(amountInChineseCapitals('16.00')).toBe('壹拾陆元整');
    expect(amountInChineseCapitals('110000')).toBe('壹拾壹万元整');
  });

  it('reads zeros between and across 万 and 亿 groups as one 零', () => {
    expect(amountInChineseCapitals('1010')).toBe('壹仟零壹拾元整');
    expect(amountInChineseCapitals('1001')).toBe('壹仟零壹元整');
    expect(amountInChineseCapitals('100001')).toBe('壹拾万零壹元整');
    expect(amountInChineseCapitals('1000100')).toBe('壹佰万零壹佰元整');
    expect(amountInChineseCapitals('100000000')).toBe('壹亿元整');
    expect(amountInChineseCapitals('100000001')).toBe('壹亿零壹元整');
    expect(amountInChineseCapitals('100100000')).toBe('壹亿零壹拾万元整');
    expect(amountInChineseCapitals('110000000')).toBe('壹亿壹仟万元整');
    expect(amountInChineseCapitals('1000000000000')).toBe('壹万亿元整');
    expect(amountInChineseCapitals('1001000000000')).toBe('壹万零壹拾亿元整');
    expect(amountInChineseCapitals('1234500000000')).toBe('壹万贰仟叁佰肆拾伍亿元整');
    expect(amountInChineseCapitals('9999999999999.99')).toBe(
      '玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分',
    );
  });

  it('handles amounts below one yuan and zero', () => {
    expect(amountInChineseCapitals('0')).toBe('零元整');
    expect(amountInChineseCapitals('0.00')).toBe('零元整');
    expect(amountInChineseCapitals('0.5')).toBe('伍角整');
    expect(amountInChineseCapitals('0.05')).toBe('伍分');
    expect(amountInChineseCapitals('0.55')).toBe('伍角伍分');
    expect(amountInChineseCapitals('3.20')).toBe('叁元贰角整');
  });

  it('refuses anything that is not an exact fen amount', () => {
    for (const bad of ['', '-1', '1.234', '1,000', '1e5', '10000000000000', 'abc'])
      expect(() => amountInChineseCapitals(bad)).toThrow(RangeError);
  });

  it('never writes two 零 in a row, nor 零 before 元/万/亿 or at the end (zero itself is 零元整)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 999_999_999_999_999n }), (fen) => {
        const text = amountInChineseCapitals(`${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`);
        expect(text).not.toMatch(/零零|零[元万亿角分整]|零$/);
        expect(text).toMatch(/[整分]$/);
        expect(text).not.toMatch(/(^|[^壹贰叁肆伍陆柒捌玖])拾/);
      }),
    );
  });
});
