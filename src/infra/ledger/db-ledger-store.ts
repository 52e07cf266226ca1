import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  CheckpointRecord,
  IntegrationTx,
  LedgerStore,
  PreparedEntry,
  StoredEntry,
  TileKey,
} from '../../features/ledger/ledger-store.port';
import type { Database } from '../db/database';
import { createNaturalBatcher } from '../db/natural-batcher';

const TILE_BYTES = 256 * 32;
/** Entries the outbox drain moves per sequencing transaction. */
const QUEUE_DRAIN = 10_000;
/** Full tiles never change, so any node may keep them: this many (32 MB at most). */
const TILE_CACHE_LIMIT = 4096;

const tileKey = (k: TileKey) => `${k.level}/${k.index}`;
/** Base64 of any byte array (a Uint8Array's own toString ignores the encoding). */
const b64 = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');

type CheckpointRow = {
  size: string;
  root: Buffer;
  note: string;
  published_note: string | null;
  signed_at: Date;
};
const toCheckpoint = (r: CheckpointRow): CheckpointRecord => ({
  size: Number(r.size),
  root: Buffer.from(r.root),
  note: r.note,
  publishedNote: r.published_note,
  signedAt: r.signed_at,
});

/**
 * The evidence log in PostgreSQL/PGlite (migration 0002).
 *
 * Sequencing: every append (and every drain of the outbox that business transactions fill) takes
 * the `ledger_sequence` row lock, reads the next index, inserts the entries and commits. Calls that
 * arrive while a transaction is in flight wait and go together in the next one (natural batching),
 * so thousands of concurrent appends cost a handful of commits, and the lock guarantees one order
 * across every node. Integration locks `ledger_tree` instead, so appends continue meanwhile.
 */
export function createDbLedgerStore({ db }: { db: Kysely<Database> }): LedgerStore {
  const fullTiles = new Map<string, Buffer>();
  const remember = (key: string, hashes: Buffer) => {
    if (hashes.length !== TILE_BYTES) return;
    if (fullTiles.size >= TILE_CACHE_LIMIT) fullTiles.delete(fullTiles.keys().next().value!);
    fullTiles.set(key, hashes);
  };

  const readTilesWith = async (exec: Kysely<Database> | Transaction<Database>, keys: readonly TileKey[]) => {
    const found = new Map<string, Buffer>();
    const missing = keys.filter((k) => {
      const hit = fullTiles.get(tileKey(k));
      if (hit) found.set(tileKey(k), hit);
      return !hit;
    });
    if (missing.length > 0) {
      const { rows } = await sql<{ level: number; idx: string; hashes: Buffer }>`
        select level, idx, hashes from ledger_tiles
        where (level, idx) in (${sql.join(missing.map((k) => sql`(${k.level}::smallint, ${k.index}::bigint)`))})`.execute(
        exec,
      );
      for (const r of rows) {
        const key = `${r.level}/${r.idx}`;
        const hashes = Buffer.from(r.hashes);
        found.set(key, hashes);
        remember(key, hashes);
      }
    }
    return found;
  };

  /** One sequencing transaction: drain the outbox, then append the callers' entries, in that order. */
  const sequence = async (batches: (readonly PreparedEntry[])[]): Promise<number[][]> =>
    db.transaction().execute(async (trx) => {
      const { rows } = await sql<{
        next_index: string;
      }>`select next_index from ledger_sequence where id = 1 for update`.execute(trx);
      const first = Number(rows[0]!.next_index);
      const { rows: queued } = await sql<{
        id: string;
        entry: Buffer;
        leaf_hash: Buffer;
        subject: string | null;
      }>`
        delete from ledger_queue where id in (select id from ledger_queue order by id limit ${QUEUE_DRAIN})
        returning id, entry, leaf_hash, subject`.execute(trx);
      queued.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      const all: PreparedEntry[] = [
        // PGlite returns bytea as a plain Uint8Array, node-postgres as a Buffer.
        ...queued.map((q) => ({
          entry: Buffer.from(q.entry),
          leafHash: Buffer.from(q.leaf_hash),
          subject: q.subject,
        })),
        ...batches.flat(),
      ];
      if (all.length > 0) {
        // One JSON parameter rather than arrays: both drivers pass it the same way, and it is fast to parse.
        const rows = JSON.stringify(all.map((e, i) => [first + i, b64(e.entry), b64(e.leafHash), e.subject]));
        await sql`
          insert into ledger_entries (idx, entry, leaf_hash, subject)
          select (r->>0)::bigint, decode(r->>1, 'base64'), decode(r->>2, 'base64'), r->>3
          from json_array_elements(${rows}::json) as r`.execute(trx);
        await sql`update ledger_sequence set next_index = ${first + all.length} where id = 1`.execute(trx);
      }
      let next = first + queued.length;
      return batches.map((b) => b.map(() => next++));
    });

  const appendBatched = createNaturalBatcher<readonly PreparedEntry[], number[]>({
    run: (batches) => sequence(batches),
    maxBatch: 4096,
  });

  const integrationTx = (trx: Transaction<Database>): IntegrationTx => ({
    async tree() {
      const r = await trx
        .selectFrom('ledger_tree')
        .select(['size', 'root'])
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return { size: Number(r.size), root: Buffer.from(r.root) };
    },
    async leafHashes(from, limit) {
      const rows = await trx
        .selectFrom('ledger_entries')
        .select(['idx', 'leaf_hash'])
        .where('idx', '>=', String(from))
        .where('idx', '<', String(from + limit))
        .orderBy('idx')
        .execute();
      const out: Buffer[] = [];
      // Sequencing commits contiguous ranges; stop at a gap rather than integrate past one.
      for (const r of rows) {
        if (Number(r.idx) !== from + out.length) break;
        out.push(Buffer.from(r.leaf_hash));
      }
      return out;
    },
    readTiles: (keys) => readTilesWith(trx, keys),
    async writeTiles(tiles) {
      if (tiles.length === 0) return;
      const rows = JSON.stringify(tiles.map((t) => [t.level, t.index, b64(t.hashes)]));
      await sql`
        insert into ledger_tiles (level, idx, hashes)
        select (r->>0)::smallint, (r->>1)::bigint, decode(r->>2, 'base64')
        from json_array_elements(${rows}::json) as r
        on conflict (level, idx) do update set hashes = excluded.hashes
        where length(excluded.hashes) > length(ledger_tiles.hashes)`.execute(trx);
    },
    async setTree(size, root) {
      await trx
        .updateTable('ledger_tree')
        .set({ size: String(size), root })
        .where('id', '=', 1)
        .execute();
    },
    async lastCheckpoint() {
      const r = await trx
        .selectFrom('ledger_checkpoints')
        .selectAll()
        .orderBy('size', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && toCheckpoint(r);
    },
    async insertCheckpoint({ size, root, note, publish }) {
      await trx
        .insertInto('ledger_checkpoints')
        .values({
          size: String(size),
          root,
          note,
          published_note: publish ? note : null,
          published_at: publish ? new Date() : null,
        })
        .execute();
    },
  });

  return {
    async append(entries) {
      if (entries.length === 0) return [];
      return appendBatched(entries);
    },
    async sequenceQueued() {
      await appendBatched([]);
    },
    async sequencedSize() {
      const r = await db
        .selectFrom('ledger_sequence')
        .select('next_index')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return Number(r.next_index);
    },
    integrate: (work) =>
      db.transaction().execute(async (trx) => {
        await sql`select size from ledger_tree where id = 1 for update`.execute(trx);
        return work(integrationTx(trx));
      }),
    async tree() {
      const r = await db
        .selectFrom('ledger_tree')
        .select(['size', 'root'])
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return { size: Number(r.size), root: Buffer.from(r.root) };
    },
    readTiles: (keys) => readTilesWith(db, keys),
    async readEntries(from, to) {
      if (to <= from) return [];
      const rows = await db
        .selectFrom('ledger_entries')
        .select(['idx', 'entry', 'leaf_hash', 'sequenced_at'])
        .where('idx', '>=', String(from))
        .where('idx', '<', String(to))
        .orderBy('idx')
        .execute();
      return rows.map((r): StoredEntry => ({
        index: Number(r.idx),
        entry: Buffer.from(r.entry),
        leafHash: Buffer.from(r.leaf_hash),
        sequencedAt: r.sequenced_at,
      }));
    },
    async indexOfLeafHash(leafHash) {
      const r = await db
        .selectFrom('ledger_entries')
        .select('idx')
        .where('leaf_hash', '=', Buffer.from(leafHash))
        .orderBy('idx')
        .limit(1)
        .executeTakeFirst();
      return r ? Number(r.idx) : undefined;
    },
    async entriesBySubject(subject) {
      const rows = await db
        .selectFrom('ledger_entries')
        .select(['idx', 'entry', 'leaf_hash', 'sequenced_at'])
        .where('subject', '=', subject)
        .orderBy('idx')
        .execute();
      return rows.map((r) => ({
        index: Number(r.idx),
        entry: Buffer.from(r.entry),
        leafHash: Buffer.from(r.leaf_hash),
        sequencedAt: r.sequenced_at,
      }));
    },
    async latestPublishedCheckpoint() {
      const r = await db
        .selectFrom('ledger_checkpoints')
        .selectAll()
        .where('published_at', 'is not', null)
        .orderBy('size', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && toCheckpoint(r);
    },
    async latestCheckpoint() {
      const r = await db
        .selectFrom('ledger_checkpoints')
        .selectAll()
        .orderBy('size', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && toCheckpoint(r);
    },
    async checkpointOfSize(size) {
      const r = await db
        .selectFrom('ledger_checkpoints')
        .selectAll()
        .where('size', '=', String(size))
        .executeTakeFirst();
      return r && toCheckpoint(r);
    },
    async publishCheckpoint(size, publishedNote) {
      await db
        .updateTable('ledger_checkpoints')
        .set({ published_note: publishedNote, published_at: new Date() })
        .where('size', '=', String(size))
        .where('published_at', 'is', null)
        .execute();
    },
    async witnessSize(witness) {
      const r = await db
        .selectFrom('ledger_witness_state')
        .select('size')
        .where('witness', '=', witness)
        .executeTakeFirst();
      return r ? Number(r.size) : 0;
    },
    async setWitnessSize(witness, size) {
      await db
        .insertInto('ledger_witness_state')
        .values({ witness, size: String(size) })
        .onConflict((oc) => oc.column('witness').doUpdateSet({ size: String(size) }))
        .execute();
    },
    async listCheckpoints() {
      const rows = await db.selectFrom('ledger_checkpoints').selectAll().orderBy('size').execute();
      return rows.map(toCheckpoint);
    },
    async tilesOfLevel(level) {
      const rows = await db
        .selectFrom('ledger_tiles')
        .select(['idx', 'hashes'])
        .where('level', '=', level)
        .execute();
      return new Map(rows.map((r) => [Number(r.idx), Buffer.from(r.hashes)]));
    },
  };
}
