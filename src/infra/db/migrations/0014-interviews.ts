import { sql, type Kysely } from 'kysely';

/**
 * Video interviews (面签, docs/interview.md):
 *
 * - `interview_slots`: times a loan officer offers (start, minutes); open → taken (by exactly one
 *   interview: the take is a conditional update on status = 'open') | cancelled. One officer cannot
 *   offer the same start twice while it is not cancelled.
 * - `interviews`: one per booking; at most one live (scheduled or in progress) per application and per
 *   slot (partial unique indexes). The script and confirmations are not personal and stay in clear;
 *   the drawn questions with the answers heard, the prompting notes, the conclusion form and the QC
 *   reason are envelope-encrypted (`_enc`), with SHA-256 where they are anchored on the ledger.
 * - `interview_participants`: who may enter the room (officer, borrower, accepted guarantors; ≤ 6),
 *   the display name and the location shared at join encrypted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table interview_slots (
      id uuid primary key,
      officer_id uuid not null references accounts (id),
      starts_at timestamptz not null,
      duration_minutes integer not null check (duration_minutes between 15 and 120),
      status text not null check (status in ('open', 'taken', 'cancelled')),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create unique index interview_slots_officer_start on interview_slots (officer_id, starts_at) where status <> 'cancelled'`.execute(
    db,
  );
  await sql`create index interview_slots_open on interview_slots (starts_at) where status = 'open'`.execute(
    db,
  );

  await sql`
    create table interviews (
      id uuid primary key,
      slot_id uuid not null references interview_slots (id),
      application_id uuid not null references applications (id),
      officer_id uuid not null references accounts (id),
      borrower_account_id uuid not null references accounts (id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      status text not null check (status in ('scheduled', 'in_progress', 'concluded', 'cancelled')),
      version integer not null,
      created_at timestamptz not null,
      started_at timestamptz,
      cancelled_at timestamptz,
      cancel_reason_enc text,
      script jsonb,
      script_sha256 text,
      confirmations jsonb not null default '[]',
      questions_enc text,
      prompting_enc text,
      conclusion_enc text,
      conclusion_sha256 text,
      outcome text check (outcome in ('pass', 'fail')),
      concluded_by uuid references accounts (id),
      concluded_at timestamptz,
      qc_status text not null default 'none' check (qc_status in ('none', 'waiting', 'signed_off', 'returned')),
      qc_by uuid references accounts (id),
      qc_at timestamptz,
      qc_reason_enc text,
      qc_report_sha256 text,
      reminder_sent_at timestamptz
    )`.execute(db);
  await sql`create unique index interviews_live_application on interviews (application_id) where status in ('scheduled', 'in_progress')`.execute(
    db,
  );
  await sql`create unique index interviews_live_slot on interviews (slot_id) where status <> 'cancelled'`.execute(
    db,
  );
  await sql`create index interviews_officer on interviews (officer_id, starts_at)`.execute(db);
  await sql`create index interviews_due_reminder on interviews (starts_at) where reminder_sent_at is null and status = 'scheduled'`.execute(
    db,
  );

  await sql`
    create table interview_participants (
      interview_id uuid not null references interviews (id),
      account_id uuid not null references accounts (id),
      role text not null check (role in ('officer', 'borrower', 'guarantor')),
      display_name_enc text not null,
      location_enc text,
      location_at timestamptz,
      primary key (interview_id, account_id)
    )`.execute(db);
  await sql`create index interview_participants_account on interview_participants (account_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists interview_participants`.execute(db);
  await sql`drop table if exists interviews`.execute(db);
  await sql`drop table if exists interview_slots`.execute(db);
}
