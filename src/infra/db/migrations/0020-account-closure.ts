import { sql, type Kysely } from 'kysely';

/**
 * Account closure (注销账户, docs/personal-data.md): `accounts.closed_at` marks an account its owner
 * closed. Its mobile lookup hash becomes unique per row and matches no number (the number may
 * register again), its personal fields are emptied, and it stays disabled for good.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table accounts add column closed_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table accounts drop column if exists closed_at`.execute(db);
}
