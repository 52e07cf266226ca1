/**
 * Calendar dates as 'YYYY-MM-DD' strings, with integer arithmetic only: no `Date`, no time zone, no
 * clock. Loan due dates are civil dates in China, so there is nothing to convert.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parse(text: string): CivilDate | undefined {
  const m = DATE_PATTERN.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function mustParse(text: string): CivilDate {
  const d = parse(text);
  if (!d) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${text}`);
  return d;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** True when `text` is a real (proleptic Gregorian) date written YYYY-MM-DD, years 0001–9999. */
export function isCalendarDate(text: string): boolean {
  return parse(text) !== undefined;
}

/**
 * The date `months` months after `date`, on the same day of the month, or on the last day of the
 * target month when it is shorter (2024-01-31 + 1 → 2024-02-29; + 2 → 2024-03-31). Always counting
 * from the original date keeps the day from drifting: due dates of a loan drawn on the 31st stay on
 * the last day of each month.
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = mustParse(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  if (y < 1 || y > 9999) throw new RangeError(`${date} + ${months} months is outside years 0001–9999`);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(day, daysInMonth(y, m)), 2)}`;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function dayNumber({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Actual days from `from` to `to` (negative when `to` is earlier): the ACT in ACT/360 and ACT/365. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(mustParse(to)) - dayNumber(mustParse(from));
}
