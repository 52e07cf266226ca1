import type { Kysely } from 'kysely';

/** Guarantor invitations and their answers. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
