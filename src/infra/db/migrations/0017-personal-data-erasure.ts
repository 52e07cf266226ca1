import { sql, type Kysely } from 'kysely';

/**
 * Personal-data retention (docs/personal-data.md): when the retention job erased a closed
 * application's personal data (its applicant, stakeholders, lookup hashes and uploaded files). The
 * row itself, its history and its ledger leaves stay as evidence; the mark keeps the daily job from
 * visiting it again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table applications add column personal_data_erased_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table applications drop column if exists personal_data_erased_at`.execute(db);
}
