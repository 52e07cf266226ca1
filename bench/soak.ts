/**
 * bench/soak: a mixed workload held for minutes against a real server process on PostgreSQL, to see
 * whether anything wears out — errors that appear only after a while, latency that creeps up, memory
 * that keeps growing (issue "Prove it", item 10).
 *
 *   npm run bench:soak -- [--minutes 10] [--rate 100] [--borrowers 20] [--database-url postgres://…]
 *
 * The server is bench/soak-server.ts (bench/journey-server.ts reporting its own memory every 10 s) on a
 * fresh database created on 127.0.0.1:5432 and dropped afterwards (`--database-url` uses that one
 * instead and leaves it; it should be empty, since the scripted people register afresh). The scripted
 * clients are bench/journey's (bench/bench-support.ts): borrowers whose identity is proved through the
 * API, and the demo staff with TOTP step-up.
 *
 * Operations start at a fixed rate (open loop: a slow answer does not slow the arrivals; at most
 * `--max-in-flight` wait at once, later arrivals are counted as not sent), drawn from this mix:
 *
 *   apply 15 · borrower-read 20 · borrower-list 5 — borrowers file applications as bench/journey's do
 *       (the draft, two documents, the submission: four requests timed as one operation) and read
 *       their own;
 *   queue-list 10 · queue-read 15 · move-on 10 — the loan officer lists the work queue and opens
 *       applications; moving one on is its next step of bench/journey's: the scripted interview, the
 *       risk assessment, submission for approval, one approval decision (risk officer, approvers);
 *   ledger-checkpoint 10 · ledger-inclusion 10 · ledger-consistency 5 — the published checkpoint and
 *       proofs against it.
 *
 * The rate: no intake target is written down in the README, docs or bench/intake, which measures
 * capacity (800–2,300 draft applications/s on the 2-core machine, docs/decisions/0004 and 0006). The
 * soak defaults to 100 operations/s (15 applications/s, about 145 requests/s), a sustained load well
 * under that capacity; `--rate` sets another.
 *
 * Reported: errors (any non-2xx answer or failed request; target 0) by operation and code, p50/p99
 * latency per operation kind, the achieved rate, and the server's memory sampled every 10 s — RSS and
 * V8 heap from the server's own report, RSS from /proc/<pid>/status as well — with start, end, max and
 * the slope of a least-squares line over the second half of the run (target: flat). The last line is
 * one JSON object.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { samplePdf } from '../src/cli/seed-demo';
import {
  cpuMsOf,
  benchServerEnv,
  createBenchDatabase,
  demoStaff,
  freePort,
  people,
  phoneCodeReader,
  quantile,
  sleep,
  staffClient,
  startBenchServer,
  verifiedBorrower,
  type Client,
  type Person,
} from './bench-support';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '100' },
    borrowers: { type: 'string', default: '20' },
    'max-in-flight': { type: 'string', default: '200' },
    'database-url': { type: 'string' },
    'sample-seconds': { type: 'string', default: '10' },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const borrowerCount = Number(values.borrowers);
const maxInFlight = Number(values['max-in-flight']);
const sampleSeconds = Number(values['sample-seconds']);
if (!(minutes > 0)) throw new Error('--minutes must be > 0');
if (!(rate > 0)) throw new Error('--rate must be > 0');
if (!Number.isInteger(borrowerCount) || borrowerCount < 1) throw new Error('--borrowers must be ≥ 1');

const log = (line: string) => process.stderr.write(`${line}\n`);
const dataDir = mkdtempSync(join(tmpdir(), 'mq-bench-soak-'));
const database = values['database-url']
  ? undefined
  : await createBenchDatabase({
      adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      prefix: 'mq_bench_soak',
    });
const databaseUrl = values['database-url'] ?? database!.url;

// ---------------------------------------------------------------------------------------------
// Memory: the server's own reports, and its RSS from /proc at the same moment.
// ---------------------------------------------------------------------------------------------
interface MemorySample {
  atSeconds: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  procRssMb: number | null;
}
const samples: MemorySample[] = [];
let measuringSince: number | undefined;
/** The server's process id, once started (for /proc). */
const serverProcess: { pid?: number | undefined } = {};
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
/** VmRSS of a process in MB (Linux /proc), or null when it cannot be read. */
function procRssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Math.round((Number(kb[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}
function onServerLine(line: string) {
  const m = /^memory (\{.*\})$/.exec(line);
  if (!m || measuringSince === undefined) return;
  const r = JSON.parse(m[1]!) as { rss: number; heapUsed: number; heapTotal: number };
  samples.push({
    atSeconds: Math.round((performance.now() - measuringSince) / 100) / 10,
    rssMb: mb(r.rss),
    heapUsedMb: mb(r.heapUsed),
    heapTotalMb: mb(r.heapTotal),
    procRssMb: serverProcess.pid === undefined ? null : procRssMb(serverProcess.pid),
  });
}

// ---------------------------------------------------------------------------------------------
// The server and the scripted people.
// ---------------------------------------------------------------------------------------------
const { persons, bureauFile } = people({ count: borrowerCount, dataDir });
const port = await freePort();
const env = {
  ...benchServerEnv({ dataDir, port, bureauFile, databaseUrl }),
  SOAK_MEMORY_REPORT_MS: String(sampleSeconds * 1000),
};
log(
  `bench/soak: ${minutes} min at ${rate} operations/s, ${borrowerCount} borrowers; ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}; PostgreSQL ${new URL(databaseUrl).pathname.slice(1)}; load ${loadavg()[0]!.toFixed(2)}`,
);
const { server, base } = await startBenchServer({
  entry: 'bench/soak-server.ts',
  // The server collects garbage before each memory report, so heapUsed is the live heap, not the
  // sawtooth of garbage awaiting collection: a leak shows as a rising line.
  nodeArgs: ['--expose-gc'],
  env,
  port,
  onLine: onServerLine,
});
serverProcess.pid = server.pid;
let isCleanedUp = false;
async function cleanUp() {
  if (isCleanedUp) return;
  isCleanedUp = true;
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  await database?.drop().catch((e: unknown) => log(`could not drop the database: ${String(e)}`));
  rmSync(dataDir, { recursive: true, force: true });
}
process.once('SIGINT', () => {
  log('interrupted: stopping the server and dropping the database');
  void cleanUp().then(() => process.exit(130));
});

try {
  log(`server ready at ${base} (pid ${server.pid})`);
  const staff = (who: { mobile: string; password: string }) => staffClient(base, who);
  const officer = await staff(demoStaff.officer);
  const riskOfficer = await staff(demoStaff.risk);
  const approver = await staff(demoStaff.approver);
  const admin = await staff(demoStaff.admin);
  const secondApprover = { mobile: '13900000094', password: 'second-approver-pass-2026' };
  await admin.ok('POST', '/api/admin/accounts', {
    ...secondApprover,
    displayName: '第二审批人（浸泡测试）',
    role: 'approver',
  });
  const approver2 = await staff(secondApprover);
  const phoneCodeOf = phoneCodeReader(admin);
  const pdf = samplePdf('soak evidence');
  const borrowers: { client: Client; person: Person; applications: string[] }[] = [];
  for (let i = 0; i < persons.length; i += 4)
    borrowers.push(
      ...(await Promise.all(
        persons.slice(i, i + 4).map(async (person) => ({
          client: await verifiedBorrower({ base, person, phoneCodeOf }),
          person,
          applications: [] as string[],
        })),
      )),
    );
  log(`${borrowers.length} borrowers verified; soaking for ${minutes} min`);

  // -------------------------------------------------------------------------------------------
  // The operations.
  // -------------------------------------------------------------------------------------------
  type Kind =
    | 'apply'
    | 'borrower-read'
    | 'borrower-list'
    | 'queue-list'
    | 'queue-read'
    | 'move-on'
    | 'ledger-checkpoint'
    | 'ledger-inclusion'
    | 'ledger-consistency';
  const mix: [Kind, number][] = [
    ['apply', 15],
    ['borrower-read', 20],
    ['borrower-list', 5],
    ['queue-list', 10],
    ['queue-read', 15],
    ['move-on', 10],
    ['ledger-checkpoint', 10],
    ['ledger-inclusion', 10],
    ['ledger-consistency', 5],
  ];
  const totalWeight = mix.reduce((s, [, w]) => s + w, 0);
  const pick = <T>(xs: readonly T[]): T | undefined =>
    xs.length === 0 ? undefined : xs[Math.floor(Math.random() * xs.length)];

  /** Applications the officer can move on, with their next step; one step at a time per application. */
  interface Movable {
    id: string;
    next: 'interview' | 'risk' | 'approval' | 'decision';
    approvalCase?: any;
    isBusy: boolean;
  }
  const movable: Movable[] = [];
  const known: string[] = [];
  let applied = 0;
  let checkpointSize = 0;
  let statusesAfterApply: Record<string, number> = {};
  let approved = 0;

  class OperationError extends Error {}
  const expectOk = (what: string, a: { status: number; body: any }) => {
    if (a.status >= 300)
      throw new OperationError(
        `${what} → ${a.status} ${typeof a.body === 'object' ? (a.body?.error?.code ?? '') : ''}`,
      );
    return a.body;
  };

  /**
   * A borrower applies as bench/journey's do: the draft, its two required documents, then the
   * submission (screened at once; a verified borrower's application goes on to identity_verified).
   */
  async function apply(): Promise<void> {
    const b = pick(borrowers)!;
    applied++;
    const created = expectOk(
      'POST /api/applications',
      await b.client.call('POST', '/api/applications', {
        kind: 'individual',
        details: {
          loan: {
            productCode: 'personal-consumer',
            amount: `${20_000 + (applied % 7) * 5_000}.00`,
            termMonths: 12,
            repaymentMethod: 'equal_installment',
            purpose: 'home_renovation',
          },
          applicant: {
            fullName: b.person.name,
            idNumber: b.person.idNumber,
            mobile: b.person.mobile,
            employmentStatus: 'employed',
            monthlyIncome: '25000.00',
            existingMonthlyRepayment: '0.00',
            existingDebtTotal: '0.00',
          },
        },
      }),
    );
    const id = created.id as string;
    b.applications.push(id);
    known.push(id);
    for (const kind of ['id_card_copy', 'income_proof'])
      expectOk(
        'POST document',
        await b.client.call(
          'POST',
          `/api/applications/${id}/documents?kind=${kind}&filename=${kind}.pdf`,
          pdf,
          {
            'content-type': 'application/pdf',
          },
        ),
      );
    const current = expectOk('GET own application', await b.client.call('GET', `/api/applications/${id}`));
    const submitted = expectOk(
      'POST submit',
      await b.client.call('POST', `/api/applications/${id}/submit`, { version: current.version }),
    );
    const status = submitted.status as string;
    statusesAfterApply = { ...statusesAfterApply, [status]: (statusesAfterApply[status] ?? 0) + 1 };
    if (status === 'identity_verified') movable.push({ id, next: 'interview', isBusy: false });
  }

  /** One step of an application's way to approval (the officer's, or one approver's decision). */
  async function moveOn(m: Movable): Promise<void> {
    if (m.next === 'interview') {
      expectOk(
        'scripted interview',
        await officer.call('POST', `/api/bench/applications/${m.id}/scripted-interview`),
      );
      m.next = 'risk';
    } else if (m.next === 'risk') {
      expectOk(
        'risk assessment',
        await officer.call('POST', `/api/staff/applications/${m.id}/risk-assessment`),
      );
      m.next = 'approval';
    } else if (m.next === 'approval') {
      m.approvalCase = expectOk(
        'submit for approval',
        await officer.call('POST', `/api/staff/applications/${m.id}/approval`, {}),
      );
      m.next = 'decision';
    } else {
      const c = m.approvalCase;
      const decider = deciderOf(c);
      m.approvalCase = expectOk(
        'approval decision',
        await decider.call('POST', `/api/staff/applications/${m.id}/approval/decisions`, {
          outcome: 'approve',
          reasonCode: 'within_policy',
          text: '符合授信政策（浸泡测试脚本）',
          expectedStepIndex: c.next.stepIndex,
        }),
      );
    }
    if (m.next === 'decision' && !(m.approvalCase.status === 'pending' && m.approvalCase.next)) {
      if (m.approvalCase.status === 'approved') approved++;
      movable.splice(movable.indexOf(m), 1);
    }
  }

  /** Who takes an approval case's next decision: the risk officer, or an approver who has not yet. */
  function deciderOf(c: Movable['approvalCase']) {
    const decided = new Set((c.decisions as { byAccountId: string }[]).map((d) => d.byAccountId));
    return c.next.kind === 'risk_review'
      ? riskOfficer
      : [approver, approver2].find((a) => !decided.has(a.accountId!))!;
  }

  /** The decider of an application's next decision, if any, must have a fresh second factor. */
  async function stepUpFor(m: Movable): Promise<void> {
    if (m.next !== 'decision') return;
    await deciderOf(m.approvalCase).freshStepUp();
  }

  async function refreshCheckpoint(): Promise<void> {
    const res = await fetch(`${base}/ledger/checkpoint`);
    const text = await res.text();
    if (res.status !== 200) throw new OperationError(`GET /ledger/checkpoint → ${res.status}`);
    checkpointSize = Number(text.split('\n')[1]);
  }

  /**
   * Runs one operation of `kind`; returns the kind actually run (move-on falls back to queue-read when
   * nothing is movable) and what must happen before its clock starts (a step-up is not the request's
   * latency).
   */
  function prepare(kind: Kind): { kind: Kind; before?: () => Promise<void>; run: () => Promise<unknown> } {
    switch (kind) {
      case 'apply':
        return { kind, run: apply };
      case 'borrower-read': {
        const b = pick(borrowers.filter((x) => x.applications.length > 0));
        if (!b) return prepare('apply');
        const id = pick(b.applications)!;
        return {
          kind,
          run: async () =>
            expectOk('GET own application', await b.client.call('GET', `/api/applications/${id}`)),
        };
      }
      case 'borrower-list': {
        const b = pick(borrowers)!;
        return {
          kind,
          run: async () => expectOk('GET own applications', await b.client.call('GET', '/api/applications')),
        };
      }
      case 'queue-list':
        return {
          kind,
          run: async () => expectOk('GET work queue', await officer.call('GET', '/api/staff/applications')),
        };
      case 'queue-read': {
        const id = pick(known);
        if (!id) return prepare('queue-list');
        return {
          kind,
          run: async () =>
            expectOk('GET staff application', await officer.call('GET', `/api/staff/applications/${id}`)),
        };
      }
      case 'move-on': {
        const m = movable.find((x) => !x.isBusy);
        if (!m) return prepare('queue-read');
        m.isBusy = true;
        return {
          kind,
          before: () => stepUpFor(m),
          run: () => moveOn(m).finally(() => (m.isBusy = false)),
        };
      }
      case 'ledger-checkpoint':
        return { kind, run: refreshCheckpoint };
      case 'ledger-inclusion': {
        if (checkpointSize < 1) return prepare('ledger-checkpoint');
        const size = checkpointSize;
        const index = Math.floor(Math.random() * size);
        return {
          kind,
          run: async () =>
            expectOk(
              'inclusion proof',
              await officer.call('GET', `/api/ledger/proofs/inclusion?index=${index}&size=${size}`),
            ),
        };
      }
      case 'ledger-consistency': {
        if (checkpointSize < 2) return prepare('ledger-checkpoint');
        const to = checkpointSize;
        const from = 1 + Math.floor(Math.random() * (to - 1));
        return {
          kind,
          run: async () =>
            expectOk(
              'consistency proof',
              await officer.call('GET', `/api/ledger/proofs/consistency?from=${from}&to=${to}`),
            ),
        };
      }
    }
  }

  const latencies = new Map<Kind, number[]>(mix.map(([k]) => [k, []]));
  const errors = new Map<string, number>();
  const errorSamples: string[] = [];
  let sent = 0;
  let completed = 0;
  let notSent = 0;
  let inFlight = 0;
  let maxInFlightSeen = 0;

  async function runOne(kind: Kind): Promise<void> {
    const op = prepare(kind);
    try {
      await op.before?.();
    } catch {
      // A step-up that failed shows as the decision's error below.
    }
    const t0 = performance.now();
    try {
      await op.run();
      latencies.get(op.kind)!.push(performance.now() - t0);
    } catch (e) {
      const what = e instanceof OperationError ? e.message : `${op.kind}: ${(e as Error).message}`;
      const key = `${op.kind}: ${what.replace(/[0-9a-f-]{36}/g, ':id')}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
      if (errorSamples.length < 10) errorSamples.push(`${op.kind}: ${what}`);
    }
    completed++;
  }

  const cpuBefore = cpuMsOf(server.pid!);
  measuringSince = performance.now();
  const durationMs = minutes * 60_000;
  const intervalMs = 1000 / rate;
  const running = new Set<Promise<void>>();
  let nextProgress = 60_000;
  await refreshCheckpoint();
  for (let i = 0; ; i++) {
    const due = i * intervalMs;
    if (due >= durationMs) break;
    const wait = due - (performance.now() - measuringSince);
    if (wait > 1) await sleep(wait);
    const elapsed = performance.now() - measuringSince;
    if (elapsed >= nextProgress) {
      log(
        `${Math.round(elapsed / 60_000)} min: ${completed} done, ${[...errors.values()].reduce((s, n) => s + n, 0)} errors, ${inFlight} in flight, ${applied} applications, ${approved} approved`,
      );
      nextProgress += 60_000;
    }
    if (inFlight >= maxInFlight) {
      notSent++;
      continue;
    }
    let r = Math.random() * totalWeight;
    const kind = mix.find(([, w]) => (r -= w) < 0)?.[0] ?? 'queue-list';
    sent++;
    inFlight++;
    maxInFlightSeen = Math.max(maxInFlightSeen, inFlight);
    const p = runOne(kind).finally(() => {
      inFlight--;
      running.delete(p);
    });
    running.add(p);
  }
  await Promise.all(running);
  const wallMs = performance.now() - measuringSince;
  const serverCpuMs = cpuMsOf(server.pid!) - cpuBefore;
  // One last memory sample at the end of the load.
  await sleep(Math.min(sampleSeconds * 1000, 11_000));
  measuringSince = undefined;

  // -------------------------------------------------------------------------------------------
  // Figures.
  // -------------------------------------------------------------------------------------------
  const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  /** Least-squares slope of y over x (per unit of x). */
  function slope(points: [number, number][]): number | null {
    if (points.length < 2) return null;
    const n = points.length;
    const mx = points.reduce((s, [x]) => s + x, 0) / n;
    const my = points.reduce((s, [, y]) => s + y, 0) / n;
    const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
    if (sxx === 0) return null;
    return points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
  }
  function memoryFigures(of: (s: MemorySample) => number | null) {
    const points = samples
      .map((s) => [s.atSeconds, of(s)] as const)
      .filter((p): p is [number, number] => p[1] !== null);
    if (points.length === 0) return null;
    const half = points.filter(([t]) => t >= points[points.length - 1]![0] / 2);
    const perSecond = slope(half);
    const values = points.map(([, y]) => y);
    const meanOfHalf = half.reduce((s, [, y]) => s + y, 0) / Math.max(1, half.length);
    const growthOverHalf =
      perSecond === null || half.length < 2 ? null : perSecond * (half[half.length - 1]![0] - half[0]![0]);
    return {
      startMb: values[0]!,
      endMb: values[values.length - 1]!,
      maxMb: Math.max(...values),
      secondHalfSlopeMbPerMin: perSecond === null ? null : Math.round(perSecond * 60 * 100) / 100,
      secondHalfGrowthMb: round1(growthOverHalf),
      // Flat: the fitted growth over the second half is under 5 % of its mean.
      isFlat: growthOverHalf === null ? null : growthOverHalf < 0.05 * meanOfHalf,
    };
  }

  const operations = Object.fromEntries(
    mix.map(([k]) => {
      const xs = latencies.get(k)!;
      const failed = [...errors].filter(([key]) => key.startsWith(`${k}:`)).reduce((s, [, n]) => s + n, 0);
      return [
        k,
        {
          ok: xs.length,
          errors: failed,
          p50Ms: round1(quantile(xs, 0.5)),
          p99Ms: round1(quantile(xs, 0.99)),
        },
      ];
    }),
  );
  const errorCount = [...errors.values()].reduce((s, n) => s + n, 0);
  const result = {
    minutes,
    targetRatePerSecond: rate,
    achievedRatePerSecond: Math.round((completed / (wallMs / 1000)) * 10) / 10,
    operations: completed,
    started: sent,
    notSent,
    maxInFlight: maxInFlightSeen,
    errors: errorCount,
    errorsByKind: Object.fromEntries(errors),
    latency: operations,
    applications: { filed: applied, byStatusAfterFiling: statusesAfterApply, approved },
    memory: {
      sampleSeconds,
      samples: samples.length,
      rss: memoryFigures((s) => s.rssMb),
      heapUsed: memoryFigures((s) => s.heapUsedMb),
      procRss: memoryFigures((s) => s.procRssMb),
      series: samples,
    },
    serverCpuSeconds: Math.round(serverCpuMs / 100) / 10,
    wallSeconds: Math.round(wallMs / 100) / 10,
    borrowers: borrowers.length,
    cpus: cpus().length,
    database: 'postgresql',
  };

  const lines = [
    '',
    `bench/soak: ${minutes} min, ${completed} operations at ${result.achievedRatePerSecond}/s (target ${rate}/s; ${notSent} not sent, at most ${maxInFlightSeen} in flight)`,
    `  errors ${errorCount} (target 0)${errorCount ? `: ${[...errors].map(([k, n]) => `${k} ×${n}`).join('; ')}` : ''}`,
    ...errorSamples.map((e) => `    e.g. ${e}`),
    '  operation            ok      p50 ms   p99 ms',
    ...mix.map(([k]) => {
      const o = operations[k]!;
      return `  ${k.padEnd(20)} ${String(o.ok).padStart(6)}  ${String(o.p50Ms ?? '-').padStart(7)}  ${String(o.p99Ms ?? '-').padStart(7)}${o.errors ? `   errors ${o.errors}` : ''}`;
    }),
    `  applications filed ${applied} (${Object.entries(statusesAfterApply)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}), approved ${approved}`,
    ...(['rss', 'heapUsed', 'procRss'] as const).map((k) => {
      const m = result.memory[k];
      return m
        ? `  ${k.padEnd(9)} start ${m.startMb} MB, end ${m.endMb} MB, max ${m.maxMb} MB, second-half slope ${m.secondHalfSlopeMbPerMin} MB/min (${m.isFlat === null ? 'too few samples' : m.isFlat ? 'flat' : 'GROWING'})`
        : `  ${k}: no samples`;
    }),
    `  server CPU ${result.serverCpuSeconds} s over ${result.wallSeconds} s`,
  ];
  log(lines.join('\n'));
  console.log(JSON.stringify(result));
} finally {
  await cleanUp();
}
process.exit(0);
