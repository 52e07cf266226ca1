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

/** Entries the outbox drain moves per sequencing transaction. */
const QUEUE_DRAIN = 10_000;
/** Tiles kept in memory (64 MB at most). */
const TILE_CACHE_LIMIT = 8192;

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
const toEntry = (r: {
  idx: string;
  entry: Buffer;
  leaf_hash: Buffer;
  sequenced_at: Date;
  subject?: string | null;
}): StoredEntry => ({
  index: Number(r.idx),
  entry: Buffer.from(r.entry),
  leafHash: Buffer.from(r.leaf_hash),
  sequencedAt: r.sequenced_at,
  ...(r.subject === undefined ? {} : { subject: r.subject }),
});
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
  /**
   * Tiles only ever grow (a partial tile's hashes are a prefix of its later content, a full tile never
   * changes), so any node may keep what it has read: a cached tile serves any read that needs no more
   * than its width. Reads inside a transaction neither use nor fill the cache (integration checks the
   * stored tiles, and its reads could be rolled back); its writes are cached once committed.
   */
  const tileCache = new Map<string, Buffer>();
  const remember = (key: string, hashes: Buffer) => {
    const had = tileCache.get(key);
    if (had !== undefined && had.length >= hashes.length) return;
    if (had === undefined && tileCache.size >= TILE_CACHE_LIMIT)
      tileCache.delete(tileCache.keys().next().value!);
    tileCache.set(key, hashes);
  };

  const readTilesWith = async (
    exec: Kysely<Database> | Transaction<Database>,
    keys: readonly (TileKey & { width?: number })[],
  ) => {
    const found = new Map<string, Buffer>();
    // Integration reads the database itself, under its lock: it checks what is stored, not a copy.
    const missing = keys.filter((k) => {
      const hit = exec === db ? tileCache.get(tileKey(k)) : undefined;
      if (hit === undefined || hit.length < (k.width ?? 256) * 32) return true;
      found.set(tileKey(k), hit);
      return false;
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
        if (exec === db) remember(key, hashes);
      }
    }
    return found;
  };

  /**
   * The latest published checkpoint, kept briefly: every proof and checkpoint read needs it. Publishing
   * on this node clears it; another node's publication is seen within about 250 ms.
   */
  let published: { at: number; value: CheckpointRecord | undefined } | undefined;
  let refreshing: Promise<unknown> | undefined;
  let generation = 0;
  const PUBLISHED_TTL_MS = 250;
  const invalidatePublished = () => {
    published = undefined;
    generation++;
  };
  const fetchPublished = async () => {
    const seen = generation;
    const r = await db
      .selectFrom('ledger_checkpoints')
      .selectAll()
      .where('published_at', 'is not', null)
      .orderBy('size', 'desc')
      .limit(1)
      .executeTakeFirst();
    const value = r && toCheckpoint(r);
    // A publication on this node while the query ran makes its answer too old to keep.
    if (seen === generation) published = { at: Date.now(), value };
    return value;
  };

  /**
   * One sequencing statement (one round trip, its own transaction): lock the sequence row, drain the
   * outbox in queue order, then append the callers' entries, all numbered from the locked next index,
   * and move the index on. A concurrent statement on another node waits for the lock and then reads
   * the moved index, so indices are contiguous and never reused.
   */
  const sequence = async (batches: (readonly PreparedEntry[])[]): Promise<number[][]> => {
    const direct = batches.flat();
    // One JSON parameter rather than arrays: both drivers pass it the same way, and it is fast to parse.
    const rows = JSON.stringify(
      direct.map((e) => [b64(e.entry), b64(e.leafHash), e.subject, e.openings ?? null]),
    );
    const { rows: result } = await sql<{ first: string; queued: string }>`
      with s as (select next_index from ledger_sequence where id = 1 for update),
      q as (
        delete from ledger_queue where id in (select id from ledger_queue order by id limit ${QUEUE_DRAIN})
        returning id, entry, leaf_hash, subject, openings_enc
      ),
      qc as (select count(*) as c from q),
      d as (select r.e, r.ord from json_array_elements(${rows}::json) with ordinality as r(e, ord)),
      ins as (
        insert into ledger_entries (idx, entry, leaf_hash, subject)
        select s.next_index + row_number() over (order by q.id) - 1, q.entry, q.leaf_hash, q.subject from q, s
        union all
        select s.next_index + qc.c + d.ord - 1, decode(d.e->>0, 'base64'), decode(d.e->>1, 'base64'), d.e->>2
        from d, s, qc
      ),
      opened as (
        insert into ledger_openings (commitment, kind, opening_enc)
        select distinct on (o.k) o.k, 'leaf', o.sealed from (
          select encode(q.leaf_hash, 'hex') as k, q.openings_enc as sealed from q where q.openings_enc is not null
          union all
          select encode(decode(d.e->>1, 'base64'), 'hex'), d.e->>3 from d where d.e->>3 is not null
        ) as o
        on conflict (commitment) do nothing
      ),
      moved as (
        update ledger_sequence set next_index = (select next_index from s) + (select c from qc) + ${direct.length}
        where id = 1
      )
      select (select next_index from s) as first, (select c from qc) as queued`.execute(db);
    let next = Number(result[0]!.first) + Number(result[0]!.queued);
    return batches.map((b) => b.map(() => next++));
  };

  const readTree = async (exec: Kysely<Database> | Transaction<Database>) => {
    const r = await exec
      .selectFrom('ledger_tree')
      .select(['size', 'root'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return { size: Number(r.size), root: Buffer.from(r.root) };
  };

  const readLatestCheckpoint = async (exec: Kysely<Database> | Transaction<Database>) => {
    const r = await exec
      .selectFrom('ledger_checkpoints')
      .selectAll()
      .orderBy('size', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r && toCheckpoint(r);
  };

  const appendBatched = createNaturalBatcher<readonly PreparedEntry[], number[]>({
    run: (batches) => sequence(batches),
    maxBatch: 4096,
  });

  const integrationTx = (
    trx: Transaction<Database>,
    written: (TileKey & { hashes: Buffer })[],
  ): IntegrationTx => ({
    tree: () => readTree(trx),
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
      written.push(...tiles);
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
    lastCheckpoint: () => readLatestCheckpoint(trx),
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
    integrate: async (work) => {
      const written: (TileKey & { hashes: Buffer })[] = [];
      const result = await db.transaction().execute(async (trx) => {
        await sql`select size from ledger_tree where id = 1 for update`.execute(trx);
        return work(integrationTx(trx, written));
      });
      // Committed: the tiles just written are what every later read would fetch.
      for (const t of written) remember(tileKey(t), t.hashes);
      invalidatePublished(); // a checkpoint may have been published by this integration
      return result;
    },
    tree: () => readTree(db),
    readTiles: (keys) => readTilesWith(db, keys),
    async warmUp() {
      // Upper levels first (few tiles, on every proof), then the newest leaf tiles, up to the cache size.
      const rows = await db
        .selectFrom('ledger_tiles')
        .select(['level', 'idx', 'hashes'])
        .orderBy('level', 'desc')
        .orderBy('idx', 'desc')
        .limit(TILE_CACHE_LIMIT)
        .execute();
      for (const r of rows.reverse()) remember(`${r.level}/${r.idx}`, Buffer.from(r.hashes));
      return rows.length;
    },
    async readEntries(from, to) {
      if (to <= from) return [];
      const rows = await db
        .selectFrom('ledger_entries')
        .select(['idx', 'entry', 'leaf_hash', 'sequenced_at', 'subject'])
        .where('idx', '>=', String(from))
        .where('idx', '<', String(to))
        .orderBy('idx')
        .execute();
      return rows.map(toEntry);
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
      return rows.map(toEntry);
    },
    async latestPublishedCheckpoint() {
      if (published !== undefined) {
        // Stale: answer with what we have and refresh in the background (once), so no proof waits for it.
        if (Date.now() - published.at >= PUBLISHED_TTL_MS && refreshing === undefined)
          refreshing = fetchPublished()
            .catch(() => undefined)
            .finally(() => {
              refreshing = undefined;
            });
        return published.value;
      }
      return fetchPublished();
    },
    latestCheckpoint: () => readLatestCheckpoint(db),
    async checkpointOfSize(size) {
      const r = await db
        .selectFrom('ledger_checkpoints')
        .selectAll()
        .where('size', '=', String(size))
        .executeTakeFirst();
      return r && toCheckpoint(r);
    },
    async publishCheckpoint(size, publishedNote) {
      invalidatePublished();
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
