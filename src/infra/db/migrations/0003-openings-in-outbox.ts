import { sql, type Kysely } from 'kysely';

/**
 * A leaf's openings travel with it through the outbox: the business transaction that queues the leaf
 * also queues its sealed openings, and sequencing moves both in the same statement (one write fewer
 * per step, and the openings can never be missing for a sequenced leaf).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ledger_queue add column openings_enc text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ledger_queue drop column openings_enc`.execute(db);
}
