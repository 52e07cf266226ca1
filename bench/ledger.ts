/**
 * bench/ledger — the evidence ledger's three figures from the issue:
 *
 * 1. durable appends per second, with many concurrent writers, on the embedded database (PGlite in a
 *    file-backed data directory) and on PostgreSQL — each writer appends one entry at a time in a loop;
 *    afterwards the indices must be exactly 0..n-1, no gaps, no duplicates;
 * 2. inclusion-proof generation at 10^6 entries (PostgreSQL by default): the log is filled in batches of
 *    10,000, integrated (timed), then `proveInclusion` runs for random indices — a first pass on a fresh
 *    store (tile cache cold) and a second pass over the same indices (warm); every proof is verified;
 * 3. proofs verified per second at 10^6 entries, in one thread and in two worker threads.
 *
 *   npm run bench:ledger -- [--writers 256] [--seconds 10] [--only appends|proofs|verify]
 *     [--engines pglite,postgres] [--proof-entries 1000000] [--proofs 2000] [--pglite-proofs]
 *     [--verify-seconds 5] [--pg-url postgres://postgres@127.0.0.1:5432/test]
 *
 * Leaves are real evidence leaves (canonical JSON, ~350 bytes): 4,096 templates with random
 * commitments, each append made unique by writing a counter into its `attests.record` hash.
 *
 * Exits non-zero only on a correctness failure (a gap or duplicate index, a proof that does not
 * verify); a missed target is reported as "not met".
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import pg from 'pg';
import { encodeEvidenceLeaf, evidenceTypes } from '../src/core/ledger/evidence/evidence-leaf';
import { hashLeaf } from '../src/core/ledger/merkle/hash-leaf';
import { inclusionProofPlan } from '../src/core/ledger/merkle/inclusion-proof-plan';
import { integrateLeaves } from '../src/core/ledger/merkle/integrate-leaves';
import { rootPlan } from '../src/core/ledger/merkle/root-plan';
import { verifyInclusion } from '../src/core/ledger/merkle/verify-inclusion';
import { ed25519Signer } from '../src/core/ledger/note/ed25519-signer';
import { integrateLedger } from '../src/features/ledger/integrate-ledger';
import type { PreparedEntry } from '../src/features/ledger/ledger-store.port';
import { proofFromTiles } from '../src/features/ledger/proof-from-tiles';
import { proveInclusion } from '../src/features/ledger/prove-inclusion';
import { createDatabase, type DatabaseHandle } from '../src/infra/db/create-database';
import { migrateToLatest } from '../src/infra/db/migrate';
import { createDbLedgerStore } from '../src/infra/ledger/db-ledger-store';

type Engine = 'pglite' | 'postgres';

/** A proof as verified: what `verifyInclusion` takes (Buffers become Uint8Arrays across threads). */
interface ProofCase {
  index: number;
  size: number;
  leafHash: Uint8Array;
  proof: Uint8Array[];
  root: Uint8Array;
}

const TARGET_APPENDS_PER_SEC = 20_000;
const TARGET_PROOF_P99_MS = 2;
const TARGET_VERIFY_PER_SEC = 50_000;
const FILL_BATCH = 10_000;
const ORIGIN = 'bench.mianqian.example/ledger';
const SEED = Buffer.alloc(32, 7);

// ---------------------------------------------------------------------------------------------------
// Figures

function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function sortedCopy(xs: readonly number[]): Float64Array {
  return Float64Array.from(xs).sort();
}

const ms = (x: number) => (x < 10 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(1));
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const secs = (x: number) => `${x.toFixed(1)} s`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/**
 * CPU used from now until the returned function is called, as a share of the whole machine (every
 * core = 100%): by everything, and by this process (its worker threads included). What neither this
 * process nor the database used was other work on the machine, which skews the figures.
 */
function cpuMeter(): () => string {
  const machine = () =>
    cpus().reduce(
      (a, { times: t }) => {
        const busy = t.user + t.nice + t.sys + t.irq;
        return { busy: a.busy + busy, all: a.all + busy + t.idle };
      },
      { busy: 0, all: 0 },
    );
  const m0 = machine();
  const p0 = process.cpuUsage();
  const w0 = performance.now();
  return () => {
    const m1 = machine();
    const p = process.cpuUsage(p0);
    const wallMs = performance.now() - w0;
    const busy = (m1.busy - m0.busy) / Math.max(1, m1.all - m0.all);
    const self = (p.user + p.system) / 1000 / wallMs / cpus().length;
    return `CPU: machine ${pct(busy)}, this process ${pct(self)}`;
  };
}

// ---------------------------------------------------------------------------------------------------
// Verification (also the worker's job)

/** Verifies the cases round-robin for `seconds`; returns how many and how many failed. */
function verifyFor(
  cases: readonly ProofCase[],
  seconds: number,
): { count: number; elapsed: number; bad: number } {
  let count = 0;
  let bad = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  let now = started;
  while (now < end) {
    for (let i = 0; i < 1000; i++) {
      const c = cases[count % cases.length]!;
      if (!verifyInclusion(c).ok) bad++;
      count++;
    }
    now = performance.now();
  }
  return { count, elapsed: (now - started) / 1000, bad };
}

if (!isMainThread) {
  const { cases, seconds } = workerData as { cases: ProofCase[]; seconds: number };
  verifyFor(cases, 0.3); // warm up the JIT before the start signal
  parentPort!.postMessage({ ready: true });
  parentPort!.once('message', () => parentPort!.postMessage(verifyFor(cases, seconds)));
} else {
  await main();
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  const { values } = parseArgs({
    options: {
      writers: { type: 'string', default: '256' },
      seconds: { type: 'string', default: '10' },
      only: { type: 'string' },
      engines: { type: 'string', default: 'pglite,postgres' },
      'proof-entries': { type: 'string', default: '1000000' },
      proofs: { type: 'string', default: '2000' },
      'pglite-proofs': { type: 'boolean', default: false },
      'verify-seconds': { type: 'string', default: '5' },
      'pg-url': {
        type: 'string',
        default: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      },
    },
  });
  const writers = Number(values.writers);
  const seconds = Number(values.seconds);
  const proofEntries = Number(values['proof-entries']);
  const proofCount = Number(values.proofs);
  const verifySeconds = Number(values['verify-seconds']);
  const pgUrl = values['pg-url']!;
  const parts = values.only ? [values.only] : ['appends', 'proofs', 'verify'];
  for (const p of parts)
    if (!['appends', 'proofs', 'verify'].includes(p)) throw new Error(`--only ${p}: appends|proofs|verify`);
  const engines = values.engines!.split(',').map((e) => e.trim()) as Engine[];
  for (const e of engines) if (e !== 'pglite' && e !== 'postgres') throw new Error(`unknown engine ${e}`);
  const proofEngines = engines.filter((e) => e === 'postgres' || values['pglite-proofs']);

  const cpu = cpus();
  console.log(
    `bench/ledger: ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, ${process.platform}/${process.arch}; ${new Date().toISOString()}`,
  );
  console.log(
    `  parts ${parts.join(', ')}; engines ${engines.join(', ')}; ${writers} writers × ${seconds} s; proofs at ${int(proofEntries)} entries on ${proofEngines.join(', ') || 'none'}; ${proofCount} proofs; verify ${verifySeconds} s`,
  );

  const load = () =>
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`;
  const loadAtStart = load();
  console.log(`  ${loadAtStart} (other work on the machine skews every figure)`);

  const failures: string[] = [];
  const leaves = createLeafFactory();
  console.log(`  leaves: mean ${leaves.meanBytes.toFixed(0)} bytes of canonical JSON`);

  type AppendResult = {
    engine: Engine;
    appends: number;
    elapsed: number;
    p50: number;
    p99: number;
    max: number;
    commits: number;
    cpu: string;
    ok: boolean;
    durability: string;
  };
  type ProofResult = {
    engine: Engine;
    size: number;
    fillSeconds: number;
    integrateSeconds: number;
    integrateCalls: number;
    cold: number;
    pass1: { p50: number; p99: number; max: number };
    pass2: { p50: number; p99: number; max: number };
    pass3: { p50: number; p99: number; max: number };
    warmedTiles: number;
    warmUpMs: number;
    roundTrip: { p50: number; p99: number; max: number };
    cpu: string;
    ok: boolean;
  };
  const appendResults: AppendResult[] = [];
  const proofResults: ProofResult[] = [];
  let verifyCases: ProofCase[] | undefined;
  let verifyCasesFrom = '';

  for (const engine of engines) {
    const doAppends = parts.includes('appends');
    const doProofs = parts.includes('proofs') && proofEngines.includes(engine);
    if (!doAppends && !doProofs) continue;
    const env = await openEngine(engine, pgUrl);
    try {
      console.log(`\n[${engine}] ${env.where}; ${env.durability}`);
      if (doAppends) {
        const r = await measureAppends(env.handle, leaves, writers, seconds);
        appendResults.push({ engine, ...r, durability: env.durability });
        if (!r.ok) failures.push(`${engine}: ${r.problem}`);
      }
      if (doProofs) {
        const r = await measureProofs(env.handle, leaves, proofEntries, proofCount);
        proofResults.push({ engine, ...r });
        if (!r.ok) failures.push(`${engine}: ${r.problem}`);
        if (verifyCases === undefined || engine === 'postgres') {
          verifyCases = r.cases;
          verifyCasesFrom = `${r.cases.length} proofs generated on ${engine} at ${int(r.size)} entries`;
        }
      }
    } finally {
      await env.dispose();
    }
  }

  let verifyResult:
    | {
        single: number;
        perWorker: number[];
        total: number;
        cpu1: string;
        cpu2: string;
        ok: boolean;
        from: string;
      }
    | undefined;
  if (parts.includes('verify')) {
    if (verifyCases === undefined) {
      console.log(`\n[verify] building a ${int(proofEntries)}-leaf tree in memory for ${proofCount} proofs`);
      verifyCases = await inMemoryProofs(proofEntries, proofCount);
      verifyCasesFrom = `${proofCount} proofs from an in-memory tree of ${int(proofEntries)} leaves`;
    }
    verifyResult = { ...(await measureVerify(verifyCases, verifySeconds)), from: verifyCasesFrom };
    if (!verifyResult.ok) failures.push('a pre-built proof failed verification');
  }

  // -------------------------------------------------------------------------------------------------
  // The table

  console.log('\n=== bench/ledger results ===');
  console.log(
    `machine: ${cpu.length} CPUs, ${cpu[0]?.model.trim() ?? 'unknown'}; Node ${process.version}; ${writers} writers, ${seconds} s per append run`,
  );
  console.log(`${loadAtStart} at start, ${load()} at end`);
  const rows: string[][] = [['figure', 'engine', 'result', 'target', '']];
  for (const a of appendResults) {
    const rate = a.appends / a.elapsed;
    rows.push([
      'durable appends/s',
      a.engine,
      `${int(rate)}/s (${int(a.appends)} in ${a.elapsed.toFixed(1)} s)`,
      a.engine === 'postgres' ? `≥ ${int(TARGET_APPENDS_PER_SEC)}/s` : '—',
      a.engine === 'postgres' ? verdict(rate >= TARGET_APPENDS_PER_SEC) : '',
    ]);
    rows.push([
      '  append latency',
      a.engine,
      `p50 ${ms(a.p50)} ms, p99 ${ms(a.p99)} ms, max ${ms(a.max)} ms`,
      '',
      '',
    ]);
    rows.push([
      '  commits (sequencing txns)',
      a.engine,
      `${int(a.commits)} (${(a.appends / Math.max(1, a.commits)).toFixed(0)} entries/commit)`,
      '',
      '',
    ]);
    rows.push(['  during the run', a.engine, a.cpu, '', '']);
    rows.push(['  indices 0..n-1, no gaps/dups', a.engine, a.ok ? 'yes' : 'NO', 'yes', a.ok ? 'ok' : 'FAIL']);
  }
  for (const p of proofResults) {
    rows.push([
      'fill (batches of 10,000)',
      p.engine,
      `${int(p.size)} entries in ${secs(p.fillSeconds)}`,
      '',
      '',
    ]);
    rows.push([
      'integrate',
      p.engine,
      `${int(p.size)} entries in ${secs(p.integrateSeconds)} (${p.integrateCalls} calls, ${int(p.size / p.integrateSeconds)}/s)`,
      '',
      '',
    ]);
    rows.push(['proof generation, first call', p.engine, `${ms(p.cold)} ms`, '', '']);
    rows.push([
      'proof generation, pass 1 (cold)',
      p.engine,
      `p50 ${ms(p.pass1.p50)} ms, p99 ${ms(p.pass1.p99)} ms, max ${ms(p.pass1.max)} ms`,
      `p99 ≤ ${TARGET_PROOF_P99_MS} ms`,
      verdict(p.pass1.p99 <= TARGET_PROOF_P99_MS),
    ]);
    rows.push([
      'proof generation, started node',
      p.engine,
      `p50 ${ms(p.pass3.p50)} ms, p99 ${ms(p.pass3.p99)} ms, max ${ms(p.pass3.max)} ms (new indices; warm-up ${int(p.warmedTiles)} tiles in ${ms(p.warmUpMs)} ms)`,
      `p99 ≤ ${TARGET_PROOF_P99_MS} ms`,
      verdict(p.pass3.p99 <= TARGET_PROOF_P99_MS),
    ]);
    rows.push([
      'proof generation, pass 2 (warm)',
      p.engine,
      `p50 ${ms(p.pass2.p50)} ms, p99 ${ms(p.pass2.p99)} ms, max ${ms(p.pass2.max)} ms`,
      `p99 ≤ ${TARGET_PROOF_P99_MS} ms`,
      verdict(p.pass2.p99 <= TARGET_PROOF_P99_MS),
    ]);
    rows.push([
      '  db round trip (select 1)',
      p.engine,
      `p50 ${ms(p.roundTrip.p50)} ms, p99 ${ms(p.roundTrip.p99)} ms, max ${ms(p.roundTrip.max)} ms`,
      '',
      '',
    ]);
    rows.push(['  during both passes', p.engine, p.cpu, '', '']);
    rows.push(['  every proof verifies', p.engine, p.ok ? 'yes' : 'NO', 'yes', p.ok ? 'ok' : 'FAIL']);
  }
  if (verifyResult) {
    rows.push(['verifications/s, 1 thread', '—', `${int(verifyResult.single)}/s`, '', '']);
    rows.push(['  during the run', '—', verifyResult.cpu1, '', '']);
    rows.push([
      'verifications/s, 2 workers',
      '—',
      `${int(verifyResult.total)}/s (${verifyResult.perWorker.map(int).join(' + ')})`,
      `≥ ${int(TARGET_VERIFY_PER_SEC)}/s on 2 cores`,
      verdict(verifyResult.total >= TARGET_VERIFY_PER_SEC),
    ]);
    rows.push(['  during the run', '—', verifyResult.cpu2, '', '']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  rows.forEach((r, i) => {
    console.log(
      r
        .map((c, j) => c.padEnd(widths[j]!))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
  if (verifyResult) console.log(`verification used ${verifyResult.from}`);
  for (const a of appendResults)
    console.log(
      `${a.engine} durability: ${a.durability}${a.engine === 'pglite' && a.durability.includes('fsync=off') ? ' — PGlite runs with fsync off (its default): commits reach the data directory files, not necessarily the disk' : ''}`,
    );
  console.log(
    JSON.stringify({
      cpus: cpu.length,
      node: process.version,
      writers,
      appends: appendResults.map((a) => ({
        engine: a.engine,
        perSec: Math.round(a.appends / a.elapsed),
        p50Ms: +a.p50.toFixed(3),
        p99Ms: +a.p99.toFixed(3),
        commits: a.commits,
        ok: a.ok,
      })),
      proofs: proofResults.map((p) => ({
        engine: p.engine,
        size: p.size,
        integrateSeconds: +p.integrateSeconds.toFixed(2),
        coldMs: +p.cold.toFixed(3),
        pass1P99Ms: +p.pass1.p99.toFixed(3),
        pass2P99Ms: +p.pass2.p99.toFixed(3),
        selectOneP99Ms: +p.roundTrip.p99.toFixed(3),
        ok: p.ok,
      })),
      verify: verifyResult && {
        singlePerSec: Math.round(verifyResult.single),
        twoWorkersPerSec: Math.round(verifyResult.total),
      },
    }),
  );

  if (failures.length > 0) {
    console.error(`\nCORRECTNESS FAILURES:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

// ---------------------------------------------------------------------------------------------------
// Leaves

/**
 * Real evidence leaves, made cheaply: 4,096 encoded templates (random commitments, a mix of present
 * and absent ones) and, per entry, a copy with a counter written into the last 12 hex digits of its
 * `attests.record` — still a canonical, valid leaf, and unique — and its leaf hash.
 */
function createLeafFactory() {
  const TEMPLATES = 4096;
  const random = randomBytes(TEMPLATES * 5 * 32);
  let offset = 0;
  const hex = () => {
    const s = random.toString('hex', offset, offset + 32);
    offset += 32;
    return s;
  };
  const templates: { bytes: Buffer; recordEnd: number; subject: string }[] = [];
  const at = Date.parse('2026-01-01T00:00:00.000Z');
  let total = 0;
  for (let i = 0; i < TEMPLATES; i++) {
    const subject = hex();
    const bytes = encodeEvidenceLeaf({
      v: 1,
      type: evidenceTypes[i % evidenceTypes.length]!,
      subject,
      at: new Date(at + i * 997).toISOString(),
      by: { role: i % 3 === 0 ? 'system' : 'borrower', account: i % 3 === 0 ? null : hex(), key: null },
      where: { device: i % 4 === 1 ? hex() : null, ip: i % 4 === 1 ? hex() : null, location: null },
      attests: { record: hex() },
    });
    const recordEnd = bytes.indexOf('"record":"') + 10 + 64;
    templates.push({ bytes, recordEnd, subject });
    total += bytes.length;
  }
  let counter = 0;
  return {
    meanBytes: total / TEMPLATES,
    next(): PreparedEntry {
      const n = counter++;
      const t = templates[n % TEMPLATES]!;
      const entry = Buffer.from(t.bytes);
      entry.write(n.toString(16).padStart(12, '0'), t.recordEnd - 12, 'latin1');
      return { entry, leafHash: hashLeaf(entry), subject: t.subject };
    },
  };
}
type LeafFactory = ReturnType<typeof createLeafFactory>;

// ---------------------------------------------------------------------------------------------------
// Databases

async function openEngine(
  engine: Engine,
  pgUrl: string,
): Promise<{ handle: DatabaseHandle; where: string; durability: string; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mq-bench-ledger-'));
  let dbName: string | undefined;
  let databaseUrl: string | undefined;
  if (engine === 'postgres') {
    dbName = `mq_bench_ledger_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const dispose = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  };
  let handle: DatabaseHandle;
  try {
    handle = await createDatabase({ databaseUrl, dataDir, poolSize: 8 });
  } catch (e) {
    await dispose();
    throw e;
  }
  try {
    await migrateToLatest(handle.db);
    const setting = async (name: string) => {
      try {
        const { rows } = await sql<Record<string, string>>`show ${sql.raw(name)}`.execute(handle.db);
        return Object.values(rows[0] ?? {})[0] ?? '?';
      } catch {
        return '?';
      }
    };
    const durability = `fsync=${await setting('fsync')} synchronous_commit=${await setting('synchronous_commit')} wal_sync_method=${await setting('wal_sync_method')}`;
    const where = engine === 'postgres' ? `database ${dbName}` : `data dir ${join(dataDir, 'pgdata')}`;
    return {
      handle,
      where,
      durability,
      dispose: async () => {
        await handle.close();
        await dispose();
      },
    };
  } catch (e) {
    await handle.close();
    await dispose();
    throw e;
  }
}

/** Count, bounds and number of distinct sequencing transactions (rows of one share its now()). */
async function entryStats(handle: DatabaseHandle) {
  const { rows } = await sql<{ n: string; lo: string | null; hi: string | null; commits: string }>`
    select count(*) as n, min(idx) as lo, max(idx) as hi, count(distinct sequenced_at) as commits
    from ledger_entries`.execute(handle.db);
  const r = rows[0]!;
  return {
    count: Number(r.n),
    lo: r.lo === null ? -1 : Number(r.lo),
    hi: r.hi === null ? -1 : Number(r.hi),
    commits: Number(r.commits),
  };
}

// ---------------------------------------------------------------------------------------------------
// 1. Durable appends

async function measureAppends(handle: DatabaseHandle, leaves: LeafFactory, writers: number, seconds: number) {
  const store = createDbLedgerStore({ db: handle.db });
  const indices: number[] = [];
  // Warm up: connections, plans, JIT.
  for (let i = 0; i < 20; i++) indices.push(...(await store.append([leaves.next()])));
  await Promise.all(
    Array.from({ length: writers }, async () => indices.push(...(await store.append([leaves.next()])))),
  );
  const before = await entryStats(handle);

  const latencies: number[] = [];
  const meter = cpuMeter();
  let errors = 0;
  let firstError: unknown;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < end) {
        const entry = leaves.next();
        const t = performance.now();
        try {
          const [index] = await store.append([entry]);
          latencies.push(performance.now() - t);
          indices.push(index!);
        } catch (e) {
          errors++;
          firstError ??= e;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = meter();
  const appends = latencies.length;

  // Correctness: every acknowledged index is in 0..n-1 exactly once, and the table holds exactly those.
  const n = await store.sequencedSize();
  const stats = await entryStats(handle);
  const seen = new Uint8Array(n);
  let outside = 0;
  let duplicates = 0;
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= n) outside++;
    else if (seen[i] === 1) duplicates++;
    else seen[i] = 1;
  }
  let gaps = 0;
  for (let i = 0; i < n; i++) if (!seen[i]) gaps++;
  const problems: string[] = [];
  if (errors > 0) problems.push(`${errors} appends failed (first: ${String(firstError)})`);
  if (outside > 0) problems.push(`${outside} indices outside 0..${n - 1}`);
  if (duplicates > 0) problems.push(`${duplicates} duplicate indices`);
  if (gaps > 0) problems.push(`${gaps} indices never acknowledged`);
  if (indices.length !== n) problems.push(`${indices.length} acknowledged, sequencedSize ${n}`);
  if (stats.count !== n || stats.lo !== (n > 0 ? 0 : -1) || stats.hi !== n - 1)
    problems.push(`table holds ${stats.count} rows, idx ${stats.lo}..${stats.hi}; sequencedSize ${n}`);
  const ok = problems.length === 0;

  const sorted = sortedCopy(latencies);
  const r = {
    appends,
    elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    commits: stats.commits - before.commits,
    cpu,
    ok,
    problem: problems.join('; '),
  };
  console.log(
    `  appends: ${int(appends / elapsed)}/s (${int(appends)} in ${elapsed.toFixed(2)} s, ${writers} writers), p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms, max ${ms(r.max)} ms; ${int(r.commits)} commits; check: ${ok ? `indices 0..${n - 1} exactly once, ${stats.count} rows` : r.problem}; ${cpu}`,
  );
  return r;
}

// ---------------------------------------------------------------------------------------------------
// 2. Proof generation

async function measureProofs(handle: DatabaseHandle, leaves: LeafFactory, target: number, count: number) {
  const store = createDbLedgerStore({ db: handle.db });
  const problems: string[] = [];

  // Fill: batches of FILL_BATCH, the next one prepared while the previous commits.
  let size = await store.sequencedSize();
  const fillStarted = performance.now();
  const makeBatch = (k: number) => Array.from({ length: k }, () => leaves.next());
  let lastLog = fillStarted;
  let pending: Promise<number[]> | undefined;
  let pendingFrom = size;
  let pendingLength = 0;
  let next = size;
  while (next < target || pending) {
    let batch: PreparedEntry[] | undefined;
    if (next < target) {
      batch = makeBatch(Math.min(FILL_BATCH, target - next));
    }
    if (pending) {
      const got = await pending;
      if (
        got.length !== pendingLength ||
        got[0] !== pendingFrom ||
        got.at(-1) !== pendingFrom + pendingLength - 1
      )
        problems.push(`fill batch at ${pendingFrom} got indices ${got[0]}..${got.at(-1)}`);
      size = pendingFrom + pendingLength;
      pending = undefined;
    }
    if (batch) {
      pendingFrom = next;
      pendingLength = batch.length;
      next += batch.length;
      pending = store.append(batch);
    }
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      console.log(`  filling: ${int(size)} entries after ${secs((lastLog - fillStarted) / 1000)}`);
    }
  }
  size = await store.sequencedSize();
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  console.log(`  filled to ${int(size)} entries in ${secs(fillSeconds)}`);

  // Integrate everything and sign a checkpoint (no witnesses: published at once).
  const deps = {
    store,
    signer: ed25519Signer(ORIGIN, SEED),
    origin: ORIGIN,
    witnesses: [],
    requiredCosignatures: 0,
  };
  const integrateStarted = performance.now();
  let integrateCalls = 0;
  for (;;) {
    const r = await integrateLedger(deps);
    integrateCalls++;
    if (r.integrated === 0 && r.size >= size) break;
  }
  const integrateSeconds = (performance.now() - integrateStarted) / 1000;
  const tree = await store.tree();
  if (tree.size !== size) problems.push(`integrated ${tree.size}, sequenced ${size}`);
  console.log(
    `  integrated ${int(tree.size)} entries in ${secs(integrateSeconds)} (${integrateCalls} calls)`,
  );

  // Prove: a fresh store (as another node serving proofs: its tile cache starts empty).
  const prover = createDbLedgerStore({ db: handle.db });
  const indices = Array.from({ length: count }, () => Math.floor(Math.random() * tree.size));
  const cases: ProofCase[] = [];
  let bad = 0;
  let firstBad = '';
  // The floor under any query: one `select 1` round trip, timed after each proof of pass 2.
  const roundTrips: number[] = [];
  const pass = async (keep: boolean) => {
    const times: number[] = [];
    for (const index of indices) {
      const t = performance.now();
      const p = await proveInclusion({ store: prover }, { index });
      times.push(performance.now() - t);
      if (!keep) {
        const t2 = performance.now();
        await sql`select 1`.execute(handle.db);
        roundTrips.push(performance.now() - t2);
      }
      const check = verifyInclusion(p);
      if (!check.ok || p.size !== tree.size || !p.root.equals(tree.root) || p.index !== index) {
        bad++;
        firstBad ||= `index ${index}: ${check.ok ? 'wrong size or root' : check.reason}`;
      }
      if (keep)
        cases.push({ index: p.index, size: p.size, leafHash: p.leafHash, proof: p.proof, root: p.root });
    }
    return times;
  };
  const meter = cpuMeter();
  const times1 = await pass(true);
  const times2 = await pass(false);
  const cpu = meter();
  // A node as the server starts one: the integrator warms its tile cache first (store.warmUp).
  const started = createDbLedgerStore({ db: handle.db });
  const tw = performance.now();
  const warmedTiles = await started.warmUp();
  const warmUpMs = performance.now() - tw;
  const times3: number[] = [];
  // (One untimed proof first: the first call pays for loading the published checkpoint.)
  await proveInclusion({ store: started }, { index: 0 });
  for (const index of indices.map(() => Math.floor(Math.random() * tree.size))) {
    const t = performance.now();
    const p = await proveInclusion({ store: started }, { index });
    times3.push(performance.now() - t);
    if (!verifyInclusion(p).ok) bad++;
  }
  if (bad > 0) problems.push(`${bad} proofs did not verify (first: ${firstBad})`);
  // The leaf hash a proof carries must be the hash of the stored entry.
  for (const c of cases.slice(0, 50)) {
    const [e] = await prover.readEntries(c.index, c.index + 1);
    if (!e || !hashLeaf(e.entry).equals(Buffer.from(c.leafHash)))
      problems.push(`entry ${c.index} does not hash to its leaf hash`);
  }
  const summary = (times: number[]) => {
    const s = sortedCopy(times);
    return { p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
  };
  const pass1 = summary(times1);
  const pass2 = summary(times2);
  const pass3 = summary(times3);
  const roundTrip = summary(roundTrips);
  const cold = times1[0] ?? NaN;
  console.log(
    `  proofs at ${int(tree.size)}: first ${ms(cold)} ms; pass 1 (cold cache) p50 ${ms(pass1.p50)} p99 ${ms(pass1.p99)} max ${ms(pass1.max)} ms; pass 2 (warm) p50 ${ms(pass2.p50)} p99 ${ms(pass2.p99)} max ${ms(pass2.max)} ms; select 1 p50 ${ms(roundTrip.p50)} p99 ${ms(roundTrip.p99)} ms; ${bad === 0 ? 'all verify' : `${bad} FAIL`}; ${cpu}`,
  );
  return {
    size: tree.size,
    fillSeconds,
    integrateSeconds,
    integrateCalls,
    cold,
    pass1,
    pass2,
    pass3,
    warmedTiles,
    warmUpMs,
    roundTrip,
    cpu,
    ok: problems.length === 0,
    problem: problems.join('; '),
    cases,
  };
}

// ---------------------------------------------------------------------------------------------------
// 3. Verification

/** Proofs for random indices of a tree of `size` random leaves, built in memory from its tiles. */
async function inMemoryProofs(size: number, count: number): Promise<ProofCase[]> {
  const random = randomBytes(size * 32);
  const leafHashes = Array.from({ length: size }, (_, i) => hashLeaf(random.subarray(i * 32, i * 32 + 32)));
  const { tiles } = integrateLeaves({ size: 0, leafHashes, readTile: () => Buffer.alloc(0) });
  const byKey = new Map(tiles.map((t) => [`${t.level}/${t.index}`, t.hashes]));
  const readTiles = async (keys: readonly { level: number; index: number }[]) =>
    new Map(keys.map((k) => [`${k.level}/${k.index}`, byKey.get(`${k.level}/${k.index}`)!]));
  const [root] = await proofFromTiles(readTiles, [rootPlan(size)]);
  const cases: ProofCase[] = [];
  for (let i = 0; i < count; i++) {
    const index = Math.floor(Math.random() * size);
    const proof = await proofFromTiles(readTiles, inclusionProofPlan(index, size));
    cases.push({ index, size, leafHash: leafHashes[index]!, proof, root: root! });
  }
  return cases;
}

async function measureVerify(cases: ProofCase[], seconds: number) {
  const hashes = cases.reduce((s, c) => s + c.proof.length, 0) / cases.length;
  console.log(`\n[verify] ${cases.length} proofs, ${hashes.toFixed(1)} hashes each on average`);
  verifyFor(cases, 0.5); // JIT warm-up
  const meter1 = cpuMeter();
  const single = verifyFor(cases, seconds);
  const cpu1 = meter1();
  console.log(
    `  1 thread: ${int(single.count / single.elapsed)}/s (${int(single.count)} in ${single.elapsed.toFixed(2)} s); ${cpu1}`,
  );

  // Two worker threads on this same file, through tsx's loader (workers do not inherit it otherwise).
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const self = import.meta.url;
  const source = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(self)}); })`;
  const workers = Array.from(
    { length: 2 },
    () => new Worker(source, { eval: true, workerData: { cases, seconds } }),
  );
  const ready = workers.map(
    (w) =>
      new Promise<void>((resolve, reject) => {
        w.once('message', () => resolve());
        w.once('error', reject);
      }),
  );
  await Promise.all(ready);
  const results = workers.map(
    (w) =>
      new Promise<{ count: number; elapsed: number; bad: number }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      }),
  );
  const meter2 = cpuMeter();
  for (const w of workers) w.postMessage('go');
  const done = await Promise.all(results);
  const cpu2 = meter2();
  await Promise.all(workers.map((w) => w.terminate()));
  const perWorker = done.map((d) => d.count / d.elapsed);
  const total = perWorker.reduce((a, b) => a + b, 0);
  console.log(`  2 workers: ${perWorker.map(int).join(' + ')} = ${int(total)}/s; ${cpu2}`);
  const bad = single.bad + done.reduce((s, d) => s + d.bad, 0);
  return { single: single.count / single.elapsed, perWorker, total, cpu1, cpu2, ok: bad === 0 };
}
