import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { loadConfig, type Config, type ConfigOverrides } from '../../src/config';
import { buildApp } from '../../src/http/build-app';
import { openInfrastructure, type Infrastructure } from '../../src/infra/open-infrastructure';

export type DbTarget = 'pglite' | 'postgres';

/**
 * The databases integration tests run against: embedded PGlite always, and the PostgreSQL server
 * named by TEST_DATABASE_URL (set by `npm test` when one answers). Each test platform gets a
 * database of its own, dropped afterwards.
 */
export function dbTargets(): DbTarget[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `mq_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestPlatform {
  app: FastifyInstance;
  infra: Infrastructure;
  config: Config;
  target: DbTarget;
  /** Moves the clock the app sees. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

export async function createTestPlatform({
  target,
  overrides = {},
  logger = false,
  isDatabaseOnDisk = false,
}: {
  target: DbTarget;
  overrides?: ConfigOverrides;
  /** Pino options for the app (a test that reads the logs passes a stream); none by default. */
  logger?: FastifyServerOptions['logger'];
  /** PGlite: keep the database files in the data directory instead of memory (to read them raw). */
  isDatabaseOnDisk?: boolean;
}): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mq-test-'));
  const pgdb = target === 'postgres' ? await createPostgresDatabase() : undefined;
  const config = loadConfig({
    env: {},
    overrides: {
      mode: 'test',
      dataDir,
      databaseUrl: pgdb?.url,
      databasePoolSize: 8,
      registrationsPerIpPerHour: 10_000,
      loginAttemptsPerIpPerMinute: 10_000,
      webDistDir: join(dataDir, 'no-web'),
      ...overrides,
    },
  });
  const infra = await openInfrastructure({
    config,
    isDatabaseInMemory: target === 'pglite' && !isDatabaseOnDisk,
  });
  let offset = 0;
  const app = await buildApp({ config, infra, logger, clock: () => new Date(Date.now() + offset) });
  await app.ready();
  return {
    app,
    infra,
    config,
    target,
    advanceClock: (ms) => {
      offset += ms;
    },
    close: async () => {
      await app.close();
      await infra.close();
      await pgdb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

let mobileCounter = 0;
/** A fresh, valid mobile number for each call. */
export function uniqueMobile(): string {
  mobileCounter++;
  return `13${String(process.pid % 1000).padStart(3, '0')}${String(mobileCounter).padStart(6, '0')}`;
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on state changes. */
export class TestClient {
  cookie: string | undefined;
  csrf: string | undefined;
  accountId: string | undefined;
  constructor(private readonly app: FastifyInstance) {}

  async call<T = any>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const isJson = body !== undefined && !Buffer.isBuffer(body) && typeof body !== 'string';
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(isJson ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: isJson ? JSON.stringify(body) : (body as string | Buffer) }),
    });
    const setCookie = res.headers['set-cookie'];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const pair = c.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    let parsed: unknown = res.body;
    if (String(res.headers['content-type'] ?? '').startsWith('application/json')) parsed = res.json();
    return { status: res.statusCode, body: parsed as T, headers: res.headers, raw: res };
  }

  private remember(a: Answer) {
    if (a.status < 300) {
      this.csrf = a.body.csrfToken;
      this.accountId = a.body.account.id;
    }
    return a;
  }

  async register(input: Record<string, unknown> = {}): Promise<Answer> {
    const mobile = (input.mobile as string | undefined) ?? uniqueMobile();
    return this.remember(
      await this.call('POST', '/api/accounts/register', {
        mobile,
        password: 'a long enough passphrase',
        displayName: '测试用户',
        role: 'borrower_individual',
        ...input,
      }),
    );
  }

  async login(mobile: string, password: string): Promise<Answer> {
    return this.remember(await this.call('POST', '/api/session', { mobile, password }));
  }

  /** Gives a consent of `kind` to the current text version, by click, in zh-CN. */
  async consent(kind: string): Promise<Answer> {
    const texts = (await this.call('GET', '/api/identity/consent-texts')).body.items as {
      kind: string;
      version: string;
    }[];
    return this.call('POST', '/api/identity/consents', {
      kind,
      textVersion: texts.find((t) => t.kind === kind)?.version,
      locale: 'zh-CN',
      method: 'click',
    });
  }
}
