import { formatYuan, isYuanString, Yuan } from '../money/money';

/**
 * Double-entry bookkeeping (复式记账) for the payments ledger, in exact yuan. Each line either debits
 * or credits one account by a positive fen amount; an entry balances when its debits equal its
 * credits, so the balances of all accounts (debit − credit) always sum to zero.
 */
export interface JournalLine {
  readonly account: string;
  /** Yuan string ("50000.00"); exactly one of debit and credit is non-zero. */
  readonly debit: string;
  readonly credit: string;
}

/** The bank's loan funding account (贷款资金账户): every disbursement is paid out of it. */
export const FUNDING_ACCOUNT = 'bank:loan-funding';
/** The loan receivable (贷款本金) of one loan: what the borrower owes the bank. */
export const receivableAccount = (loanId: string): string => `loan-receivable:${loanId}`;
/**
 * The borrower's settlement account (放款账户) as seen from the bank: an external clearing account,
 * non-zero only while the transfer is accepted but not yet settled.
 */
export const settlementAccount = (loanId: string): string => `borrower-settlement:${loanId}`;

/** The two steps a transfer is booked in: accepted by the payment system, then settled. */
export type TransferPhase = 'transfer_accepted' | 'transfer_settled';

const debit = (account: string, amount: string): JournalLine => ({ account, debit: amount, credit: '0.00' });
const credit = (account: string, amount: string): JournalLine => ({ account, debit: '0.00', credit: amount });

/**
 * The postings of a disbursement transfer's phase:
 * accepted — Dr loan receivable / Cr borrower settlement (the bank now owes the borrower's account);
 * settled — Dr borrower settlement / Cr loan funding (the clearing paid out of the funding account).
 * After both the receivable holds +amount, the funding account −amount, the settlement account 0.
 */
export function transferPostings({
  phase,
  amount,
  funding,
  receivable,
  settlement,
}: {
  phase: TransferPhase;
  amount: string;
  funding: string;
  receivable: string;
  settlement: string;
}): JournalLine[] {
  if (!isYuanString(amount) || new Yuan(amount).lte(0))
    throw new RangeError(`a transfer needs a positive yuan amount, not ${JSON.stringify(amount)}`);
  const fen = formatYuan(amount);
  return phase === 'transfer_accepted'
    ? [debit(receivable, fen), credit(settlement, fen)]
    : [debit(settlement, fen), credit(funding, fen)];
}

/** True when every line is one-sided and positive, and the debits equal the credits exactly. */
export function isBalanced(lines: readonly JournalLine[]): boolean {
  if (lines.length < 2) return false;
  let debits = new Yuan(0);
  let credits = new Yuan(0);
  for (const l of lines) {
    if (!isYuanString(l.debit) || !isYuanString(l.credit)) return false;
    const d = new Yuan(l.debit);
    const c = new Yuan(l.credit);
    if (d.isZero() === c.isZero()) return false;
    debits = debits.plus(d);
    credits = credits.plus(c);
  }
  return debits.eq(credits);
}

/** Throws RangeError unless `isBalanced(lines)`: an unbalanced entry is a programming error. */
export function assertBalanced(lines: readonly JournalLine[]): void {
  if (!isBalanced(lines)) throw new RangeError(`journal entry does not balance: ${JSON.stringify(lines)}`);
}

/** Each account's balance, debit − credit, as yuan strings (negative for credit balances). */
export function accountBalances(lines: readonly JournalLine[]): Map<string, string> {
  const sums = new Map<string, Yuan>();
  for (const l of lines)
    sums.set(l.account, (sums.get(l.account) ?? new Yuan(0)).plus(l.debit).minus(l.credit));
  return new Map([...sums].map(([a, v]) => [a, v.toFixed(2)]));
}

/** The sum of balances (must be "0.00" in a ledger of balanced entries). */
export function sumOfBalances(balances: Iterable<string>): string {
  let total = new Yuan(0);
  for (const b of balances) total = total.plus(b);
  return total.toFixed(2);
}
