/**
 * bench/intake — how many loan applications per second the platform takes in.
 *
 * Starts the real server (`mianqian start`) as a child process on the embedded database and on
 * PostgreSQL, registers 50 borrowers through the API, then drives authenticated
 * `POST /api/applications` with distinct, valid applications (autocannon, 50 connections). In the same
 * run it measures `GET /api/health` on the same server and a raw one-row insert transaction on the
 * same database engine, and prints intake as a fraction of each.
 *
 *   npm run bench:intake -- [--duration 20] [--connections 50] [--only embedded|postgres] [--submit]
 *
 * `--submit` files and screens each application at once (submit: true); the default measures drafts.
 * `--profile <dir>` writes the server's CPU profile there; `--workers <n>` runs n server processes on PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { idNumberCheckCharacter } from '../src/core/identity/id-number';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    submit: { type: 'boolean', default: false },
    /** Write the server's V8 CPU profile into this directory (open it in Chrome DevTools). */
    profile: { type: 'string' },
    /** Server processes for the PostgreSQL run (`mianqian start --workers`). */
    workers: { type: 'string', default: '1' },
    'pg-url': {
      type: 'string',
      default: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

async function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const child = spawn(
    process.execPath,
    [
      ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
      'bin/mianqian.mjs',
      'start',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    {
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        REGISTRATIONS_PER_IP_PER_HOUR: '100000',
        LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '100000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('mianqian is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function registerBorrowers(url: string, n: number) {
  const sessions: { cookie: string; csrf: string }[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${url}/api/accounts/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        mobile: `136${String(Date.now() % 100000).padStart(5, '0')}${String(i).padStart(3, '0')}`,
        password: 'bench passphrase 2026',
        displayName: `压测用户${i}`,
        role: 'borrower_individual',
      }),
    });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { csrfToken: string };
    sessions.push({ cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken });
  }
  return sessions;
}

let counter = 0;
function applicationBody(submit: boolean): string {
  counter++;
  const birth = `19${70 + (counter % 30)}0${1 + (counter % 9)}1${counter % 10}`;
  const first17 = `110105${birth}${String(counter % 1000).padStart(3, '0')}`;
  return JSON.stringify({
    kind: 'individual',
    submit,
    details: {
      loan: {
        productCode: 'personal-consumer',
        amount: `${10000 + (counter % 200000)}.00`,
        termMonths: 12 + (counter % 36),
        repaymentMethod: 'equal_installment',
        purpose: 'consumption',
      },
      applicant: {
        fullName: `申请人${counter}`,
        idNumber: first17 + idNumberCheckCharacter(first17),
        mobile: `139${String(counter % 100000000).padStart(8, '0')}`,
        employmentStatus: 'employed',
        monthlyIncome: `${15000 + (counter % 20000)}.00`,
        existingMonthlyRepayment: '800.00',
        existingDebtTotal: '12000.00',
      },
    },
  });
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function cannon(opts: autocannon.Options): Promise<Figures> {
  const r = await autocannon({ connections, duration, ...opts });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

async function rawInsertRate(insert: () => Promise<unknown>, parallel: number): Promise<number> {
  const end = Date.now() + Math.min(duration, 10) * 1000;
  let n = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (Date.now() < end) {
        await insert();
        n++;
      }
    }),
  );
  return n / ((Date.now() - started) / 1000);
}

async function runTarget(target: 'embedded' | 'postgres') {
  const dataDir = mkdtempSync(join(tmpdir(), 'mq-bench-'));
  let dbName: string | undefined;
  const env: Record<string, string> = { MIANQIAN_DATA_DIR: dataDir };
  if (target === 'postgres') {
    dbName = `mq_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: values['pg-url'] });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(values['pg-url']!);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
    env.DATABASE_POOL_SIZE = String(Math.ceil(20 / Number(values.workers)));
    env.WORKERS = values.workers!;
  }
  const { url, child } = await startServer(env);
  try {
    const sessions = await registerBorrowers(url, 50);
    let i = 0;
    const intake = await cannon({
      url: `${url}/api/applications`,
      method: 'POST',
      requests: [
        {
          setupRequest: (req) => {
            const s = sessions[i++ % sessions.length]!;
            return {
              ...req,
              headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
              body: applicationBody(values.submit!),
            };
          },
        },
      ],
    });
    const health = await cannon({ url: `${url}/api/health` });
    let raw: number;
    if (target === 'postgres') {
      const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 20 });
      await pool.query(
        'create table bench_raw (id bigserial primary key, payload text not null, at timestamptz not null default now())',
      );
      raw = await rawInsertRate(async () => {
        const c = await pool.connect();
        try {
          await c.query('begin');
          await c.query('insert into bench_raw (payload) values ($1)', ['x'.repeat(200)]);
          await c.query('commit');
        } finally {
          c.release();
        }
      }, connections);
      await pool.end();
    } else {
      // The server holds its embedded database; the raw rate is measured on a second one of the same engine.
      const lite = await PGlite.create(join(dataDir, 'raw-pgdata'));
      await lite.exec(
        'create table bench_raw (id bigserial primary key, payload text not null, at timestamptz not null default now())',
      );
      raw = await rawInsertRate(
        () =>
          lite.transaction(async (tx) =>
            tx.query('insert into bench_raw (payload) values ($1)', ['x'.repeat(200)]),
          ),
        1,
      );
      await lite.close();
    }
    return { target, intake, health, raw };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: values['pg-url'] });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }
}

const targets = (values.only ? [values.only] : ['embedded', 'postgres']) as ('embedded' | 'postgres')[];
console.log(
  `bench/intake: ${connections} connections, ${duration} s per measurement, ${values.submit ? 'submitted and screened' : 'drafts'}, ${values.workers} server process(es) on PostgreSQL; ${new Date().toISOString()}`,
);
for (const target of targets) {
  const r = await runTarget(target);
  const f = (x: number) => x.toFixed(0);
  console.log(`\n[${target}]`);
  console.log(
    `  POST /api/applications  ${f(r.intake.rps)} req/s  p50 ${r.intake.p50} ms  p99 ${r.intake.p99} ms  non-2xx ${r.intake.non2xx}  errors ${r.intake.errors}`,
  );
  console.log(
    `  GET  /api/health        ${f(r.health.rps)} req/s  p50 ${r.health.p50} ms  p99 ${r.health.p99} ms`,
  );
  console.log(`  raw one-row insert txn  ${f(r.raw)} /s`);
  console.log(
    `  intake / health ${(r.intake.rps / r.health.rps).toFixed(3)}   intake / raw insert ${(r.intake.rps / r.raw).toFixed(3)}`,
  );
  console.log(
    JSON.stringify({
      target,
      intakeRps: Math.round(r.intake.rps),
      intakeP50Ms: r.intake.p50,
      intakeP99Ms: r.intake.p99,
      non2xx: r.intake.non2xx,
      healthRps: Math.round(r.health.rps),
      rawInsertsPerSec: Math.round(r.raw),
    }),
  );
}
