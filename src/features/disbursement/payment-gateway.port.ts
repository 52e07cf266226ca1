/**
 * The payments port (支付通道): how a disbursement's money moves. In production a core-banking
 * transfer API or a payment network (CNAPS 大额/小额支付系统, 网联); here the ledger adapter
 * (`infra/payments/ledger-payment-gateway.ts`), a double-entry ledger of accounts inside mianqian.
 * The contract every adapter keeps is docs/payments.md:
 *
 * - `transfer` is idempotent by `endToEndId`: sending the same id again never moves money twice; it
 *   answers the first transfer's current state (a different amount under the same id is rejected).
 * - Answers: `accepted` (received, not final: ask again later), `settled` (final: the money is in the
 *   creditor's account), `rejected` (final: nothing moved).
 * - A timeout or a lost connection throws `PAYMENT_GATEWAY_UNAVAILABLE`: the outcome is unknown, so the
 *   caller asks `query(endToEndId)` before it sends again.
 */
export interface TransferOrder {
  /** Our end-to-end id (端到端标识号, ≤ 35 characters): the payment system deduplicates on it. */
  endToEndId: string;
  /** Yuan, two places. */
  amount: string;
  currency: 'CNY';
  /** The loan (its receivable and the borrower's settlement account are per loan). */
  loanId: string;
  /** The borrower's settlement account as the contract names it (放款账户). */
  creditor: { accountName: string; bankName: string; accountNumberMasked: string };
  /** Remittance information (附言): the contract number. */
  remittanceInfo: string;
}

export type TransferAnswer =
  | { status: 'accepted'; reference: string; at: Date }
  | { status: 'settled'; reference: string; at: Date }
  | { status: 'rejected'; reference: string | null; reason: string; at: Date };

/** One transfer as the payment system's statement (对账文件) lists it. */
export interface StatementLine {
  endToEndId: string;
  reference: string;
  amount: string;
  status: 'accepted' | 'settled' | 'rejected';
  receivedAt: Date;
  settledAt: Date | null;
}

/** The ledger's accounts and their balances (debit − credit), for reconciliation. */
export interface TrialBalance {
  accounts: { account: string; kind: string; balance: string }[];
  /** Journal entries whose debits and credits differ (none, unless the ledger was tampered with). */
  unbalancedEntries: string[];
}

export interface PaymentGateway {
  /** Names the adapter in reports (e.g. "mianqian-ledger", "cnaps"). */
  readonly name: string;
  /** Sends a transfer, or answers the state of the one already sent under its end-to-end id. */
  transfer(order: TransferOrder): Promise<TransferAnswer>;
  /** The state of a transfer by end-to-end id; undefined when the payment system never received it. */
  query(endToEndId: string): Promise<TransferAnswer | undefined>;
  /** Transfers received in [from, to) (the daily statement). */
  statement(range: { from: Date; to: Date }): Promise<StatementLine[]>;
  /** Account balances now. */
  trialBalance(): Promise<TrialBalance>;
}
