import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMonths, ageOn, idNumberCheckCharacter, parseIdNumber } from './id-number';
import { checkCreditCode, creditCodeCheckCharacter } from './credit-code';
import { normaliseMobile } from './mobile';

const today = '2026-11-28';

describe('resident identity number (GB 11643-1999)', () => {
  it('accepts the standard’s published example and reads birth date and sex', () => {
    // GB 11643-1999 appendix example: 11010519491231002X (a woman born 1949-12-31).
    const r = parseIdNumber({ number: '11010519491231002x', today });
    expect(r).toEqual({
      ok: true,
      info: { number: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
    expect(parseIdNumber({ number: '440524188001010014', today })).toMatchObject({
      ok: false,
      problem: 'BIRTH_DATE',
    });
  });

  it('names the problem of each kind of bad number', () => {
    expect(parseIdNumber({ number: '1101051949123100', today })).toMatchObject({
      ok: false,
      problem: 'FORMAT',
    });
    expect(parseIdNumber({ number: '99010519491231002X', today })).toMatchObject({
      ok: false,
      problem: 'REGION',
    });
    expect(parseIdNumber({ number: '110105194902300021', today })).toMatchObject({
      ok: false,
      problem: 'BIRTH_DATE',
    });
    expect(parseIdNumber({ number: '110105203001010011', today })).toMatchObject({
      ok: false,
      problem: 'BIRTH_DATE',
    });
    expect(parseIdNumber({ number: '110105194912310021', today })).toMatchObject({
      ok: false,
      problem: 'CHECK_CHARACTER',
    });
  });

  it('detects every single-digit change of a valid number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const valid = '11010519491231002X';
        const digit = (Number(valid[pos]) + delta) % 10;
        const changed = valid.slice(0, pos) + digit + valid.slice(pos + 1);
        expect(parseIdNumber({ number: changed, today }).ok).toBe(false);
      }),
    );
  });

  it('computes the check character for generated numbers', () => {
    const first17 = '32010619900307123';
    const n = first17 + idNumberCheckCharacter(first17);
    expect(parseIdNumber({ number: n, today })).toMatchObject({
      ok: true,
      info: { birthDate: '1990-03-07', sex: 'male' },
    });
  });

  it('computes ages and month arithmetic on calendar dates', () => {
    expect(ageOn({ birthDate: '1990-03-07', onDate: '2026-03-06' })).toBe(35);
    expect(ageOn({ birthDate: '1990-03-07', onDate: '2026-03-07' })).toBe(36);
    expect(addMonths({ date: '2026-01-31', months: 1 })).toBe('2026-02-28');
    expect(addMonths({ date: '2027-11-30', months: 3 })).toBe('2028-02-29');
    expect(addMonths({ date: '2026-11-28', months: 360 })).toBe('2056-11-28');
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts real codes and rejects altered ones', () => {
    // Published codes of listed companies.
    for (const code of ['91110000802100433B', '9144030071526726XG', '91330100799655058B'])
      expect(checkCreditCode(code)).toEqual({ ok: true, code });
    expect(checkCreditCode('91110000802100433C')).toMatchObject({ ok: false, problem: 'CHECK_CHARACTER' });
    expect(checkCreditCode('91110000802100433')).toMatchObject({ ok: false, problem: 'FORMAT' });
    expect(checkCreditCode('9111000080210043IB')).toMatchObject({ ok: false, problem: 'FORMAT' });
  });

  it('round-trips generated codes', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 17, maxLength: 17 }), (chars) => {
        const first17 = chars.join('');
        expect(checkCreditCode(first17 + creditCodeCheckCharacter(first17)).ok).toBe(true);
      }),
    );
  });
});

describe('mobile numbers', () => {
  it('normalises mainland numbers and rejects others', () => {
    expect(normaliseMobile('138 0013 8000')).toBe('13800138000');
    expect(normaliseMobile('+8613800138000')).toBe('13800138000');
    expect(normaliseMobile('12800138000')).toBeNull();
    expect(normaliseMobile('1380013800')).toBeNull();
  });
});
