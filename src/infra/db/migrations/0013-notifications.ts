import type { Kysely } from 'kysely';

/** Notifications: in-app inbox, e-mail outbox, the event cursor. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
