import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkBankCard, luhnCheckDigit } from './bank-card';
import { consentKinds, consentTextDigest, consentTexts } from './consent-texts';
import { idNumberCheckCharacter } from './id-number';
import { maskIdNumber, maskMobile, maskName } from './mask';
import { checkStatedIdentity } from './stated-identity';

const today = '2026-11-28';
const idFor = (birth: string, seq: string) => {
  const first17 = `110105${birth}${seq}`;
  return first17 + idNumberCheckCharacter(first17);
};

describe('stated identity against the ID number', () => {
  it('accepts a name with the birth date and sex the number encodes', () => {
    const id = idFor('19900307', '123'); // 17th digit 3: male
    expect(
      checkStatedIdentity({ name: ' 张三 ', idNumber: id, birthDate: '1990-03-07', sex: 'male', today }),
    ).toEqual({
      ok: true,
      name: '张三',
      info: { number: id, regionCode: '110105', birthDate: '1990-03-07', sex: 'male' },
    });
    expect(checkStatedIdentity({ name: '阿依古丽•买买提', idNumber: id, today })).toMatchObject({
      ok: true,
      name: '阿依古丽·买买提',
    });
  });

  it('names every disagreement', () => {
    const id = idFor('19900307', '124'); // even: female
    expect(
      checkStatedIdentity({ name: 'Zhang San', idNumber: id, birthDate: '1990-03-08', sex: 'male', today }),
    ).toEqual({
      ok: false,
      reasons: ['NAME_FORMAT', 'BIRTH_DATE_MISMATCH', 'SEX_MISMATCH'],
    });
    expect(checkStatedIdentity({ name: '张', idNumber: id, today })).toEqual({
      ok: false,
      reasons: ['NAME_FORMAT'],
    });
  });

  it('reports the ID number’s own problem first', () => {
    expect(checkStatedIdentity({ name: '张三', idNumber: '110105199003071230', today })).toEqual({
      ok: false,
      reasons: ['ID_NUMBER_CHECK_CHARACTER'],
    });
    expect(checkStatedIdentity({ name: '', idNumber: '12345', today })).toEqual({
      ok: false,
      reasons: ['ID_NUMBER_FORMAT', 'NAME_FORMAT'],
    });
  });
});

describe('bank card numbers (Luhn)', () => {
  it('accepts valid numbers written with spaces, and names what is wrong otherwise', () => {
    expect(checkBankCard('4111 1111 1111 1111')).toEqual({ ok: true, number: '4111111111111111' });
    expect(checkBankCard('4111111111111112')).toEqual({ ok: false, reasons: ['CHECK_DIGIT'] });
    expect(checkBankCard('4111-1111-1111')).toMatchObject({ ok: false, reasons: ['CHECK_DIGIT'] });
    expect(checkBankCard('79927398713')).toEqual({ ok: false, reasons: ['LENGTH'] });
    expect(checkBankCard('6222 02１2')).toEqual({ ok: false, reasons: ['FORMAT'] });
    expect(luhnCheckDigit('7992739871')).toBe('3'); // the classic worked example
  });

  it('round-trips generated numbers and catches every single-digit change', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^62\d{14,16}$/),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (payload, at, delta) => {
          const number = payload + luhnCheckDigit(payload);
          expect(checkBankCard(number)).toEqual({ ok: true, number });
          const pos = at % number.length;
          const changed = number.slice(0, pos) + ((Number(number[pos]) + delta) % 10) + number.slice(pos + 1);
          expect(checkBankCard(changed).ok).toBe(false);
        },
      ),
    );
  });
});

describe('consent texts and masks', () => {
  it('has a versioned zh-CN and English text for every kind, each with its own digest', () => {
    const digests = new Set<string>();
    for (const kind of consentKinds) {
      const text = consentTexts[kind];
      expect(text.version).toMatch(/^\d{4}-\d{2}\.\d+$/);
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(text.body[locale].length).toBeGreaterThan(40);
        digests.add(consentTextDigest({ text, locale }));
      }
    }
    expect(digests.size).toBe(consentKinds.length * 2);
  });

  it('masks identifiers for staff screens', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskMobile('13800000001')).toBe('138****0001');
  });
});
