/**
 * What the benchmarks that drive a real server over HTTP share (bench/journey, bench/soak): the
 * scripted borrowers with their credit-bureau records, a browser-like client with TOTP step-up, the
 * server process (bench/journey-server.ts or another entry) on a free port, the demo staff, the
 * development SMS outbox reader, a borrower's identity proved through the API, a throw-away
 * PostgreSQL database, and the small statistics they print.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { idNumberCheckCharacter } from '../src/core/identity/id-number';
import { base32Decode, totpCode } from '../src/core/identity/totp';

// ---------------------------------------------------------------------------------------------
// The scripted borrowers' credit bureau records: real Taiwan rows with no late payment.
// ---------------------------------------------------------------------------------------------
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
];
export interface Person {
  name: string;
  idNumber: string;
  mobile: string;
}
export function people({ count, dataDir }: { count: number; dataDir: string }): {
  persons: Person[];
  bureauFile: string;
} {
  // The shared credit data: MIANQIAN_CREDIT_DIR, /work/shared/data/credit, or ../shared/data/credit.
  const creditDir = [
    process.env.MIANQIAN_CREDIT_DIR,
    '/work/shared/data/credit',
    fileURLToPath(new URL('../../shared/data/credit', import.meta.url)),
  ].find((d) => d !== undefined && existsSync(join(d, 'taiwan_default_train.csv')));
  if (!creditDir) throw new Error('the Taiwan credit data is not found: set MIANQIAN_CREDIT_DIR');
  const csv = readFileSync(join(creditDir, 'taiwan_default_train.csv'), 'utf8').trim().split('\n');
  const header = csv[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  const featureNames = [
    'LIMIT_BAL',
    'EDUCATION',
    'PAY_0',
    'PAY_2',
    'PAY_3',
    'PAY_4',
    'PAY_5',
    'PAY_6',
    ...[1, 2, 3, 4, 5, 6].map((i) => `BILL_AMT${i}`),
    ...[1, 2, 3, 4, 5, 6].map((i) => `PAY_AMT${i}`),
  ];
  const good = csv
    .slice(1)
    .map((line) => line.split(','))
    .filter((r) =>
      ['PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6'].every((c) => Number(r[col(c)]) <= 0),
    )
    .filter((r) => Number(r[col('LIMIT_BAL')]) >= 100_000);
  // The demo seed's people keep their records (fixtures/credit-bureau); the scripted borrowers are added.
  const fixture = JSON.parse(
    readFileSync(new URL('../fixtures/credit-bureau/records.json', import.meta.url), 'utf8'),
  ) as { records: Record<string, unknown> };
  const records: Record<string, unknown> = { ...fixture.records };
  const persons: Person[] = [];
  for (let i = 0; i < count; i++) {
    const row = good[i % good.length]!;
    const birth = new Date(Date.UTC(1975, 0, 1) + i * 86_400_000 * 7);
    const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `310104${ymd}${String(100 + (i % 900)).padStart(3, '0')}`;
    const idNumber = first17 + idNumberCheckCharacter(first17);
    const name = `${surnames[i % surnames.length]}${givenNames[Math.floor(i / surnames.length) % givenNames.length]}${givenNames[i % givenNames.length]}`;
    const mobile = `137${String(i).padStart(8, '0')}`;
    persons.push({ name, idNumber, mobile });
    records[idNumber] = {
      name,
      sourceRow: Number(row[col('ID')]),
      note: 'bench/journey scripted borrower',
      features: Object.fromEntries(featureNames.map((f) => [f, Number(row[col(f)])])),
    };
  }
  const bureauFile = join(dataDir, 'bureau.json');
  writeFileSync(bureauFile, JSON.stringify({ format: 'mianqian-bureau-1', records }));
  return { persons, bureauFile };
}

// ---------------------------------------------------------------------------------------------
// A browser-like HTTP client: the session cookie, the CSRF token, JSON.
// ---------------------------------------------------------------------------------------------
export interface Answer {
  status: number;
  body: any;
}
export class Client {
  cookie: string | undefined;
  csrf: string | undefined;
  accountId: string | undefined;
  totpSecret: Uint8Array | undefined;
  lastStep = 0;
  steppedUpAt = 0;
  constructor(private readonly base: string) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const isBytes = Buffer.isBuffer(body);
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined && !isBytes ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: isBytes ? (body as Buffer) : JSON.stringify(body) }),
    });
    const setCookie = res.headers.getSetCookie();
    for (const c of setCookie) {
      const pair = c.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await res.text();
    const parsed = res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text;
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed) this.csrf = parsed.csrfToken;
    if (parsed && typeof parsed === 'object' && parsed.account?.id) this.accountId = parsed.account.id;
    return { status: res.status, body: parsed };
  }

  /** Calls and insists on a 2xx answer. */
  async ok(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<any> {
    const a = await this.call(method, path, body, headers);
    if (a.status >= 300)
      throw new Error(`${method} ${path} → ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
    return a.body;
  }

  async enrolTotp(): Promise<void> {
    const enrolment = await this.ok('POST', '/api/security/totp/enrolment');
    this.totpSecret = base32Decode(enrolment.secret)!;
    const now = Date.now();
    await this.ok('POST', '/api/security/totp/confirm', {
      code: totpCode({ secret: this.totpSecret, at: new Date(now) }),
    });
    this.lastStep = Math.floor(now / 30_000);
    this.steppedUpAt = now;
  }

  #proving: Promise<void> | undefined;
  /** A fresh second factor when the last is older than 4 minutes (a TOTP code is good once: wait for the next step). */
  async freshStepUp(): Promise<void> {
    if (Date.now() - this.steppedUpAt < 4 * 60_000) return;
    this.#proving ??= (async () => {
      let step = Math.floor(Date.now() / 30_000);
      while (step <= this.lastStep) {
        await sleep(500);
        step = Math.floor(Date.now() / 30_000);
      }
      await this.ok('POST', '/api/security/step-up/totp', {
        code: totpCode({ secret: this.totpSecret!, at: new Date(step * 30_000 + 1_000) }),
      });
      this.lastStep = step;
      this.steppedUpAt = Date.now();
    })().finally(() => (this.#proving = undefined));
    await this.#proving;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const quantile = (xs: number[], q: number) =>
  xs.length === 0
    ? null
    : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** utime + stime of a process, in milliseconds (Linux /proc; clock ticks are 100 Hz here). */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The environment of a journey-style bench server (bench/journey, bench/soak): development mode on
 * 127.0.0.1:`port` with its own data directory, the bench's credit bureau file, the scripted interview
 * route, and no per-IP limits on registration and login (every scripted borrower comes from one
 * address). `databaseUrl` empty means the embedded database.
 */
export function benchServerEnv({
  dataDir,
  port,
  bureauFile,
  databaseUrl,
}: {
  dataDir: string;
  port: number;
  bureauFile: string;
  databaseUrl: string;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MIANQIAN_MODE: 'development',
    MIANQIAN_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'warn',
    CREDIT_BUREAU_FILE: bureauFile,
    MIANQIAN_BENCH_SCRIPTED_INTERVIEW: '1',
    REGISTRATIONS_PER_IP_PER_HOUR: '1000000',
    LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '1000000',
    DATABASE_URL: databaseUrl,
  };
}

/**
 * Starts a server process (`node --import tsx <entry>`) with `env` and waits for its `listening <url>`
 * line. `onLine` sees every later line of its standard output (bench/soak reads the memory reports).
 */
export async function startBenchServer({
  entry = 'bench/journey-server.ts',
  nodeArgs = [],
  env,
  port,
  onLine,
}: {
  entry?: string;
  /** Extra Node options before the entry (bench/soak passes --expose-gc). */
  nodeArgs?: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  onLine?: (line: string) => void;
}): Promise<{ server: ChildProcess; base: string }> {
  const server = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    let isListening = false;
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        if (!isListening && /listening (\S+)/.test(line)) {
          isListening = true;
          resolve(`http://127.0.0.1:${port}`);
        } else if (isListening) onLine?.(line);
      }
    });
    server.once('exit', (code) => {
      if (!isListening) reject(new Error(`the server exited (${code}) before listening`));
    });
  });
  return { server, base };
}

/** The demo seed's staff (seedDemo). */
export const demoStaff = {
  officer: { mobile: '13900000001', password: 'officer-pass-2026' },
  risk: { mobile: '13900000002', password: 'risk-pass-2026' },
  approver: { mobile: '13900000003', password: 'approver-pass-2026' },
  admin: { mobile: '13900000000', password: 'admin-pass-2026' },
};

/** A staff member logged in with TOTP enrolled (a fresh second factor for step-up). */
export async function staffClient(base: string, who: { mobile: string; password: string }): Promise<Client> {
  const c = new Client(base);
  await c.ok('POST', '/api/session', who);
  await c.enrolTotp();
  return c;
}

/**
 * Reads a phone code from the development SMS outbox as the admin: one reader at a time, retrying
 * until the message is there.
 */
export function phoneCodeReader(admin: Client): (mobile: string) => Promise<string> {
  let outboxQueue: Promise<unknown> = Promise.resolve();
  return (mobile) => {
    const masked = `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
    const read = outboxQueue.then(async () => {
      for (let i = 0; i < 50; i++) {
        const outbox = await admin.ok('GET', '/api/admin/sms-outbox');
        const m = (outbox.items as { mobileMasked: string; text: string }[]).find(
          (x) => x.mobileMasked === masked,
        );
        if (m) return /(\d{6})/.exec(m.text)![1]!;
        await sleep(100);
      }
      throw new Error(`no phone code for ${masked}`);
    });
    outboxQueue = read.catch(() => undefined);
    return read;
  };
}

/**
 * A scripted borrower registered and with their identity proved through the API: the development
 * identity authority's registry, the consents, a phone code from the SMS outbox, and the officer-video
 * route instead of a face. Their applications go on to identity_verified once screened.
 */
export async function verifiedBorrower({
  base,
  person,
  phoneCodeOf,
}: {
  base: string;
  person: Person;
  phoneCodeOf: (mobile: string) => Promise<string>;
}): Promise<Client> {
  const b = new Client(base);
  await b.ok('POST', '/api/accounts/register', {
    mobile: person.mobile,
    password: 'bench journey passphrase',
    displayName: person.name,
    role: 'borrower_individual',
  });
  await b.ok('POST', '/api/identity/dev/registry', { name: person.name, idNumber: person.idNumber });
  const texts = (await b.ok('GET', '/api/identity/consent-texts')).items as {
    kind: string;
    version: string;
  }[];
  const consent = (kind: string) =>
    b.ok('POST', '/api/identity/consents', {
      kind,
      textVersion: texts.find((t) => t.kind === kind)!.version,
      locale: 'zh-CN',
      method: 'click',
    });
  await consent('personal_information');
  await b.ok('POST', '/api/identity/verification', { name: person.name, idNumber: person.idNumber });
  await b.ok('POST', '/api/identity/verification/phone-code', { mobile: person.mobile });
  await b.ok('POST', '/api/identity/verification/phone-code/verify', {
    code: await phoneCodeOf(person.mobile),
  });
  await consent('credit_inquiry');
  await consent('recording');
  await b.ok('POST', '/api/identity/verification/officer-video');
  return b;
}

/**
 * A fresh PostgreSQL database on the server `adminUrl` names (`prefix_<pid>`), with `drop()` to remove
 * it (closing whatever still holds connections to it).
 */
export async function createBenchDatabase({
  adminUrl,
  prefix,
}: {
  adminUrl: string;
  prefix: string;
}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}`;
  const admin = new pg.Pool({ connectionString: adminUrl, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.href,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
