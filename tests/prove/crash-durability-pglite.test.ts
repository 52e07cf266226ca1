import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/infra/db/create-database';
import { runsPostgresCycles } from '../support/crash-cluster';
import {
  BORROWERS,
  CrashLoad,
  printFigures,
  runCrashCycles,
  serverEnv,
  type Figures,
} from '../support/crash-cycles';
import { openPersistentPlatform, seedCrashLoad } from '../support/crash-loans';
import { durabilitySettings } from '../support/crash-record';
import { crashServerCommand, killAllCrashServers } from '../support/crash-server';

/**
 * Acknowledged writes survive a killed process on the embedded PGlite: the same cycles as
 * crash-durability.test.ts, with the server SIGKILLed and its data directory kept (PGlite belongs to
 * one process, so the test reads it between servers).
 *
 * What this proves and what it cannot: PGlite writes through Emscripten's NODEFS, which calls
 * fs.writeSync for every write, so a commit is in the operating system's page cache when it is
 * acknowledged and survives the death of the process. But PGlite runs with fsync off and NODEFS's
 * fdatasync is a no-op (the settings are printed with the figures), so nothing is forced to the disk:
 * an operating-system crash or a power cut can lose recent commits. Production runs on PostgreSQL
 * (README, "Running on PostgreSQL").
 */
const CYCLES = Number(process.env.MIANQIAN_CRASH_PGLITE_CYCLES ?? (runsPostgresCycles() ? 15 : 50));
const figures: Figures[] = [];
afterAll(async () => {
  await killAllCrashServers(); // a suite that timed out leaves no process behind
  printFigures(figures);
});

describe('acknowledged writes survive crashes (PGlite)', () => {
  it(`${CYCLES} cycles of SIGKILL on the embedded database lose no acknowledged write`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mq-crash-pglite-'));
    try {
      const [command, seeded] = await Promise.all([
        crashServerCommand({ name: 'pglite' }),
        (async () => {
          const p = await openPersistentPlatform({ dataDir });
          try {
            return await seedCrashLoad(p, { count: CYCLES + 4, borrowers: BORROWERS });
          } finally {
            await p.close();
          }
        })(),
      ]);
      const probe = await createDatabase({ dataDir });
      const settings = await durabilitySettings(probe.db).finally(() => probe.close());
      // Recorded, not required: these are PGlite's own choices (see above).
      expect(settings.synchronous_commit).toBe('on');
      await runCrashCycles(
        {
          name: 'pglite',
          cycles: CYCLES,
          env: serverEnv(dataDir),
          loadMs: [1000, 4000],
          openDatabase: () => createDatabase({ dataDir }),
          openPlatform: () => openPersistentPlatform({ dataDir }),
        },
        new CrashLoad(seeded),
        command,
        settings,
        figures,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 1_800_000);
});
