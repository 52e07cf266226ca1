import type { Kysely } from 'kysely';

/** Collateral (押品): items, valuations (revaluation history), filled in by the collateral work. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
