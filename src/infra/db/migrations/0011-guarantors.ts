import { sql, type Kysely } from 'kysely';

/**
 * Guarantors (docs/guarantors.md): `guarantor_invitations`, one row per invitation of a person to
 * guarantee an application. The name and mobile are envelope-encrypted; the mobile's keyed HMAC
 * (the same hash space as `accounts.mobile_hmac`) finds the invitations addressed to an account.
 * The relationship, guaranteed amount, who invited, the status and its times, the consent text
 * version and SHA-256 accepted and the guarantor's account are not personal and stay in clear; a
 * decline reason is encrypted. At most one invitation per mobile and application that is not withdrawn.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table guarantor_invitations (
      id uuid primary key,
      application_id uuid not null references applications (id),
      name_enc text not null,
      mobile_enc text not null,
      mobile_hmac text not null,
      mobile_masked text not null,
      relationship text not null,
      guaranteed_amount numeric(15, 2) not null,
      invited_by_side text not null check (invited_by_side in ('borrower', 'officer')),
      invited_by uuid not null references accounts (id),
      invited_at timestamptz not null,
      status text not null check (status in
        ('invited', 'accepted', 'declined', 'verification_failed', 'withdrawn')),
      version integer not null,
      answered_at timestamptz,
      decline_reason_enc text,
      consent_version text,
      consent_sha256 text,
      consent_locale text,
      guarantor_account_id uuid references accounts (id),
      withdrawn_at timestamptz,
      withdrawn_by uuid references accounts (id),
      leaf_hash text not null
    )`.execute(db);
  await sql`create index guarantor_invitations_application on guarantor_invitations (application_id, invited_at)`.execute(
    db,
  );
  await sql`create index guarantor_invitations_mobile on guarantor_invitations (mobile_hmac)`.execute(db);
  await sql`create unique index guarantor_invitations_one_open on guarantor_invitations (application_id, mobile_hmac)
    where status <> 'withdrawn'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists guarantor_invitations`.execute(db);
}
