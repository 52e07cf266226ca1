import { sql, type Kysely } from 'kysely';

/**
 * The daily reconciliation's results (日终对账, docs/disbursement.md): one report per China calendar
 * day, written by the scheduled job (insert, first writer wins) or replaced by an operator's re-run
 * (`mianqian reconciliation run --date`). `report` is the ReconciliationReport as computed: end-to-end
 * ids, disbursement ids, amounts, statuses and ledger totals — no personal data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reconciliation_reports (
      day date primary key,
      ran_at timestamptz not null,
      matched integer not null check (matched >= 0),
      mismatches integer not null check (mismatches >= 0),
      is_balanced boolean not null,
      report jsonb not null
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists reconciliation_reports`.execute(db);
}
