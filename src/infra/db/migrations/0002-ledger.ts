import { sql, type Kysely } from 'kysely';

/**
 * The evidence ledger (docs/evidence.md): an RFC 6962 log stored as C2SP tlog-tiles.
 *
 * - `ledger_sequence` holds the next index; sequencing (giving entries their place in the log) takes
 *   its row lock, so concurrent appends from any number of nodes never fork or reorder the log.
 * - `ledger_queue` is the outbox: business transactions put their evidence here in the same commit
 *   as the change it attests; the sequencer moves it into `ledger_entries` moments later.
 * - `ledger_entries` are the sequenced leaves (canonical JSON), append-only in the database itself.
 * - `ledger_tree` is the integrated size and root; integration takes its row lock, not the
 *   sequencer's, so appends go on while tiles are being written.
 * - `ledger_tiles` holds every tile of hashes (8 levels high, up to 256 wide; partial tiles grow).
 * - `ledger_checkpoints` every signed checkpoint, and once witnesses have cosigned, the published note.
 * - `ledger_openings` how to open each leaf's commitments and record digest (salts, values, records),
 *   one encrypted row per leaf; `commitment` holds the leaf hash (hex) and `kind` is 'leaf'.
 * - `witnessed_logs` is this node's state as a witness of other logs (tlog-witness).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ledger_sequence (
      id smallint primary key check (id = 1),
      next_index bigint not null check (next_index >= 0)
    )`.execute(db);
  await sql`insert into ledger_sequence (id, next_index) values (1, 0)`.execute(db);

  await sql`
    create table ledger_queue (
      id bigserial primary key,
      entry bytea not null,
      leaf_hash bytea not null,
      subject text,
      queued_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table ledger_entries (
      idx bigint primary key check (idx >= 0),
      entry bytea not null,
      leaf_hash bytea not null check (length(leaf_hash) = 32),
      subject text,
      sequenced_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index ledger_entries_leaf_hash on ledger_entries (leaf_hash)`.execute(db);
  await sql`create index ledger_entries_subject on ledger_entries (subject, idx) where subject is not null`.execute(
    db,
  );
  await sql`
    create function refuse_ledger_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only', tg_table_name;
    end $$`.execute(db);
  await sql`
    create trigger ledger_entries_append_only before update or delete on ledger_entries
    for each row execute function refuse_ledger_change()`.execute(db);

  await sql`
    create table ledger_tree (
      id smallint primary key check (id = 1),
      size bigint not null check (size >= 0),
      root bytea not null
    )`.execute(db);
  await sql`
    insert into ledger_tree (id, size, root)
    values (1, 0, decode('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex'))`.execute(
    db,
  );

  await sql`
    create table ledger_tiles (
      level smallint not null check (level >= 0),
      idx bigint not null check (idx >= 0),
      hashes bytea not null check (length(hashes) % 32 = 0 and length(hashes) between 32 and 8192),
      primary key (level, idx)
    )`.execute(db);

  await sql`
    create table ledger_checkpoints (
      size bigint primary key check (size >= 0),
      root bytea not null,
      note text not null,
      published_note text,
      signed_at timestamptz not null default now(),
      published_at timestamptz
    )`.execute(db);
  await sql`create index ledger_checkpoints_published on ledger_checkpoints (size) where published_at is not null`.execute(
    db,
  );
  await sql`
    create trigger ledger_checkpoints_no_delete before delete on ledger_checkpoints
    for each row execute function refuse_ledger_change()`.execute(db);

  await sql`
    create table ledger_witness_state (
      witness text primary key,
      size bigint not null
    )`.execute(db);

  await sql`
    create table ledger_openings (
      commitment text primary key,
      kind text not null,
      opening_enc text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table witnessed_logs (
      origin text primary key,
      size bigint not null,
      root bytea not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'witnessed_logs',
    'ledger_openings',
    'ledger_witness_state',
    'ledger_checkpoints',
    'ledger_tiles',
    'ledger_tree',
    'ledger_entries',
    'ledger_queue',
    'ledger_sequence',
  ])
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  await sql`drop function if exists refuse_ledger_change() cascade`.execute(db);
}
