import { sql, type Kysely } from 'kysely';

/**
 * Disbursement (放款), docs/disbursement.md and docs/payments.md:
 *
 * - `disbursements`: one live disbursement per loan (a partial unique index: a failed one may be
 *   followed by another), its amount, state (requested → sent → settled | failed) and the end-to-end
 *   id the payment travels under (unique: the payments side deduplicates on it).
 * - `disbursement_outbox`: the transactional outbox. A request writes its disbursement and its message
 *   in one commit; the dispatcher sends the payment, records the answer and marks the message done.
 *   `locked_until` is a lease, not a lock: every step is idempotent, so work done twice is harmless.
 * - `idempotency_keys`: Idempotency-Key records, per caller (a key is only ever looked up with the
 *   account that sent it), with the request's fingerprint and the stored first answer.
 * - `gl_accounts`, `payment_transfers`, `gl_journal_entries`, `gl_journal_lines`: the double-entry
 *   ledger behind the payments adapter (money inside mianqian). A transfer is booked once per
 *   end-to-end id (primary key, and unique per entry kind); every entry's debits equal its credits
 *   (a deferred constraint trigger checks it at commit); the journal is append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table disbursements (
      id uuid primary key,
      application_id uuid not null references applications (id),
      contract_id uuid not null references contracts (id),
      amount numeric(15, 2) not null check (amount > 0),
      currency text not null check (currency = 'CNY'),
      status text not null check (status in ('requested', 'sent', 'settled', 'failed')),
      end_to_end_id text not null unique,
      requested_by uuid not null references accounts (id),
      requested_at timestamptz not null,
      sent_at timestamptz,
      settled_at timestamptz,
      failed_at timestamptz,
      failure_reason text,
      gateway_reference text
    )`.execute(db);
  await sql`create unique index disbursements_one_live_per_application on disbursements (application_id)
    where status <> 'failed'`.execute(db);
  await sql`create index disbursements_requested_at on disbursements (requested_at)`.execute(db);

  await sql`
    create table disbursement_outbox (
      id bigint generated always as identity primary key,
      disbursement_id uuid not null references disbursements (id),
      created_at timestamptz not null,
      available_at timestamptz not null,
      attempts integer not null default 0,
      locked_until timestamptz,
      processed_at timestamptz,
      last_error text
    )`.execute(db);
  await sql`create index disbursement_outbox_pending on disbursement_outbox (available_at)
    where processed_at is null`.execute(db);

  await sql`
    create table idempotency_keys (
      account_id uuid not null references accounts (id),
      idempotency_key text not null,
      fingerprint text not null,
      status text not null check (status in ('in_flight', 'completed')),
      response_status integer,
      response_body jsonb,
      created_at timestamptz not null,
      locked_at timestamptz not null,
      completed_at timestamptz,
      primary key (account_id, idempotency_key)
    )`.execute(db);

  await sql`
    create table gl_accounts (
      code text primary key,
      kind text not null check (kind in ('funding', 'loan_receivable', 'clearing')),
      name text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`
    create table payment_transfers (
      end_to_end_id text primary key,
      reference text not null unique,
      amount numeric(15, 2) not null check (amount > 0),
      currency text not null check (currency = 'CNY'),
      debtor_account text not null references gl_accounts (code),
      creditor_account text not null references gl_accounts (code),
      receivable_account text not null references gl_accounts (code),
      status text not null check (status in ('accepted', 'settled', 'rejected')),
      rejection_reason text,
      received_at timestamptz not null,
      settled_at timestamptz
    )`.execute(db);
  await sql`
    create table gl_journal_entries (
      id bigint generated always as identity primary key,
      end_to_end_id text not null references payment_transfers (end_to_end_id),
      kind text not null check (kind in ('transfer_accepted', 'transfer_settled')),
      booked_at timestamptz not null,
      unique (end_to_end_id, kind)
    )`.execute(db);
  await sql`create index gl_journal_entries_booked_at on gl_journal_entries (booked_at)`.execute(db);
  await sql`
    create table gl_journal_lines (
      entry_id bigint not null references gl_journal_entries (id),
      line integer not null,
      account text not null references gl_accounts (code),
      debit numeric(15, 2) not null check (debit >= 0),
      credit numeric(15, 2) not null check (credit >= 0),
      check ((debit = 0) <> (credit = 0)),
      primary key (entry_id, line)
    )`.execute(db);
  await sql`create index gl_journal_lines_account on gl_journal_lines (account)`.execute(db);

  // Every entry balances, checked at commit (all its lines are in by then).
  await sql`
    create function check_journal_entry_balanced() returns trigger language plpgsql as $$
    declare
      difference numeric;
    begin
      select coalesce(sum(debit), 0) - coalesce(sum(credit), 0) into difference
        from gl_journal_lines where entry_id = new.entry_id;
      if difference <> 0 then
        raise exception 'journal entry % does not balance (debits - credits = %)', new.entry_id, difference;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create constraint trigger gl_journal_lines_balanced after insert on gl_journal_lines
    deferrable initially deferred for each row execute function check_journal_entry_balanced()`.execute(db);
  // The journal is append-only.
  await sql`
    create function refuse_journal_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only', tg_table_name;
    end $$`.execute(db);
  for (const table of ['gl_journal_entries', 'gl_journal_lines'])
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.raw(table)}
      for each row execute function refuse_journal_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'gl_journal_lines',
    'gl_journal_entries',
    'payment_transfers',
    'gl_accounts',
    'idempotency_keys',
    'disbursement_outbox',
    'disbursements',
  ])
    await sql`drop table if exists ${sql.raw(t)}`.execute(db);
  await sql`drop function if exists check_journal_entry_balanced() cascade`.execute(db);
  await sql`drop function if exists refuse_journal_change() cascade`.execute(db);
}
