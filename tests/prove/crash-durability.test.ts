import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/infra/db/create-database';
import { createPrivateCluster, runsPostgresCycles, type PrivateCluster } from '../support/crash-cluster';
import {
  BORROWERS,
  CrashLoad,
  printFigures,
  runCrashCycles,
  serverEnv,
  type Figures,
} from '../support/crash-cycles';
import { openPersistentPlatform, seedCrashLoad } from '../support/crash-loans';
import { crashServerCommand, killAllCrashServers } from '../support/crash-server';

/**
 * Acknowledged writes survive crashes, on PostgreSQL (issue item 1; wal.sgml: a synchronously
 * committed transaction "will be preserved, even in the event of a server crash immediately after").
 *
 * A private cluster (never the shared server on 5432) with fsync, synchronous_commit, full_page_writes
 * and data checksums on, asserted through SHOW. Each cycle a real server runs as a child process under
 * a concurrent load over HTTP and is SIGKILLed at a random moment; every other cycle the cluster goes
 * down with it (`pg_ctl stop -m immediate`, a crash without a checkpoint). After each restart the
 * client's record of every 2xx answer — application ids and versions, ledger indexes and leaf hashes,
 * disbursement ids and payment references, checkpoints — is compared with the database: 0 lost. At the
 * end the newest checkpoint is proved consistent with every checkpoint the client saw and every
 * acknowledged entry included in it (the API's proofs, checked with src/core/ledger's verifiers), and
 * the stored leaves hash to its root. The embedded database's cycles are in
 * crash-durability-pglite.test.ts (another worker, so that the two run side by side).
 */
const CYCLES = Number(process.env.MIANQIAN_CRASH_PG_CYCLES ?? 35);
const figures: Figures[] = [];
let cluster: PrivateCluster | undefined;
afterAll(async () => {
  await killAllCrashServers(); // a suite that timed out leaves no process behind
  cluster?.remove();
  printFigures(figures);
});

describe.skipIf(!runsPostgresCycles())('acknowledged writes survive crashes (PostgreSQL)', () => {
  it(`${CYCLES} cycles of SIGKILL, every other with pg_ctl stop -m immediate, lose no acknowledged write`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mq-crash-data-'));
    cluster = await createPrivateCluster();
    const crashing = cluster;
    try {
      await crashing.start();
      const settings = await crashing.show([
        'fsync',
        'synchronous_commit',
        'full_page_writes',
        'data_checksums',
      ]);
      expect(settings).toEqual({
        fsync: 'on',
        synchronous_commit: 'on',
        full_page_writes: 'on',
        data_checksums: 'on',
      });
      const databaseUrl = await crashing.createDatabase('mq_crash');
      const [command, seeded] = await Promise.all([
        crashServerCommand({ name: 'postgres' }),
        (async () => {
          const p = await openPersistentPlatform({ dataDir, databaseUrl });
          try {
            return await seedCrashLoad(p, { count: CYCLES + 4, borrowers: BORROWERS });
          } finally {
            await p.close();
          }
        })(),
      ]);
      await runCrashCycles(
        {
          name: 'postgres',
          cycles: CYCLES,
          env: serverEnv(dataDir, { DATABASE_URL: databaseUrl }),
          loadMs: [300, 2000],
          openDatabase: () => createDatabase({ databaseUrl, dataDir, poolSize: 2 }),
          openPlatform: () => openPersistentPlatform({ dataDir, databaseUrl }),
          cluster: crashing,
        },
        new CrashLoad(seeded),
        command,
        settings,
        figures,
      );
    } finally {
      crashing.remove();
      cluster = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 1_800_000);
});
