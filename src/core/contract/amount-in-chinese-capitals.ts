import { isYuanString } from '../money/money';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
/** Units inside a group of four digits, from the thousands down. */
const IN_GROUP = ['仟', '佰', '拾', ''];

/** 1-9999 in capitals; zeros inside collapse to one 零, trailing zeros vanish. */
function groupInCapitals(group: string): string {
  const digits = group.padStart(4, '0');
  let text = '';
  let pendingZero = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(digits[i]);
    if (d === 0) {
      pendingZero = text !== '';
      continue;
    }
    if (pendingZero) text += '零';
    pendingZero = false;
    text += DIGITS[d]! + IN_GROUP[i]!;
  }
  return text;
}

/** An integer (leading zeros allowed) in capitals, without 元: 万 groups inside 亿 groups. */
function integerInCapitals(integer: string): string {
  const n = integer.replace(/^0+/, '');
  if (n.length > 8) return joinGroups(`${integerInCapitals(n.slice(0, -8))}亿`, n.slice(-8));
  if (n.length > 4) return joinGroups(`${groupInCapitals(n.slice(0, -4))}万`, n.slice(-4));
  return n === '' ? '' : groupInCapitals(n);
}

/** Appends the lower digits to the higher part; zeros at the seam read as one 零 (壹拾万零壹, 壹亿零壹佰万). */
function joinGroups(high: string, low: string): string {
  const rest = integerInCapitals(low);
  if (rest === '') return high;
  return low.startsWith('0') ? `${high}零${rest}` : `${high}${rest}`;
}

/**
 * 中文大写金额: a yuan amount in Chinese capital numerals as written on contracts and bills, following
 * 《正确填写票据和结算凭证的基本规定》: 壹拾 (never a bare 拾); 整 after 元 or 角 when nothing follows;
 * one 零 for a run of zeros; 零 after 元 when the 元 digit is zero and 角 is not (1680.32 →
 * 壹仟陆佰捌拾元零叁角贰分) and when 角 is zero and 分 is not (1000.05 → 壹仟元零伍分).
 * Without the 人民币 prefix; the caller writes it. Throws RangeError on anything but an exact fen amount.
 *
 * @example amountInChineseCapitals('100000.00') // '壹拾万元整'
 * @example amountInChineseCapitals('1234.56')   // '壹仟贰佰叁拾肆元伍角陆分'
 */
export function amountInChineseCapitals(yuan: string): string {
  if (!isYuanString(yuan)) throw new RangeError(`not a yuan amount: ${JSON.stringify(yuan)}`);
  const [integer = '0', fraction = ''] = yuan.split('.');
  const jiao = Number(fraction[0] ?? '0');
  const fen = Number(fraction[1] ?? '0');
  const whole = integer === '0' ? '' : `${integerInCapitals(integer)}元`;

  if (jiao === 0 && fen === 0) return whole === '' ? '零元整' : `${whole}整`;
  let text = whole;
  if (jiao !== 0) {
    if (whole !== '' && integer.endsWith('0')) text += '零';
    text += `${DIGITS[jiao]!}角`;
    return fen === 0 ? `${text}整` : `${text}${DIGITS[fen]!}分`;
  }
  if (whole !== '') text += '零';
  return `${text}${DIGITS[fen]!}分`;
}
