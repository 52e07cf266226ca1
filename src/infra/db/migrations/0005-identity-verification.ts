import { sql, type Kysely } from 'kysely';

/**
 * Identity verification (docs/identity-authority.md):
 *
 * - `identity_registry`: the local stand-in for the national citizen-identity service (demo, tests,
 *   and testers who register themselves in development mode); names, numbers and photos encrypted,
 *   looked up by keyed hash.
 * - `identity_verifications`: one borrower's attempt, from ID details to the verdict.
 * - `identity_authority_checks`: every answer of the authority, with provider, time and the SHA-256 of
 *   the response as received.
 * - `phone_codes`: one-time SMS codes, stored as keyed hashes; `sms_outbox` is the development SMS
 *   adapter's outbox (admins read it in the console).
 * - `consents`: each consent with its text version and digest, method, device commitment and time,
 *   and its withdrawal.
 * - `face_checks` and `face_check_images`: each one-time face check with its result and scores; frames
 *   are kept (encrypted) only under the separate retention consent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table identity_registry (
      id_number_hmac text primary key,
      id_number_enc text not null,
      name_enc text not null,
      name_hmac text not null,
      photo_enc bytea,
      source text not null check (source in ('seed', 'self_registered', 'import')),
      registered_by uuid references accounts (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table identity_verifications (
      id uuid primary key,
      account_id uuid not null references accounts (id),
      status text not null,
      name_enc text not null,
      id_number_enc text not null,
      id_number_hmac text not null,
      mobile_enc text,
      mobile_hmac text,
      phone_verified_at timestamptz,
      method text check (method in ('face', 'officer_video')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      verified_at timestamptz
    )`.execute(db);
  await sql`create index identity_verifications_account on identity_verifications (account_id, created_at)`.execute(
    db,
  );

  await sql`
    create table identity_authority_checks (
      id uuid primary key,
      verification_id uuid not null references identity_verifications (id),
      provider text not null,
      request_kind text not null check (request_kind in ('identity', 'photo')),
      verdict text not null check (verdict in ('consistent', 'inconsistent', 'no_record')),
      similarity double precision,
      has_photo boolean not null,
      response_sha256 text not null,
      provider_reference text,
      requested_at timestamptz not null,
      answered_at timestamptz not null
    )`.execute(db);
  await sql`create index identity_authority_checks_verification on identity_authority_checks (verification_id)`.execute(
    db,
  );

  await sql`
    create table phone_codes (
      id uuid primary key,
      verification_id uuid not null references identity_verifications (id),
      account_id uuid not null references accounts (id),
      mobile_hmac text not null,
      mobile_enc text not null,
      code_hash text not null,
      attempts integer not null default 0,
      expires_at timestamptz not null,
      consumed_at timestamptz,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index phone_codes_account on phone_codes (account_id, created_at)`.execute(db);
  await sql`create index phone_codes_mobile on phone_codes (mobile_hmac, created_at)`.execute(db);
  await sql`create index phone_codes_verification on phone_codes (verification_id, created_at)`.execute(db);

  await sql`
    create table sms_outbox (
      id bigserial primary key,
      mobile_enc text not null,
      mobile_masked text not null,
      text_enc text not null,
      purpose text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table consents (
      id uuid primary key,
      account_id uuid not null references accounts (id),
      kind text not null,
      text_version text not null,
      text_sha256 text not null,
      locale text not null,
      method text not null,
      device_commitment text,
      leaf_hash text not null,
      given_at timestamptz not null,
      withdrawn_at timestamptz,
      withdrawal_method text,
      withdrawal_device_commitment text,
      withdrawal_leaf_hash text
    )`.execute(db);
  await sql`create index consents_account on consents (account_id, given_at)`.execute(db);

  await sql`
    create table face_checks (
      id uuid primary key,
      verification_id uuid not null references identity_verifications (id),
      account_id uuid not null references accounts (id),
      challenge text not null,
      status text not null check (status in ('issued', 'processing', 'completed')),
      issued_at timestamptz not null,
      expires_at timestamptz not null,
      completed_at timestamptz,
      passed boolean,
      failures jsonb,
      similarity double precision,
      threshold double precision,
      scores jsonb,
      model_version text,
      frame_count integer,
      frames_sha256 jsonb,
      images_retained boolean not null default false,
      authority_check_id uuid references identity_authority_checks (id)
    )`.execute(db);
  await sql`create index face_checks_verification on face_checks (verification_id, issued_at)`.execute(db);

  await sql`
    create table face_check_images (
      face_check_id uuid not null references face_checks (id),
      seq integer not null,
      image_enc bytea not null,
      primary key (face_check_id, seq)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'face_check_images',
    'face_checks',
    'consents',
    'sms_outbox',
    'phone_codes',
    'identity_authority_checks',
    'identity_verifications',
    'identity_registry',
  ])
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
}
