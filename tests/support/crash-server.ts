import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { HeldSession } from './crash-loans';

/**
 * Real mianqian servers as child processes for the crash suites (tests/prove/crash-durability*) and the
 * disbursement crash test: tests/support/disbursement-server.ts (`openInfrastructure` + `buildApp`, as
 * `mianqian start` runs them), bundled once per suite so that a restart does not transpile the app
 * again (`name` keeps suites running at once in their own files).
 */
export async function crashServerCommand({ name }: { name: string }): Promise<string[]> {
  const entry = resolve('tests/support/disbursement-server.ts');
  try {
    const { build } = await import('esbuild');
    // Three levels below the repository, as src/infra/* modules sit, so that their paths relative to
    // import.meta.url (models/, fixtures/) still resolve from the bundle.
    const dir = resolve('node_modules/.cache/mq-crash-durability');
    mkdirSync(dir, { recursive: true });
    // One file per suite: the PostgreSQL and PGlite suites bundle at the same time in two workers.
    const outfile = join(dir, `server-${name}.mjs`);
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile,
      logLevel: 'warning',
    });
    return [outfile];
  } catch {
    return ['--import', 'tsx', entry];
  }
}

/** Every server spawned and not yet gone, so that a suite that times out still kills them all. */
const live = new Set<ChildProcess>();

/** SIGKILLs every server this process spawned that is still running (for afterAll). */
export async function killAllCrashServers(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((done) => {
          child.once('exit', () => done());
          if (child.exitCode !== null || child.signalCode !== null) done();
          else child.kill('SIGKILL');
        }),
    ),
  );
}

export interface CrashServer {
  readonly child: ChildProcess;
  readonly exited: Promise<NodeJS.Signals | number | null>;
  output(): string;
  /** Lets a standby server open the database and listen; resolves with its base URL. */
  go(): Promise<string>;
  isDead(): boolean;
  /** SIGKILL (no shutdown hook runs) and wait until the process is gone. */
  kill(): Promise<void>;
}

/**
 * Spawns a server on standby: its code loads now, the database opens on `go()`, so that the next
 * server warms up while the current one works (or while the test checks the database).
 */
export function spawnCrashServer({
  command,
  env,
}: {
  command: string[];
  env: Record<string, string>;
}): CrashServer {
  const child = spawn(process.execPath, [...command, '--standby'], {
    env: {
      ...process.env,
      MIANQIAN_MODE: 'test',
      LOG_LEVEL: 'fatal',
      DATABASE_URL: '',
      REDIS_URL: '',
      MIANQIAN_TEST_DISBURSEMENT_CRASH_AT: '',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((r) =>
    child.once('exit', (code, signal) => r(signal ?? code)),
  );
  const listening = new Promise<string>((resolveUrl, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /listening (\S+)/.exec(output);
      if (m) resolveUrl(m[1]!);
    });
    void exited.then((how) =>
      reject(new Error(`server exited (${String(how)}) before listening: ${output}`)),
    );
  });
  listening.catch(() => {});
  const isDead = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    exited,
    output: () => output,
    go: async () => {
      child.stdin!.write('go\n');
      return listening;
    },
    isDead,
    kill: async () => {
      if (!isDead()) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The connection failed or timed out: the client learnt nothing of the outcome (not a refusal). */
export class ConnectionLost extends Error {}

export interface HttpAnswer {
  status: number;
  body: any;
  text: string;
}

/**
 * One HTTP call as a browser makes it: the session cookie, the CSRF token on state changes, JSON in
 * and out; a rotated session (set-cookie) is kept. Rejects when the connection fails (the server died
 * under it): then the client knows nothing of the outcome.
 */
export async function httpCall(
  baseUrl: string,
  session: HeldSession | undefined,
  method: string,
  path: string,
  {
    body,
    headers = {},
    timeoutMs = 10_000,
  }: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(session ? { cookie: session.cookie } : {}),
        ...(session && method !== 'GET' ? { 'x-csrf-token': session.csrf } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (e) {
    throw new ConnectionLost(`${method} ${path}: ${String(e)}`);
  }
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(';')[0]!;
    if (session && !pair.endsWith('=')) session.cookie = pair;
  }
  let parsed: any = text;
  if ((res.headers.get('content-type') ?? '').startsWith('application/json')) parsed = JSON.parse(text);
  if (session && typeof parsed === 'object' && parsed !== null && typeof parsed.csrfToken === 'string')
    session.csrf = parsed.csrfToken;
  return { status: res.status, body: parsed, text };
}
