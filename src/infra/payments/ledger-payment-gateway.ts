import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import {
  assertBalanced,
  FUNDING_ACCOUNT,
  receivableAccount,
  settlementAccount,
  transferPostings,
  type TransferPhase,
} from '../../core/disbursement/journal';
import { Yuan } from '../../core/money/money';
import type {
  PaymentGateway,
  TransferAnswer,
  TransferOrder,
} from '../../features/disbursement/payment-gateway.port';
import type { Database, PaymentTransfersTable } from '../db/database';
import { isUniqueViolation } from '../db/errors';

const answerOf = (t: Selectable<PaymentTransfersTable>): TransferAnswer =>
  t.status === 'rejected'
    ? {
        status: 'rejected',
        reference: t.reference,
        reason: t.rejection_reason ?? 'rejected',
        at: t.received_at,
      }
    : t.status === 'settled'
      ? { status: 'settled', reference: t.reference, at: t.settled_at ?? t.received_at }
      : { status: 'accepted', reference: t.reference, at: t.received_at };

const normalise = (v: string | number | bigint | null) => {
  const d = new Yuan(String(v ?? 0));
  return d.isZero() ? '0.00' : d.toFixed(2);
};

/**
 * The payments adapter over a double-entry ledger inside mianqian (docs/payments.md): accounts for the
 * bank's loan funding, each loan's receivable and each borrower's settlement account (external
 * clearing); a transfer is booked as two balanced journal entries, accepted then settled, in one
 * transaction with the transfer's record. The end-to-end id is the transfer's primary key and unique
 * per entry kind, so the same transfer can never be booked twice, however often or concurrently it is
 * sent; a resend answers the first booking. Settlement is immediate here; a real payment network may
 * answer `accepted` first (the port's callers handle both).
 */
export function createLedgerPaymentGateway({
  db,
  clock = () => new Date(),
}: {
  db: Kysely<Database>;
  clock?: () => Date;
}): PaymentGateway {
  const find = (endToEndId: string) =>
    db.selectFrom('payment_transfers').selectAll().where('end_to_end_id', '=', endToEndId).executeTakeFirst();

  const existing = async (order: TransferOrder): Promise<TransferAnswer | undefined> => {
    const t = await find(order.endToEndId);
    if (!t) return undefined;
    if (!new Yuan(t.amount).eq(order.amount) || t.receivable_account !== receivableAccount(order.loanId))
      throw new Error(`end-to-end id ${order.endToEndId} was already used for another transfer`);
    return answerOf(t);
  };

  return {
    name: 'mianqian-ledger',

    async transfer(order) {
      const before = await existing(order);
      if (before) return before;
      const at = clock();
      const accounts = {
        funding: FUNDING_ACCOUNT,
        receivable: receivableAccount(order.loanId),
        settlement: settlementAccount(order.loanId),
      };
      const reference = `MQL${at.toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(8).toString('hex')}`;
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('gl_accounts')
            .values([
              { code: accounts.funding, kind: 'funding', name: '贷款资金账户 loan funding', created_at: at },
              {
                code: accounts.receivable,
                kind: 'loan_receivable',
                name: `贷款本金 loan receivable ${order.loanId}`,
                created_at: at,
              },
              {
                code: accounts.settlement,
                kind: 'clearing',
                name: `${order.creditor.bankName} ${order.creditor.accountNumberMasked}`,
                created_at: at,
              },
            ])
            .onConflict((oc) => oc.column('code').doNothing())
            .execute();
          await trx
            .insertInto('payment_transfers')
            .values({
              end_to_end_id: order.endToEndId,
              reference,
              amount: order.amount,
              currency: order.currency,
              debtor_account: accounts.funding,
              creditor_account: accounts.settlement,
              receivable_account: accounts.receivable,
              status: 'settled',
              rejection_reason: null,
              received_at: at,
              settled_at: at,
            })
            .execute();
          for (const phase of ['transfer_accepted', 'transfer_settled'] as TransferPhase[]) {
            const lines = transferPostings({ phase, amount: order.amount, ...accounts });
            assertBalanced(lines);
            const entry = await trx
              .insertInto('gl_journal_entries')
              .values({ end_to_end_id: order.endToEndId, kind: phase, booked_at: at })
              .returning('id')
              .executeTakeFirstOrThrow();
            await trx
              .insertInto('gl_journal_lines')
              .values(lines.map((l, i) => ({ entry_id: entry.id, line: i + 1, ...l })))
              .execute();
          }
        });
      } catch (e) {
        // Sent twice at once: the other booking won; answer it.
        if (isUniqueViolation(e)) {
          const won = await existing(order);
          if (won) return won;
        }
        throw e;
      }
      return { status: 'settled', reference, at };
    },

    async query(endToEndId) {
      const t = await find(endToEndId);
      return t && answerOf(t);
    },

    async statement({ from, to }) {
      const rows = await db
        .selectFrom('payment_transfers')
        .selectAll()
        .where('received_at', '>=', from)
        .where('received_at', '<', to)
        .orderBy('received_at')
        .execute();
      return rows.map((t) => ({
        endToEndId: t.end_to_end_id,
        reference: t.reference,
        amount: t.amount,
        status: t.status,
        receivedAt: t.received_at,
        settledAt: t.settled_at,
      }));
    },

    async trialBalance() {
      const balances = await sql<{ account: string; kind: string; balance: string | null }>`
        select a.code as account, a.kind, coalesce(sum(l.debit), 0) - coalesce(sum(l.credit), 0) as balance
        from gl_accounts a left join gl_journal_lines l on l.account = a.code
        group by a.code, a.kind order by a.code`.execute(db);
      const unbalanced = await sql<{ entry_id: string }>`
        select entry_id from gl_journal_lines group by entry_id
        having sum(debit) <> sum(credit) order by entry_id`.execute(db);
      return {
        accounts: balances.rows.map((r) => ({
          account: r.account,
          kind: r.kind,
          balance: normalise(r.balance),
        })),
        unbalancedEntries: unbalanced.rows.map((r) => String(r.entry_id)),
      };
    },
  };
}
