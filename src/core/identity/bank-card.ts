/**
 * 银行卡号: 12 to 19 digits (ISO/IEC 7812; UnionPay debit cards are 16-19), the last a Luhn check digit.
 */
export type BankCardReason = 'FORMAT' | 'LENGTH' | 'CHECK_DIGIT';

export const bankCardReasonText: Record<BankCardReason, { 'zh-CN': string; en: string }> = {
  FORMAT: { 'zh-CN': '银行卡号只能包含数字', en: 'A card number has digits only' },
  LENGTH: { 'zh-CN': '银行卡号应为 12-19 位', en: 'A card number has 12 to 19 digits' },
  CHECK_DIGIT: {
    'zh-CN': '银行卡号校验位不正确，请核对',
    en: 'The check digit is wrong (Luhn); please check the number',
  },
};

/** The Luhn check digit for a card number without its last digit. */
export function luhnCheckDigit(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    // Doubling starts with the digit next to the (missing) check digit, i.e. the payload's last one.
    let d = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * Validates a bank card number; spaces and hyphens (as people group the digits) are ignored. Returns
 * the reasons found, or the digits.
 */
export function checkBankCard(
  input: string,
): { ok: true; number: string } | { ok: false; reasons: BankCardReason[] } {
  const number = input.replace(/[\s-]/g, '');
  if (!/^\d*$/.test(number)) return { ok: false, reasons: ['FORMAT'] };
  if (number.length < 12 || number.length > 19) return { ok: false, reasons: ['LENGTH'] };
  if (luhnCheckDigit(number.slice(0, -1)) !== number.at(-1)) return { ok: false, reasons: ['CHECK_DIGIT'] };
  return { ok: true, number };
}
