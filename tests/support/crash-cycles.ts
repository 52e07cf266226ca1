import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { merkleRoot } from '../../src/core/ledger/merkle/merkle-root';
import { verifyConsistency } from '../../src/core/ledger/merkle/verify-consistency';
import { verifyInclusion } from '../../src/core/ledger/merkle/verify-inclusion';
import { parseCheckpoint } from '../../src/core/ledger/note/parse-checkpoint';
import { parseVerifierKey } from '../../src/core/ledger/note/parse-verifier-key';
import { verifyNote } from '../../src/core/ledger/note/verify-note';
import { notificationsForEvent } from '../../src/core/notifications/templates';
import type { NoteVerifier } from '../../src/core/ledger/note/note-signer';
import type { createDatabase } from '../../src/infra/db/create-database';
import type { PrivateCluster } from './crash-cluster';
import type { HeldSession } from './crash-loans';
import { AcknowledgedWrites, findLostWrites } from './crash-record';
import { ConnectionLost, httpCall, spawnCrashServer, type CrashServer } from './crash-server';
import { individualDetails } from './fixtures';
import type { TestPlatform } from './test-platform';

/**
 * The crash suite's cycles (tests/prove/crash-durability*.test.ts): a real server as a child process
 * under a concurrent load over HTTP — borrowers filing and re-saving applications and reading their
 * ledger entries, an approver disbursing signed loans, a watcher reading signed checkpoints — SIGKILLed
 * at a random moment once writes flow (and on PostgreSQL's odd cycles the database stopped with
 * `pg_ctl stop -m immediate` at the same moment), restarted, and the client's record of every 2xx
 * answer compared with the database. At the end, the ledger proofs.
 */

/** Concurrent borrowers filing applications during each cycle. */
export const BORROWERS = 6;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const randomBetween = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo));

export interface Figures {
  target: string;
  cycles: number;
  /** Cycles in which at least one write was acknowledged before the kill. */
  cyclesWithWrites: number;
  serverKills: number;
  databaseImmediateStops: number;
  acks: AcknowledgedWrites;
  lost: number;
  checkpointsSeen: number;
  consistencyProofs: number;
  inclusionProofs: number;
  /** Application events that notify their borrower, and how many of those have no notification. */
  notifiedEvents: number;
  notificationsLost: number;
  refused: Map<string, number>;
  settings: Record<string, string>;
  ms: number;
}
/** Prints the figures the lead quotes: one line per database. */
export function printFigures(figures: readonly Figures[]): void {
  for (const f of figures) {
    const c = f.acks.counts;
    console.log(
      `crash-durability [${f.target}]: ${f.cycles} cycles, ${f.cyclesWithWrites} of them killed with writes ` +
        `flowing (${f.serverKills} server SIGKILLs, ` +
        `${f.databaseImmediateStops} database immediate stops); acknowledged writes ${f.acks.total} ` +
        `(${c.applicationCreates} application creates, ${c.applicationUpdates} application updates, ` +
        `${c.ledgerEntryReads} ledger entries acknowledged (${f.acks.ledgerEntries.size} distinct), ` +
        `${c.disbursements} disbursements); lost ${f.lost}; checkpoints seen ${f.checkpointsSeen}; ` +
        `consistency proofs verified ${f.consistencyProofs}; inclusion proofs verified ${f.inclusionProofs}; ` +
        `borrower notifications ${f.notifiedEvents - f.notificationsLost}/${f.notifiedEvents} (lost ${f.notificationsLost}); ` +
        `non-2xx answers ${JSON.stringify(Object.fromEntries(f.refused))}; ` +
        `settings ${JSON.stringify(f.settings)}; ${(f.ms / 1000).toFixed(1)} s`,
    );
  }
}

/** The load's shared state across cycles: the record of acknowledgements and the loans' progress. */
export class CrashLoad {
  readonly acks = new AcknowledgedWrites();
  readonly refused = new Map<string, number>();
  /** Loans whose disbursement request has not been answered with a 202 yet, with the key to retry. */
  private readonly pending: { applicationId: string; key: string }[] = [];
  private nextLoan = 0;
  private verifier: NoteVerifier | undefined;

  private readonly loans: string[];
  private readonly amount: string;
  private readonly approver: HeldSession;
  private readonly recoveryCodes: string[];
  private readonly borrowers: HeldSession[];

  constructor(seeded: {
    loans: string[];
    amount: string;
    approver: HeldSession;
    approverRecoveryCodes: string[];
    borrowerSessions: HeldSession[];
  }) {
    this.loans = seeded.loans;
    this.amount = seeded.amount;
    this.approver = seeded.approver;
    this.recoveryCodes = seeded.approverRecoveryCodes;
    this.borrowers = seeded.borrowerSessions;
  }

  private refuse(what: string, status: number, code: unknown) {
    const key = `${what} ${status}${typeof code === 'string' ? ` ${code}` : ''}`;
    this.refused.set(key, (this.refused.get(key) ?? 0) + 1);
  }

  /**
   * Waits until a fresh server answers (its first requests are slow while it warms up, and the load's
   * window should not be spent on that) and reads the log's verifier key, which must never change.
   */
  async warmUp(url: string): Promise<void> {
    const vkey = await httpCall(url, undefined, 'GET', '/ledger/vkey', { timeoutMs: 60_000 });
    expect(vkey.status).toBe(200);
    const parsed = parseVerifierKey(vkey.text.trim());
    if (!parsed.ok) throw new Error(`the verifier key does not parse: ${parsed.reason}`);
    if (this.verifier !== undefined) expect(parsed.value.keyId.equals(this.verifier.keyId)).toBe(true);
    this.verifier = parsed.value;
  }

  /** Drives the load against `url` until `isStopped()`; a request the kill cuts off ends its worker. */
  async drive(url: string, isStopped: () => boolean): Promise<void> {
    // A request the kill cut off ends its worker; anything else (a check that failed) is a finding.
    const quietly = (p: Promise<void>) =>
      p.catch((e: unknown) => {
        if (!(e instanceof ConnectionLost)) throw e;
      });
    await Promise.all([
      ...this.borrowers.map((b) => quietly(this.fileApplications(url, b, isStopped))),
      quietly(this.watchCheckpoints(url, isStopped)),
      quietly(this.disburse(url, isStopped, 1)),
    ]);
  }

  /** A borrower files a draft, reads the ledger entries that record it, then saves the draft again. */
  private async fileApplications(url: string, borrower: HeldSession, isStopped: () => boolean) {
    while (!isStopped()) {
      const created = await httpCall(url, borrower, 'POST', '/api/applications', {
        body: { kind: 'individual', details: individualDetails() },
      });
      if (created.status !== 201) {
        this.refuse('create', created.status, created.body?.error?.code);
        await sleep(50);
        continue;
      }
      const { id } = created.body as { id: string };
      this.acks.acknowledgeApplication(id, created.body.version, created.body.status, 'create');
      // The entries endpoint sequences what is queued, so this acknowledges the create's ledger leaf.
      const entries = await httpCall(url, borrower, 'GET', `/api/ledger/applications/${id}/entries`);
      if (entries.status !== 200) this.refuse('entries', entries.status, entries.body?.error?.code);
      else
        for (const e of entries.body.entries as { index: number; leafHash: string }[])
          this.acks.acknowledgeLedgerEntry(e.index, e.leafHash);
      const saved = await httpCall(url, borrower, 'PUT', `/api/applications/${id}`, {
        body: {
          version: created.body.version,
          details: individualDetails({ loan: { amount: '60000.00' } }),
        },
      });
      if (saved.status !== 200) this.refuse('update', saved.status, saved.body?.error?.code);
      else this.acks.acknowledgeApplication(id, saved.body.version, saved.body.status, 'update');
    }
  }

  /** Reads the published checkpoint now and then; only a note that verifies is recorded. */
  private async watchCheckpoints(url: string, isStopped: () => boolean) {
    while (!isStopped()) {
      await this.readCheckpoint(url);
      await sleep(150);
    }
  }

  async readCheckpoint(url: string): Promise<{ size: number; root: Buffer } | undefined> {
    const answer = await httpCall(url, undefined, 'GET', '/ledger/checkpoint');
    if (answer.status !== 200) {
      this.refuse('checkpoint', answer.status, answer.body?.error?.code);
      return undefined;
    }
    const note = verifyNote(answer.text, [this.verifier!]);
    if (!note.ok) throw new Error(`the checkpoint does not verify: ${note.reason}`);
    const checkpoint = parseCheckpoint(note.value.text);
    if (!checkpoint.ok) throw new Error(`the checkpoint does not parse: ${checkpoint.reason}`);
    this.acks.sawCheckpoint(checkpoint.value.size, checkpoint.value.root.toString('base64'));
    return checkpoint.value;
  }

  /**
   * The approver disburses: first the loans whose request went unanswered (same key, as a client
   * retries; a fresh one if the old is stuck in flight), then up to `fresh` new loans. The key is
   * chosen before the first attempt, as TigerBeetle's clients persist their transfer id.
   */
  async disburse(url: string, isStopped: () => boolean, fresh: number) {
    let started = 0;
    while (!isStopped()) {
      if (this.pending.length === 0) {
        if (started >= fresh || this.nextLoan >= this.loans.length) {
          await sleep(50);
          continue;
        }
        this.pending.push({ applicationId: this.loans[this.nextLoan++]!, key: randomUUID() });
        started++;
      }
      const loan = this.pending[0]!;
      const answer = await httpCall(
        url,
        this.approver,
        'POST',
        `/api/staff/applications/${loan.applicationId}/disbursement`,
        {
          body: { amount: this.amount },
          headers: { 'idempotency-key': loan.key },
        },
      );
      const code = answer.body?.error?.code as string | undefined;
      if (answer.status === 202) {
        this.acks.acknowledgeDisbursement(loan.applicationId, answer.body.id, answer.body.endToEndId);
        this.pending.shift();
      } else if (code === 'STEP_UP_REQUIRED') {
        // The approver's second factor is fresh for five minutes; prove it again as the web app would.
        const proved = await httpCall(url, this.approver, 'POST', '/api/security/step-up/recovery-code', {
          body: { code: this.recoveryCodes.shift() },
        });
        expect(proved.status, proved.text).toBe(200);
      } else {
        this.refuse('disburse', answer.status, code);
        if (code === 'IDEMPOTENCY_KEY_IN_FLIGHT') loan.key = randomUUID();
        else if (answer.status === 409) this.pending.shift(); // disbursed under a key whose answer was lost
        await sleep(50);
      }
    }
  }

  /** Whether a loan is still waiting for its disbursement's answer (or not yet asked for). */
  get hasLoansLeft(): boolean {
    return this.pending.length > 0 || this.nextLoan < this.loans.length;
  }

  /** The end: the loans left unanswered are disbursed (or found disbursed), with a deadline. */
  async finishPending(url: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (this.pending.length > 0 && Date.now() < deadline) {
      let isDone = false;
      await Promise.race([this.disburse(url, () => isDone || this.pending.length === 0, 0), sleep(5_000)]);
      isDone = true;
    }
    expect(this.pending).toEqual([]);
  }
}

export interface Target {
  name: string;
  cycles: number;
  /** Environment of the child servers. */
  env: Record<string, string>;
  /** Opens the database the way the verifier reads it (after the server died). */
  openDatabase: () => ReturnType<typeof createDatabase>;
  /** Opens the platform in this process on the same data (after the last server died). */
  openPlatform: () => Promise<TestPlatform>;
  cluster?: PrivateCluster;
  /** How long the load runs after its first acknowledgement, at random between the two (ms). */
  loadMs: readonly [number, number];
}

/**
 * The cycles on one database: start, load for a random moment, SIGKILL (and on PostgreSQL's odd
 * cycles `pg_ctl stop -m immediate` at the same moment), restart, compare. Then the ledger proofs.
 */
export async function runCrashCycles(
  target: Target,
  load: CrashLoad,
  command: string[],
  settings: Record<string, string>,
  figures: Figures[],
): Promise<void> {
  const started = Date.now();
  const f: Figures = {
    target: target.name,
    cycles: 0,
    cyclesWithWrites: 0,
    serverKills: 0,
    databaseImmediateStops: 0,
    acks: load.acks,
    lost: 0,
    checkpointsSeen: 0,
    consistencyProofs: 0,
    inclusionProofs: 0,
    notifiedEvents: 0,
    notificationsLost: 0,
    refused: load.refused,
    settings,
    ms: 0,
  };
  figures.push(f);
  const spawnServer = () => spawnCrashServer({ command, env: target.env });
  const compare = async (when: string) => {
    const handle = await target.openDatabase();
    try {
      const lost = await findLostWrites(handle.db, load.acks);
      f.lost += lost.length;
      expect(lost, `${target.name}: acknowledged writes lost ${when}`).toEqual([]);
    } finally {
      await handle.close();
    }
  };

  // Two servers load their code ahead (a start is mostly loading code; on a busy machine one cycle is
  // not enough time for it).
  const standbys: CrashServer[] = [spawnServer(), spawnServer()];
  let server: CrashServer | undefined;
  try {
    for (let cycle = 0; cycle < target.cycles; cycle++) {
      server = standbys.shift()!;
      const t0 = Date.now();
      const url = await server.go();
      await load.warmUp(url);
      const t1 = Date.now();
      standbys.push(spawnServer());
      let isStopped = false;
      const driving = load.drive(url, () => isStopped);
      driving.catch(() => {}); // awaited below, after the kill
      // The kill comes at a random moment once writes are flowing (the first answers of a fresh process
      // can take a while on a busy machine, and a cycle that acknowledged nothing proves nothing).
      // On odd cycles it waits for a disbursement's answer first: a disbursement takes longer than the
      // other writes, and without this few would be acknowledged before the kill (on even cycles most
      // are cut off in flight, which is the other half of the test).
      const acksBefore = load.acks.total;
      const disbursedBefore = load.acks.counts.disbursements;
      const isWaitingForDisbursement = cycle % 2 === 1 && load.hasLoansLeft;
      const isWaiting = () =>
        isWaitingForDisbursement
          ? load.acks.counts.disbursements === disbursedBefore
          : load.acks.total === acksBefore;
      for (const deadline = Date.now() + 30_000; isWaiting() && Date.now() < deadline;) await sleep(20);
      await sleep(randomBetween(...target.loadMs));
      const isDatabaseCrash = target.cluster !== undefined && cycle % 2 === 1;
      // The kill lands while requests are in flight; on a database crash both go down at once.
      await Promise.all([
        server.kill(),
        isDatabaseCrash ? target.cluster!.stopImmediately() : Promise.resolve(),
      ]);
      isStopped = true;
      f.serverKills++;
      if (load.acks.total > acksBefore) f.cyclesWithWrites++;
      if (isDatabaseCrash) f.databaseImmediateStops++;
      await driving.catch((e: unknown) => {
        throw new Error(
          `${target.name} cycle ${cycle + 1}: ${String(e)}; server output: ${server!.output()}`,
        );
      });
      if (isDatabaseCrash) await target.cluster!.start();
      const t2 = Date.now();
      await compare(`after cycle ${cycle + 1}`);
      f.cycles++;
      if (process.env.MIANQIAN_CRASH_TIMINGS)
        console.log(
          `${target.name} cycle ${cycle + 1}: start ${t1 - t0} ms, load+kill ${t2 - t1} ms, compare ${Date.now() - t2} ms, acks ${load.acks.total}`,
        );
    }

    // The end: one more server finishes the loans left unanswered and publishes a checkpoint that
    // covers every acknowledged entry; then the proofs.
    server = standbys.shift()!;
    const url = await server.go();
    await load.warmUp(url);
    await load.finishPending(url);
    const needed = Math.max(0, ...load.acks.ledgerEntries.keys()) + 1;
    let newest: { size: number; root: Buffer } | undefined;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(200)) {
      newest = await load.readCheckpoint(url);
      if (newest !== undefined && newest.size >= needed) break;
    }
    expect(newest?.size).toBeGreaterThanOrEqual(needed);
    const { size: newestSize, root: newestRoot } = newest!;
    f.checkpointsSeen = load.acks.checkpoints.size;

    // Every checkpoint the client saw is a prefix of the newest: the API's proof, our verifier.
    for (const [size, rootBase64] of [...load.acks.checkpoints].sort((a, b) => a[0] - b[0])) {
      expect(size).toBeLessThanOrEqual(newestSize); // a checkpoint larger than the newest: a rollback
      if (size === 0) continue;
      const answer = await httpCall(
        url,
        undefined,
        'GET',
        `/api/ledger/proofs/consistency?from=${size}&to=${newestSize}`,
      );
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body.fromRootHash).toBe(rootBase64);
      expect(answer.body.toRootHash).toBe(newestRoot.toString('base64'));
      const check = verifyConsistency({
        size1: size,
        size2: newestSize,
        root1: Buffer.from(rootBase64, 'base64'),
        root2: newestRoot,
        proof: (answer.body.proof as string[]).map((h) => Buffer.from(h, 'base64')),
      });
      expect(check, `consistency ${size} → ${newestSize}`).toEqual({ ok: true });
      f.consistencyProofs++;
    }
    // Every acknowledged ledger entry is in the newest tree, with the leaf hash the client was shown.
    for (const [index, leafHash] of load.acks.ledgerEntries) {
      const answer = await httpCall(
        url,
        undefined,
        'GET',
        `/api/ledger/proofs/inclusion?index=${index}&size=${newestSize}`,
      );
      expect(answer.status, answer.text).toBe(200);
      const check = verifyInclusion({
        index,
        size: newestSize,
        leafHash: Buffer.from(leafHash, 'hex'),
        proof: (answer.body.proof as string[]).map((h) => Buffer.from(h, 'base64')),
        root: newestRoot,
      });
      expect(check, `inclusion of ${index} in ${newestSize}`).toEqual({ ok: true });
      f.inclusionProofs++;
    }
    await server.kill();
    await compare('at the end');
    // The stored entries hash to the newest root (RFC 6962 MTH, recomputed here from the rows, not the
    // stored tiles), and no loan was disbursed twice through the crashes.
    const handle = await target.openDatabase();
    try {
      const rows = await handle.db
        .selectFrom('ledger_entries')
        .select(['idx', 'leaf_hash'])
        .where('idx', '<', String(newestSize))
        .orderBy('idx')
        .execute();
      expect(rows.map((r, i) => Number(r.idx) - i).filter((gap) => gap !== 0)).toEqual([]);
      expect(rows).toHaveLength(newestSize);
      expect(merkleRoot(rows.map((r) => r.leaf_hash)).equals(newestRoot)).toBe(true);
      const twice = await handle.db
        .selectFrom('disbursements')
        .select('application_id')
        .groupBy('application_id')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      expect(twice).toEqual([]);
    } finally {
      await handle.close();
    }
    await checkNotifications(target, f);
    expect(f.serverKills).toBe(target.cycles);
  } finally {
    await server?.kill();
    await Promise.all(standbys.map((s) => s.kill()));
    f.ms = Date.now() - started;
  }
}

/**
 * The notification relay's outbox through the crashes: its cursor and done-list commit with the
 * notifications they stand for, so a pass after the last crash (what any restarted server runs) must
 * leave every application event that notifies its borrower with exactly that notification (one at most
 * is the table's unique key). An event the cursor passed without its notification would be lost here.
 */
async function checkNotifications(target: Target, f: Figures): Promise<void> {
  const p = await target.openPlatform();
  try {
    await p.app.notifier.tick();
    const { rows } = await sql<{
      id: string;
      from_status: string | null;
      to_status: string;
      notified: boolean;
    }>`
      select e.id, e.from_status, e.to_status,
        exists (select 1 from notifications n where n.event_id = e.id and n.account_id = a.borrower_account_id) as notified
      from application_events e join applications a on a.id = e.application_id`.execute(p.infra.database.db);
    const wanted = rows.filter(
      (r) => notificationsForEvent({ fromStatus: r.from_status, toStatus: r.to_status }).borrower !== null,
    );
    const lost = wanted.filter((r) => !r.notified).map((r) => `${r.id} ${r.from_status}→${r.to_status}`);
    f.notifiedEvents = wanted.length;
    f.notificationsLost = lost.length;
    expect(wanted.length).toBeGreaterThan(0);
    expect(lost, `${target.name}: application events without their borrower's notification`).toEqual([]);
  } finally {
    await p.close();
  }
}

/** The child servers' environment on a data directory (keys, blobs; PGlite's database when no URL). */
export const serverEnv = (dataDir: string, extra: Record<string, string> = {}) => ({
  MIANQIAN_DATA_DIR: dataDir,
  MIANQIAN_WEB_DIST: join(dataDir, 'no-web'),
  // Checkpoints often, so that the client sees many of them between crashes.
  LEDGER_INTEGRATE_INTERVAL_MS: '200',
  ...extra,
});
