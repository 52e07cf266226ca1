import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWebIfNeeded } from '../../../src/cli/build-web-if-needed';
import { seedDemo } from '../../../src/cli/seed-demo';
import { loadConfig } from '../../../src/config';
import { startServer } from '../../../src/http/server';
import { openInfrastructure } from '../../../src/infra/open-infrastructure';

/**
 * Starts the real platform for the browser tests: the built web app, the API, an embedded database in
 * a fresh data directory, the demo accounts. Tests find it at E2E_BASE_URL.
 */
export default async function setup(): Promise<() => Promise<void>> {
  await buildWebIfNeeded();
  const dataDir = mkdtempSync(join(tmpdir(), 'mq-e2e-'));
  const config = loadConfig({
    env: { ...process.env, LOG_LEVEL: 'warn' },
    overrides: {
      mode: 'test',
      dataDir,
      host: '127.0.0.1',
      port: 0,
      databaseUrl: undefined,
      redisUrl: undefined,
      // The fake camera plays a fixed video, so the face check's challenge is fixed to match it.
      testFaceChallenge: 'turn_right',
    },
  });
  const infra = await openInfrastructure({ config });
  await seedDemo({ infra, config });
  const server = await startServer({ config, infra });
  process.env.E2E_BASE_URL = server.url;
  process.env.E2E_OFFICER_MOBILE = '13900000001';
  process.env.E2E_OFFICER_PASSWORD = 'officer-pass-2026';
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
