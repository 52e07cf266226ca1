import { parseYuan } from '../money/money';

/** A yuan amount with thousands separators and two places, as printed: "1234.5" → "1,234.50". */
export function formatYuanGrouped(yuan: string): string {
  const [integer = '0', fraction = '00'] = parseYuan(yuan).toFixed(2).split('.');
  return `${integer.replace(/\B(?=(\d{3})+$)/g, ',')}.${fraction}`;
}
