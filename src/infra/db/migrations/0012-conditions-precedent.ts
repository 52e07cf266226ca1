import { sql, type Kysely } from 'kysely';

/**
 * Conditions precedent (放款前提条件) per application, and their evidence (docs/conditions-precedent.md):
 *
 * - `condition_resolutions`: each tick (`met`: an evidence file in the blob store, encrypted, with its
 *   SHA-256) or waiver (`waived`: an approver's reason) of a condition of an application, under the
 *   checklist version it was made against. Append-only but for revocation: a tick or waiver revoked
 *   keeps its row with who revoked it, when and why. At most one resolution in force per condition (a
 *   partial unique index), so two officers ticking at once cannot both win. Notes and reasons are
 *   envelope-encrypted (they may name people); codes, hashes and times are not personal.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table condition_resolutions (
      id uuid primary key,
      application_id uuid not null references applications (id),
      condition_code text not null,
      checklist_version text not null,
      kind text not null check (kind in ('met', 'waived')),
      note_enc text not null,
      filename text,
      content_type text,
      size_bytes integer,
      sha256 text,
      blob_key text,
      resolved_by uuid not null references accounts (id),
      resolved_by_role text not null,
      resolved_at timestamptz not null,
      revoked_by uuid references accounts (id),
      revoked_by_role text,
      revoked_at timestamptz,
      revoke_reason_enc text,
      check ((kind = 'met') = (blob_key is not null and sha256 is not null)),
      check ((revoked_at is null) = (revoked_by is null))
    )`.execute(db);
  await sql`create unique index condition_resolutions_one_in_force
    on condition_resolutions (application_id, condition_code) where revoked_at is null`.execute(db);
  await sql`create index condition_resolutions_application
    on condition_resolutions (application_id, resolved_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists condition_resolutions`.execute(db);
}
