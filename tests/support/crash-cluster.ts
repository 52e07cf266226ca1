import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { appendFileSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where Debian puts the PostgreSQL 15 server programs (initdb, pg_ctl, postgres). */
export const PG_BIN = process.env.MIANQIAN_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * Whether the PostgreSQL crash cycles run: whenever the tests run against PostgreSQL (TEST_DATABASE_URL,
 * set by `npm test`), as every PostgreSQL test does. Tests never skip silently: without the server
 * programs the suite fails and says what to install (`createPrivateCluster`).
 */
export const runsPostgresCycles = (): boolean => Boolean(process.env.TEST_DATABASE_URL);

/** A free TCP port on the loopback interface (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface PrivateCluster {
  /** postgres:// URL of the cluster's `postgres` database. */
  readonly adminUrl: string;
  readonly port: number;
  readonly dataDir: string;
  /** Starts the server and waits until it accepts connections (crash recovery included). */
  start(): Promise<void>;
  /** `pg_ctl stop -m immediate`: the server processes quit without a checkpoint, as in a crash. */
  stopImmediately(): Promise<void>;
  /** Runs SHOW for each setting and returns the values. */
  show(settings: readonly string[]): Promise<Record<string, string>>;
  /** Creates a database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast) and removes its directory. */
  remove(): void;
}

/**
 * A PostgreSQL cluster of the test's own, so that it can be crashed (`pg_ctl stop -m immediate`)
 * without touching the shared server on 5432. initdb and postgres refuse to run as root, so when the
 * tests run as root the programs run as the `postgres` OS user, in a fresh directory handed to it.
 * Durability settings are spelled out rather than left to defaults, so the test proves them: fsync,
 * synchronous_commit and full_page_writes on, data checksums from initdb.
 */
export async function createPrivateCluster(): Promise<PrivateCluster> {
  if (!existsSync(join(PG_BIN, 'pg_ctl')))
    throw new Error(
      `No PostgreSQL server programs at ${PG_BIN} (initdb, pg_ctl): install Debian's postgresql-15, or set MIANQIAN_TEST_PG_BIN`,
    );
  const root = mkdtempSync(join(tmpdir(), 'mq-crash-pg-'));
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(root, uid, gid);
  }
  const run = (program: string, args: string[]) =>
    execFileSync(
      isRoot ? 'runuser' : join(PG_BIN, program),
      isRoot ? ['-u', 'postgres', '--', join(PG_BIN, program), ...args] : args,
      { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
    );
  // Asynchronous for the cycles, so that the load keeps running while the database goes down.
  const runAsync = async (program: string, args: string[]) => {
    await promisify(execFile)(
      isRoot ? 'runuser' : join(PG_BIN, program),
      isRoot ? ['-u', 'postgres', '--', join(PG_BIN, program), ...args] : args,
      { timeout: 120_000 },
    );
  };
  const port = await freePort();
  run('initdb', [
    '-D',
    dataDir,
    '--data-checksums',
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  appendFileSync(
    join(dataDir, 'postgresql.conf'),
    [
      '',
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${root}'`,
      'fsync = on',
      'synchronous_commit = on',
      'full_page_writes = on',
      'max_connections = 60',
      'shared_buffers = 32MB',
      '',
    ].join('\n'),
  );
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let isRunning = false;
  const cluster: PrivateCluster = {
    adminUrl,
    port,
    dataDir,
    async start() {
      await runAsync('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
      isRunning = true;
    },
    async stopImmediately() {
      await runAsync('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      isRunning = false;
    },
    async show(settings) {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        const out: Record<string, string> = {};
        for (const s of settings) {
          const r = await c.query<Record<string, string>>(`show ${s}`);
          out[s] = Object.values(r.rows[0]!)[0]!;
        }
        return out;
      } finally {
        await c.end();
      }
    },
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`create database ${name}`);
      } finally {
        await c.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    remove() {
      try {
        if (isRunning) run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } catch {
        // Already down (an immediate stop the test did last): nothing to stop.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  return cluster;
}
