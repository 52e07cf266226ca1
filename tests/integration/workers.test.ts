import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `mianqian start --workers 2` on PostgreSQL: two server processes share the port and the sessions,
 * a worker that dies is replaced, and SIGTERM stops them all. (Needs PostgreSQL, which `npm test`
 * always provides: the embedded database belongs to one process.)
 */
const adminUrl = process.env.TEST_DATABASE_URL;

describe.runIf(adminUrl)('several server processes on one machine', () => {
  const dbName = `mq_workers_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'mq-workers-'));
  let child: ChildProcess;
  let output = '';
  let url = '';

  /** One request on a connection of its own (no keep-alive: the process behind it may be killed). */
  const call = (
    path: string,
    {
      method = 'GET',
      headers = {},
      body,
    }: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) =>
    new Promise<{ status: number; cookie: string | undefined }>((resolve, reject) => {
      const req = httpRequest(`${url}${path}`, { method, headers, agent: false, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode!, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }),
        );
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(body);
    });

  const childrenOf = (pid: number) =>
    spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .stdout.split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const dbUrl = new URL(adminUrl!);
    dbUrl.pathname = `/${dbName}`;
    child = spawn(
      process.execPath,
      ['bin/mianqian.mjs', 'start', '--port', '0', '--host', '127.0.0.1', '--workers', '2'],
      {
        env: {
          ...process.env,
          DATABASE_URL: dbUrl.toString(),
          MIANQIAN_DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          COOKIE_SECURE: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        const m = /mianqian is running at (\S+)/.exec(output);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
  }, 180_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });

  it('serves from two processes that share sessions, replaces a dead one, and stops on SIGTERM', async () => {
    expect(output).toContain('2 worker processes');
    let workers = childrenOf(child.pid!);
    expect(workers).toHaveLength(2);

    // A session opened through one connection is honoured on every later one, whichever process answers.
    const login = await call('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mobile: '13800000001', password: 'borrower-pass-2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.cookie!;
    const me = await Promise.all(
      Array.from({ length: 20 }, () => call('/api/session', { headers: { cookie } }).then((r) => r.status)),
    );
    expect(me).toEqual(Array(20).fill(200));

    // Kill one worker outright: the other keeps serving and a replacement starts.
    process.kill(workers[0]!, 'SIGKILL');
    // Connections the primary handed to the worker in the moment it died are lost (as behind any
    // load balancer); once the primary has seen the exit, new connections go to the living worker.
    for (let i = 0; i < 100 && !/worker \d+ exited/.test(output); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await call('/api/health')).status).toBe(200);
    for (let i = 0; i < 100 && childrenOf(child.pid!).filter((p) => p !== workers[0]).length < 2; i++)
      await new Promise((r) => setTimeout(r, 200));
    expect(output).toMatch(/worker \d+ exited \(SIGKILL\); starting another/);
    workers = childrenOf(child.pid!);
    expect(workers).toHaveLength(2);

    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(workers.filter((p) => spawnSync('kill', ['-0', String(p)]).status === 0)).toEqual([]);
  }, 120_000);
});
