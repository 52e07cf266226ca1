import { sql, type Kysely } from 'kysely';

/**
 * Approvals (docs/approvals.md):
 *
 * - `approval_cases`: one per submission of an application for approval — the matrix version, band
 *   and steps it was judged under, the risk assessment's grade and price at submission, the requested
 *   terms and the current ones (amounts, rates, terms: not personal), the revised disclosure waiting
 *   for the borrower and their answer, who prepared it and who interviewed. At most one open case per
 *   application (a partial unique index).
 * - `approval_decisions`: every decision, numbered per case: step, outcome, reason code, the written
 *   reason encrypted, the terms decided on, the ledger leaf.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table approval_cases (
      id uuid primary key,
      application_id uuid not null references applications (id),
      status text not null check (status in
        ('pending', 'awaiting_borrower', 'approved', 'rejected', 'returned', 'declined_by_borrower')),
      version integer not null,
      matrix_version text not null,
      band_id text not null,
      kind text not null check (kind in ('individual', 'enterprise', 'project_finance')),
      steps jsonb not null,
      snapshot jsonb not null,
      requested_amount numeric(15, 2) not null,
      requested_rate text not null,
      requested_term_months integer not null,
      repayment_method text not null,
      amount numeric(15, 2) not null,
      nominal_rate text not null,
      term_months integer not null,
      terms_version integer not null,
      pending_disclosure jsonb,
      disclosure_sha256 text,
      borrower_decision text check (borrower_decision in ('accept', 'decline')),
      borrower_answered_at timestamptz,
      borrower_disclosure_sha256 text,
      submitted_by uuid not null references accounts (id),
      submitted_at timestamptz not null,
      interviewer_id uuid references accounts (id),
      completed_at timestamptz
    )`.execute(db);
  await sql`create index approval_cases_application on approval_cases (application_id, submitted_at)`.execute(
    db,
  );
  await sql`create unique index approval_cases_one_open on approval_cases (application_id)
    where status in ('pending', 'awaiting_borrower')`.execute(db);

  await sql`
    create table approval_decisions (
      id uuid primary key,
      case_id uuid not null references approval_cases (id),
      seq integer not null,
      step_index integer not null,
      step_kind text not null check (step_kind in ('risk_review', 'approval', 'committee')),
      outcome text not null check (outcome in ('approve', 'reject', 'return')),
      reason_code text not null,
      text_enc text not null,
      text_sha256 text not null,
      decided_by uuid not null references accounts (id),
      decided_by_role text not null,
      terms_version integer not null,
      revised_amount numeric(15, 2),
      revised_rate text,
      revised_term_months integer,
      decided_at timestamptz not null,
      leaf_hash text not null,
      unique (case_id, seq)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists approval_decisions`.execute(db);
  await sql`drop table if exists approval_cases`.execute(db);
}
