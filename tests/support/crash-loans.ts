import { join } from 'node:path';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildApp } from '../../src/http/build-app';
import { openInfrastructure } from '../../src/infra/open-infrastructure';
import { contractJourney } from './contract-journey';
import { seedDisbursableLoans } from './disbursable-loans';
import { TestClient, type TestPlatform } from './test-platform';

/**
 * An in-process platform on a database that outlives it: a file-backed PGlite in `dataDir` or the
 * PostgreSQL at `databaseUrl`. The crash suite seeds through it, closes it, and hands the same data
 * directory and database to child servers (PGlite belongs to one process at a time).
 */
export async function openPersistentPlatform({
  dataDir,
  databaseUrl,
}: {
  dataDir: string;
  databaseUrl?: string | undefined;
}): Promise<TestPlatform> {
  const config = loadConfig({
    env: {},
    overrides: {
      mode: 'test',
      dataDir,
      databaseUrl,
      databasePoolSize: 8,
      registrationsPerIpPerHour: 10_000,
      loginAttemptsPerIpPerMinute: 10_000,
      webDistDir: join(dataDir, 'no-web'),
    },
  });
  const infra = await openInfrastructure({ config });
  const app = await buildApp({ config, infra, logger: false });
  await app.ready();
  return {
    app,
    infra,
    config,
    target: databaseUrl ? 'postgres' : 'pglite',
    advanceClock: () => {
      throw new Error('the crash suite runs on the real clock');
    },
    close: async () => {
      await app.close();
      await infra.close();
    },
  };
}

/** A session a client holds: its cookie and CSRF token, valid against any server on the same database. */
export interface HeldSession {
  cookie: string;
  csrf: string;
  accountId: string;
}

const held = (c: TestClient): HeldSession => ({ cookie: c.cookie!, csrf: c.csrf!, accountId: c.accountId! });

/**
 * Seeds what the crash load needs, in process: the demo accounts, `count` loans of one borrower with a
 * signed contract and every condition precedent met (ready to disburse, as the disbursement crash test
 * prepares them), and `borrowers` fresh borrower accounts to file applications. Returns the sessions
 * (stored in the database, so they outlive this process), the approver's recovery codes (for a fresh
 * step-up when the five minutes run out) and the loan amount.
 */
export async function seedCrashLoad(
  p: TestPlatform,
  { count, borrowers }: { count: number; borrowers: number },
): Promise<{
  loans: string[];
  amount: string;
  approver: HeldSession;
  approverRecoveryCodes: string[];
  borrowerSessions: HeldSession[];
}> {
  const t0 = Date.now();
  const lap = (what: string) => {
    if (process.env.MIANQIAN_CRASH_TIMINGS) console.log(`seed ${what}: ${Date.now() - t0} ms`);
  };
  const journey = contractJourney(() => p);
  // The loans: the demo seed, one contract signed through the API and copies of it for the others,
  // every condition precedent met (tests/support/disbursable-loans.ts; signing 50 contracts through
  // the API would take minutes and is not what this suite proves).
  const { loans, amount, approver } = await seedDisbursableLoans({ platform: p, count, journey });
  lap('conditions');
  const borrowerSessions: HeldSession[] = [];
  for (let i = 0; i < borrowers; i++) {
    const c = new TestClient(p.app);
    expect((await c.register()).status).toBe(201);
    borrowerSessions.push(held(c));
  }
  return {
    loans,
    amount,
    approver: held(approver),
    approverRecoveryCodes: [...(journey.recovery.get(approver.accountId!) ?? [])],
    borrowerSessions,
  };
}
