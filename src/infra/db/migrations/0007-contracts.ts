import { sql, type Kysely } from 'kysely';

/**
 * Loan contracts and their signing (docs/contracts.md), and which second factor a session proved:
 *
 * - `contracts`: one per application — number, template version, language, signing order, status,
 *   the approved terms in clear (amount, term, rates: not personal), the page count, the unsigned
 *   PDF's SHA-256 and the newest revision's; the contract data (names, masked numbers) encrypted.
 * - `contract_revisions`: every revision of the PDF (0 = unsigned, then one per signature; the last
 *   includes the DSS and document timestamp), encrypted, with its SHA-256 in clear.
 * - `contract_signers`: one row per party and field; for people the account, the encrypted name, the
 *   commitment to the verified ID number and its encrypted salt; once signed the certificate's hash
 *   and serial, the intent record (意愿) and its hash, the revision made; for the bank who applied the
 *   seal or under which authorisation.
 * - `contract_page_reads`: the first time each signer had each page on screen.
 * - `seal_authorisations`: standing, revocable authorisations for the bank's seal to sign on its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Which second factor a session proved last (a signature's intent record names it).
  await sql`alter table sessions add column second_factor_method text
    check (second_factor_method in ('totp', 'passkey', 'recovery_code'))`.execute(db);
  await sql`
    create table contracts (
      id uuid primary key,
      application_id uuid not null unique references applications (id),
      contract_number text not null unique,
      template_version text not null,
      locale text not null check (locale in ('zh-CN', 'en')),
      signing_order text not null check (signing_order in ('sequential', 'parallel')),
      status text not null check (status in ('signing', 'awaiting_seal', 'signed')),
      amount numeric(15, 2) not null,
      term_months integer not null,
      nominal_rate text not null,
      annualised_rate text not null,
      page_count integer not null,
      content_sha256 text not null,
      revision integer not null,
      current_sha256 text not null,
      data_enc text not null,
      created_by uuid not null references accounts (id),
      created_at timestamptz not null,
      completed_at timestamptz
    )`.execute(db);

  await sql`
    create table contract_revisions (
      contract_id uuid not null references contracts (id),
      revision integer not null,
      sha256 text not null,
      pdf_enc bytea not null,
      created_at timestamptz not null,
      primary key (contract_id, revision)
    )`.execute(db);

  await sql`
    create table contract_signers (
      id uuid primary key,
      contract_id uuid not null references contracts (id),
      position integer not null,
      role text not null check (role in ('borrower', 'guarantor', 'lender')),
      field_name text not null,
      account_id uuid references accounts (id),
      display_name_enc text not null,
      id_commitment text,
      id_commitment_salt_enc text,
      status text not null check (status in ('pending', 'signed')),
      signed_at timestamptz,
      signed_by uuid references accounts (id),
      seal_authorisation_id uuid,
      certificate_sha256 text,
      certificate_serial text,
      signature_revision integer,
      intent jsonb,
      intent_sha256 text,
      unique (contract_id, field_name),
      unique (contract_id, account_id)
    )`.execute(db);
  await sql`create index contract_signers_account on contract_signers (account_id)`.execute(db);

  await sql`
    create table contract_page_reads (
      contract_id uuid not null references contracts (id),
      account_id uuid not null references accounts (id),
      page integer not null,
      first_read_at timestamptz not null,
      primary key (contract_id, account_id, page)
    )`.execute(db);

  await sql`
    create table seal_authorisations (
      id uuid primary key,
      scope text not null check (scope in ('loan_contracts')),
      max_amount numeric(15, 2) not null,
      reason text not null,
      granted_by uuid not null references accounts (id),
      granted_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      revoked_by uuid references accounts (id),
      revoke_reason text
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions drop column if exists second_factor_method`.execute(db);
  for (const t of [
    'seal_authorisations',
    'contract_page_reads',
    'contract_signers',
    'contract_revisions',
    'contracts',
  ])
    await sql`drop table if exists ${sql.raw(t)}`.execute(db);
}
