import type Decimal from 'decimal.js';
import { Yuan } from '../money/money';

/** The decimal `d` as an exact fraction of BigInts (numerator, 10^places). */
function toFraction(d: Decimal): [bigint, bigint] {
  const places = d.decimalPlaces();
  const scale = 10n ** BigInt(places);
  return [BigInt(d.times(new Yuan(10).pow(places)).toFixed(0)), scale];
}

/** num / den rounded half up to an integer (num ≥ 0, den > 0). */
function divideHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/**
 * 等额本息 level payment: P·r·(1+r)^n / ((1+r)^n − 1) with the nominal periodic rate
 * r = annualRate / periodsPerYear, or P / n when the rate is zero, rounded half up to fen.
 *
 * The closed form is evaluated exactly over integers (BigInt fractions) and rounded once, so a payment
 * that lies exactly on half a fen always rounds up, which 40-digit decimals of a repeating r
 * (0.049 / 12 = 0.0040833…) cannot promise. Amounts must be fen amounts and the rate a finite decimal.
 */
export function levelPayment({
  amount,
  annualRate,
  periodsPerYear,
  periods,
}: {
  amount: Decimal;
  annualRate: Decimal;
  periodsPerYear: number;
  periods: number;
}): Yuan {
  const fen = BigInt(amount.times(100).toFixed(0));
  const [rateNum, rateScale] = toFraction(annualRate);
  const n = BigInt(periods);
  let paymentFen: bigint;
  if (rateNum === 0n) {
    paymentFen = divideHalfUp(fen, n);
  } else {
    // r = rateNum / (rateScale · periodsPerYear) = a / b; (1+r)^n = (b + a)^n / b^n
    const a = rateNum;
    const b = rateScale * BigInt(periodsPerYear);
    const grown = (b + a) ** n;
    const base = b ** n;
    paymentFen = divideHalfUp(fen * a * grown, b * (grown - base));
  }
  return new Yuan(paymentFen.toString()).dividedBy(100);
}
