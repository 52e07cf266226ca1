import type { Kysely } from 'kysely';

/** Conditions precedent (放款前提条件) per application, and their evidence. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
