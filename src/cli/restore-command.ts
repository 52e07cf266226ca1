import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../config';
import { auditLedger } from '../features/ledger/audit-ledger';
import { composeLedgerDeps } from '../http/compose-deps';
import { createDatabase } from '../infra/db/create-database';
import { openInfrastructure } from '../infra/open-infrastructure';
import { auditStoredEvidence } from './audit-stored-evidence';
import {
  databaseFigures,
  kyselyQuery,
  MANIFEST,
  PG_DUMP_FILE,
  run,
  sha256File,
  type BackupManifest,
} from './backup-command';

/**
 * `mianqian restore <dir>`: a backup made by `mianqian backup` into an empty target (the configured
 * data directory, and the database of DATABASE_URL or embedded PGlite), then the proof that it is
 * whole. Before touching the target, every file the manifest lists must be there with its SHA-256
 * (a missing key or blob stops the restore, naming it). After: every table's row count and the
 * ledger's head must be the manifest's, the ledger audit must recompute the same log with intact
 * checkpoint signatures, and every recording, document and signed contract must match the ledger
 * (auditStoredEvidence: this needs the same master key, ledger key and PKI — a restore with other keys
 * fails here, loudly). Exit 0 only when all of that holds.
 */
export async function restoreCommand({
  config,
  dir,
}: {
  config: Config;
  dir: string | undefined;
}): Promise<number> {
  if (!dir) {
    console.error('usage: mianqian restore <backup-dir> [--data-dir <dir>]');
    return 2;
  }
  const started = performance.now();
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as BackupManifest;
  } catch (e) {
    console.error(`mianqian restore: no readable ${MANIFEST} in ${dir} (${(e as Error).message})`);
    return 1;
  }
  const target = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.database !== target) {
    console.error(`mianqian restore: the backup is of ${manifest.database}, the target is ${target}`);
    return 1;
  }
  // 1. The backup is whole: every file there, unchanged.
  const broken = Object.entries(manifest.files).flatMap(([file, hash]) =>
    !existsSync(join(dir, file))
      ? [`missing ${file}`]
      : sha256File(join(dir, file)) !== hash
        ? [`changed ${file}`]
        : [],
  );
  const needed = [
    ...(config.masterKey ? [] : ['keys/master.key']),
    ...(config.pkiDir ? [] : ['keys/pki/']),
  ].filter((k) => !Object.keys(manifest.files).some((f) => f.startsWith(k)));
  for (const k of needed) broken.push(`the backup has no ${k} and none is configured`);
  if (broken.length > 0) {
    for (const b of broken) console.log(`FAIL  ${b}`);
    console.error(
      `mianqian restore: the backup in ${dir} is not whole (${broken.length} problems); nothing restored`,
    );
    return 1;
  }
  // 2. The target is empty: a restore never merges into live data.
  const recordingsDir = config.recordingsDir ?? join(config.dataDir, 'recordings');
  const occupied = [
    join(config.dataDir, 'keys'),
    join(config.dataDir, 'blobs'),
    join(config.dataDir, 'pgdata'),
    recordingsDir,
  ].filter((d) => existsSync(d) && readdirSync(d).length > 0);
  if (config.databaseUrl) {
    const probe = await createDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: 1,
    });
    try {
      const tables = await sql<{ n: string }>`
        select count(*) as n from information_schema.tables where table_schema = 'public'`.execute(probe.db);
      if (Number(tables.rows[0]!.n) > 0) occupied.push('the database (it has tables)');
    } finally {
      await probe.close();
    }
  }
  if (occupied.length > 0) {
    console.error(`mianqian restore: the target is not empty: ${occupied.join(', ')}`);
    return 1;
  }
  // 3. Copy back.
  for (const sub of ['keys', 'blobs'])
    if (existsSync(join(dir, sub))) cpSync(join(dir, sub), join(config.dataDir, sub), { recursive: true });
  if (existsSync(join(dir, 'recordings')))
    cpSync(join(dir, 'recordings'), recordingsDir, { recursive: true });
  if (config.databaseUrl) {
    const restored = await run('pg_restore', [
      ...['--no-owner', '--no-privileges', '--exit-on-error'],
      ...['--dbname', config.databaseUrl, join(dir, PG_DUMP_FILE)],
    ]);
    if (!restored.ok) {
      console.error(`mianqian restore: pg_restore failed: ${restored.stderr}`);
      return 1;
    }
  } else cpSync(join(dir, 'pgdata'), join(config.dataDir, 'pgdata'), { recursive: true });
  const restoredMs = Math.round(performance.now() - started);

  // 4. Verify the restored copy.
  const infra = await openInfrastructure({ config });
  try {
    const problems: string[] = [];
    if (recordingsDir !== manifest.recordingsDir) {
      // Recording rows name their file by absolute path (not attested by the ledger): follow the move.
      await sql`update interview_recordings
        set path = ${recordingsDir} || substr(path, ${manifest.recordingsDir.length + 1})
        where starts_with(path, ${manifest.recordingsDir})`.execute(infra.database.db);
    }
    const figures = await databaseFigures(kyselyQuery(infra.database.db));
    for (const [table, n] of Object.entries(manifest.rows))
      if (figures.rows[table] !== n)
        problems.push(`table ${table}: ${figures.rows[table] ?? 'no'} rows, backup had ${n}`);
    if (JSON.stringify(figures.ledger) !== JSON.stringify(manifest.ledger))
      problems.push(`the ledger head differs from the backup's (${JSON.stringify(figures.ledger)})`);
    const ledger = composeLedgerDeps({ infra, config });
    const audit = await auditLedger(ledger);
    problems.push(...audit.problems);
    const stored = await auditStoredEvidence({ infra, ledger });
    problems.push(...stored.problems);
    for (const p of problems) console.log(`FAIL  ${p}`);
    const rows = Object.values(figures.rows).reduce((a, b) => a + b, 0);
    console.log(
      problems.length === 0
        ? `OK  restored ${rows} rows and ${Object.keys(manifest.files).length} files in ${restoredMs} ms; ` +
            `ledger of ${audit.size} entries and ${audit.checkpoints} checkpoints recomputed, ` +
            `${stored.contracts} signed contracts, ${stored.documents} documents and ${stored.recordings} recordings verified`
        : `${problems.length} problems: the restored copy is NOT verified`,
    );
    return problems.length === 0 ? 0 : 1;
  } finally {
    await infra.close();
  }
}
