import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config';
import { startServer, type RunningServer } from '../http/server';
import { openInfrastructure } from '../infra/open-infrastructure';
import { buildWebIfNeeded } from './build-web-if-needed';
import { demoAccounts, seedDemo } from './seed-demo';
import { contractJourneyAccounts } from './seed-contract-journey';

/**
 * `mianqian start`: build the web app if needed, migrate, seed on first start (not in production),
 * serve. With `workers` above 1 this process prepares everything once (schema, keys, demo data) and
 * then forks that many server processes sharing the port, each one an API node like any other behind
 * a load balancer; a worker that dies is replaced.
 */
export async function runStart({ config }: { config: Config }): Promise<number> {
  if (cluster.isWorker) return runWorker(config);
  await buildWebIfNeeded();
  const infra = await openInfrastructure({ config });
  if (config.mode !== 'production') {
    const { seeded } = await seedDemo({ infra, config });
    if (seeded) {
      console.log('\nDemo accounts (development only):');
      for (const a of demoAccounts) console.log(`  ${a.role.padEnd(20)} ${a.mobile}  ${a.password}`);
      for (const [who, a] of Object.entries(contractJourneyAccounts))
        console.log(`  ${`${who} (journeys)`.padEnd(20)} ${a.mobile}  ${a.password}`);
    }
  }
  // The signing PKI: on first start the embedded set-up runs its key ceremony here, once, before any
  // worker could race another to it.
  await infra.contracts.pki();
  const database = infra.database.kind === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL';
  if (config.workers === 1) {
    const server = await startServer({ config, infra });
    announce(server.url, `database: ${database}`);
    onSignals((signal) => {
      server.app.log.info({ signal }, 'shutting down');
      stopThenExit(server);
    });
    return -1;
  }
  await infra.close();
  return runPrimary(config, database);
}

function announce(url: string, details: string) {
  console.log(`\nmianqian is running at ${url} (${details})`);
  console.log(`API docs: ${url}/api/docs\n`);
}

function onSignals(handler: (signal: string) => void) {
  process.once('SIGTERM', () => handler('SIGTERM'));
  process.once('SIGINT', () => handler('SIGINT'));
}

function stopThenExit(server: RunningServer) {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}

interface Listening {
  readonly type: 'mianqian:listening';
  readonly url: string;
}

async function runWorker(config: Config): Promise<number> {
  const server = await startServer({ config });
  process.send!({ type: 'mianqian:listening', url: server.url } satisfies Listening);
  onSignals((signal) => {
    server.app.log.info({ signal, worker: cluster.worker?.id }, 'worker shutting down');
    stopThenExit(server);
  });
  // The primary going away (killed) takes its workers with it.
  process.once('disconnect', () => stopThenExit(server));
  return -1;
}

function runPrimary(config: Config, database: string): Promise<number> {
  let stopping = false;
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      console.error(`worker ${worker.id} exited (${signal ?? code}); starting another`);
      fork();
    });
    return worker;
  };
  const workers = Array.from({ length: config.workers }, fork);
  return new Promise<number>((resolve, reject) => {
    let listening = 0;
    for (const w of workers)
      w.on('message', (m: Partial<Listening>) => {
        if (m.type !== 'mianqian:listening' || typeof m.url !== 'string') return;
        if (++listening === workers.length) {
          announce(m.url, `${config.workers} worker processes, database: ${database}`);
          resolve(-1);
        }
      });
    for (const w of workers)
      w.once('exit', () => {
        if (listening < workers.length && !stopping) reject(new Error('a worker exited while starting'));
      });
    onSignals(() => {
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      let left = alive.length;
      if (left === 0) process.exit(0);
      for (const w of alive) {
        w.once('exit', () => {
          if (--left === 0) process.exit(0);
        });
        w.process.kill('SIGTERM');
      }
    });
  });
}
