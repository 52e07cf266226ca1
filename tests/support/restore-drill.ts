import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config';
import { buildApp } from '../../src/http/build-app';
import { openInfrastructure } from '../../src/infra/open-infrastructure';
import type { DbTarget, TestPlatform } from './test-platform';

/** A place to run a platform on: a fresh data directory and, for PostgreSQL, a fresh database. */
export interface DrillSite {
  config: Config;
  /** Removes the data directory and drops the database. */
  remove(): Promise<void>;
}

/**
 * A site as a deployment has one (unlike createTestPlatform's in-memory PGlite): PGlite in
 * `dataDir/pgdata` on disk, or a database of its own on the TEST_DATABASE_URL server, so a backup
 * can copy or dump it and a restore can fill an empty one.
 */
export async function createDrillSite(target: DbTarget): Promise<DrillSite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mq-drill-'));
  let databaseUrl: string | undefined;
  let name: string | undefined;
  if (target === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    name = `mq_drill_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const config = loadConfig({
    env: {},
    overrides: {
      mode: 'test',
      dataDir,
      databaseUrl,
      databasePoolSize: 4,
      registrationsPerIpPerHour: 10_000,
      loginAttemptsPerIpPerMinute: 10_000,
      webDistDir: join(dataDir, 'no-web'),
    },
  });
  return {
    config,
    remove: async () => {
      if (name) {
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
        await admin.connect();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the platform (in-process, `app.inject()`) on a site; `close` stops it and leaves the site. */
export async function startOn(site: DrillSite, target: DbTarget): Promise<TestPlatform> {
  const infra = await openInfrastructure({ config: site.config });
  const app = await buildApp({ config: site.config, infra, logger: false });
  await app.ready();
  return {
    app,
    infra,
    config: site.config,
    target,
    advanceClock: () => {
      throw new Error('the drill runs on the real clock');
    },
    close: async () => {
      await app.close();
      await infra.close();
    },
  };
}
