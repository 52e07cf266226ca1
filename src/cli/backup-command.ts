import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import { createDatabase } from '../infra/db/create-database';
import type { Database } from '../infra/db/database';

/** The backup's table of contents: what was saved, from where, and the figures to check a restore by. */
export interface BackupManifest {
  format: 'mianqian-backup/1';
  createdAt: string;
  database: 'postgres' | 'pglite';
  /** The recordings directory the rows' paths name (a restore elsewhere rewrites them). */
  recordingsDir: string;
  /** Keys configured outside the data directory (environment, PKI_DIR): not in this backup. */
  externalKeys: string[];
  ledger: { size: number; root: string; checkpoints: number; latestCheckpoint: number | null };
  rows: Record<string, number>;
  /** SHA-256 of every file of the backup but this manifest, by path inside the backup. */
  files: Record<string, string>;
}

export const MANIFEST = 'manifest.json';

/** Runs a PostgreSQL client tool (argument array, no shell). */
export function run(tool: string, args: string[]): Promise<{ ok: boolean; stderr: string }> {
  return new Promise((resolve) => {
    execFile(tool, args, { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) =>
      resolve({ ok: error === null, stderr: String(stderr || error?.message || '') }),
    );
  });
}
export const PG_DUMP_FILE = 'database.pgdump';

/** Every file under `dir`, as paths relative to `root`. */
export function listFiles(dir: string, root = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? listFiles(path, root) : [relative(root, path)];
  });
}

export const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Runs one SQL text and returns its rows: over Kysely, or over the one connection holding a snapshot. */
export type RunQuery = (text: string) => Promise<Record<string, unknown>[]>;

export const kyselyQuery =
  (db: Kysely<Database>): RunQuery =>
  async (text) =>
    (await sql.raw<Record<string, unknown>>(text).execute(db)).rows;

/** Row counts of every table and the ledger's head: the figures a restore must reproduce. */
export async function databaseFigures(query: RunQuery): Promise<Pick<BackupManifest, 'ledger' | 'rows'>> {
  const tables = await query(`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
  const rows: Record<string, number> = {};
  for (const { name } of tables) {
    const quoted = `"${String(name).replaceAll('"', '""')}"`;
    rows[String(name)] = Number((await query(`select count(*) as n from ${quoted}`))[0]!.n);
  }
  const tree = (await query('select size, root from ledger_tree'))[0]!;
  const cps = (await query('select count(*) as n, max(size) as latest from ledger_checkpoints'))[0]!;
  return {
    rows,
    ledger: {
      size: Number(tree.size),
      root: Buffer.from(tree.root as Uint8Array).toString('base64'),
      checkpoints: Number(cps.n),
      latestCheckpoint: cps.latest === null ? null : Number(cps.latest),
    },
  };
}

/**
 * `mianqian backup <dir>`: everything a restore needs, into a new directory — the database
 * (PostgreSQL: `pg_dump --format=custom`, a consistent snapshot taken while the platform runs;
 * embedded PGlite: a copy of `pgdata`, so the server must be stopped), the keys (master key, ledger
 * signing key, PKI), the document blobs and the interview recordings, and a manifest with every
 * file's SHA-256, every table's row count and the ledger's head. Keys configured outside the data
 * directory are named in the manifest and must be backed up from where they live. See
 * docs/backup-restore.md. Exit 0 when written, 1 on failure, 2 for a usage error.
 */
export async function backupCommand({
  config,
  dir,
}: {
  config: Config;
  dir: string | undefined;
}): Promise<number> {
  if (!dir) {
    console.error('usage: mianqian backup <dir> [--data-dir <dir>]');
    return 2;
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    console.error(`mianqian backup: ${dir} is not empty; a backup goes into a new directory`);
    return 1;
  }
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  let figures: Pick<BackupManifest, 'ledger' | 'rows'>;
  if (config.databaseUrl) {
    // The platform keeps writing: the figures and the dump must be one snapshot, or a restore would
    // compare a dump with counts taken a moment earlier. One read-only transaction exports its
    // snapshot; pg_dump reads exactly that snapshot.
    const client = new pg.Client({ connectionString: config.databaseUrl });
    await client.connect();
    try {
      await client.query('begin isolation level repeatable read read only');
      const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
      figures = await databaseFigures(
        async (text) => (await client.query(text)).rows as Record<string, unknown>[],
      );
      // Asynchronously: the platform in this process (tests) or beside it goes on writing meanwhile.
      const dumped = await run('pg_dump', [
        ...['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`],
        ...['--file', join(dir, PG_DUMP_FILE), config.databaseUrl],
      ]);
      if (!dumped.ok) {
        console.error(`mianqian backup: pg_dump failed: ${dumped.stderr}`);
        return 1;
      }
    } finally {
      await client.query('commit').catch(() => {});
      await client.end();
    }
  } else {
    // PGlite is one process: with the server stopped, opening and closing it leaves a clean copy.
    const database = await createDatabase({ dataDir: config.dataDir, poolSize: 1 });
    try {
      figures = await databaseFigures(kyselyQuery(database.db));
    } finally {
      await database.close();
    }
    cpSync(join(config.dataDir, 'pgdata'), join(dir, 'pgdata'), { recursive: true });
  }
  const externalKeys = [
    ...(config.masterKey ? ['MIANQIAN_MASTER_KEY'] : []),
    ...(config.ledgerSigningKey ? ['LEDGER_SIGNING_KEY'] : []),
    ...(config.pkiDir ? ['PKI_DIR'] : []),
  ];
  const keysDir = join(config.dataDir, 'keys');
  if (existsSync(keysDir)) cpSync(keysDir, join(dir, 'keys'), { recursive: true });
  const blobsDir = join(config.dataDir, 'blobs');
  if (existsSync(blobsDir)) cpSync(blobsDir, join(dir, 'blobs'), { recursive: true });
  const recordingsDir = config.recordingsDir ?? join(config.dataDir, 'recordings');
  if (existsSync(recordingsDir)) cpSync(recordingsDir, join(dir, 'recordings'), { recursive: true });

  const files = Object.fromEntries(listFiles(dir).map((f) => [f, sha256File(join(dir, f))]));
  const manifest: BackupManifest = {
    format: 'mianqian-backup/1',
    createdAt: new Date().toISOString(),
    database: config.databaseUrl ? 'postgres' : 'pglite',
    recordingsDir,
    externalKeys,
    ...figures,
    files,
  };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  const bytes = Object.keys(files).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  const rowCount = Object.values(figures.rows).reduce((a, b) => a + b, 0);
  console.log(
    `OK  backup in ${dir}: ${rowCount} rows in ${Object.keys(figures.rows).length} tables, ` +
      `${Object.keys(files).length} files, ${bytes} bytes; ledger size ${figures.ledger.size}; ` +
      `${Math.round(performance.now() - started)} ms`,
  );
  if (externalKeys.length > 0)
    console.log(
      `NOTE  not in this backup (configured outside the data directory): ${externalKeys.join(', ')}`,
    );
  return 0;
}
