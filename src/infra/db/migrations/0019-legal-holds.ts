import { sql, type Kysely } from 'kysely';

/**
 * Legal holds (证据保全, docs/personal-data.md): while an application has a hold in force, the
 * retention jobs keep its personal data, documents and interview recordings. At most one hold in
 * force per application (a partial unique index); a released hold keeps its row. The reasons can
 * name people (a case, a complainant): envelope-encrypted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table legal_holds (
      id uuid primary key,
      application_id uuid not null references applications (id),
      reason_enc text not null,
      placed_by uuid not null references accounts (id),
      placed_by_role text not null,
      placed_at timestamptz not null,
      released_by uuid references accounts (id),
      released_by_role text,
      released_at timestamptz,
      release_reason_enc text,
      check ((released_at is null) = (released_by is null))
    )`.execute(db);
  await sql`create unique index legal_holds_one_in_force on legal_holds (application_id)
    where released_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists legal_holds`.execute(db);
}
