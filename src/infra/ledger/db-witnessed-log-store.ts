import { sql, type Kysely } from 'kysely';
import type { WitnessedLogStore } from '../../features/ledger/witnessed-log-store.port';
import type { Database } from '../db/database';

/** This node's witness records, moved forward by compare-and-swap on the recorded size. */
export function createDbWitnessedLogStore({ db }: { db: Kysely<Database> }): WitnessedLogStore {
  const get = async (origin: string) => {
    const r = await db
      .selectFrom('witnessed_logs')
      .select(['size', 'root'])
      .where('origin', '=', origin)
      .executeTakeFirst();
    return r && { size: Number(r.size), root: Buffer.from(r.root) };
  };
  return {
    get,
    async advance({ origin, expectedSize, size, root }) {
      const moved =
        expectedSize === 0
          ? await sql`
              insert into witnessed_logs (origin, size, root) values (${origin}, ${size}, ${root})
              on conflict (origin) do update set size = excluded.size, root = excluded.root, updated_at = now()
              where witnessed_logs.size = 0
              returning origin`.execute(db)
          : await sql`
              update witnessed_logs set size = ${size}, root = ${root}, updated_at = now()
              where origin = ${origin} and size = ${expectedSize}
              returning origin`.execute(db);
      if (moved.rows.length === 1) return { ok: true };
      return { ok: false, size: (await get(origin))?.size ?? 0 };
    },
  };
}
