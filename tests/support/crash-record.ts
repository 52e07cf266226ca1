import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/infra/db/database';

/**
 * What the crash suite's client was told: every 2xx answer and what it acknowledged. A write counts as
 * acknowledged only once its 2xx answer arrived; a request cut off by a kill acknowledged nothing.
 */
export class AcknowledgedWrites {
  /** Application id → the latest version (and status) a 2xx answer reported. */
  readonly applications = new Map<string, { version: number; status: string }>();
  /** Ledger index → leaf hash (hex), as the entries endpoint showed them. */
  readonly ledgerEntries = new Map<number, string>();
  /** Checkpoint size → root hash (base64), each from a signed note that verified. */
  readonly checkpoints = new Map<number, string>();
  /** Loan (application id) → the disbursement a 202 answer acknowledged. */
  readonly disbursements = new Map<string, { id: string; endToEndId: string }>();
  /** Acknowledged writes by kind (answers, not distinct objects). */
  readonly counts = { applicationCreates: 0, applicationUpdates: 0, ledgerEntryReads: 0, disbursements: 0 };

  acknowledgeApplication(id: string, version: number, status: string, kind: 'create' | 'update'): void {
    const before = this.applications.get(id);
    // A later answer never reports an older version: that would be a lost write seen live.
    if (before !== undefined && version < before.version)
      throw new Error(`application ${id}: version ${version} answered after ${before.version}`);
    this.applications.set(id, { version, status });
    if (kind === 'create') this.counts.applicationCreates++;
    else this.counts.applicationUpdates++;
  }

  acknowledgeLedgerEntry(index: number, leafHash: string): void {
    const before = this.ledgerEntries.get(index);
    if (before !== undefined && before !== leafHash)
      throw new Error(`ledger index ${index} showed leaf ${leafHash} after ${before}`);
    this.ledgerEntries.set(index, leafHash);
    this.counts.ledgerEntryReads++;
  }

  sawCheckpoint(size: number, rootBase64: string): void {
    const before = this.checkpoints.get(size);
    if (before !== undefined && before !== rootBase64)
      throw new Error(`two checkpoints of size ${size} with different roots: a fork`);
    this.checkpoints.set(size, rootBase64);
  }

  acknowledgeDisbursement(applicationId: string, id: string, endToEndId: string): void {
    const before = this.disbursements.get(applicationId);
    if (before !== undefined && (before.id !== id || before.endToEndId !== endToEndId))
      throw new Error(`loan ${applicationId} acknowledged two disbursements`);
    this.disbursements.set(applicationId, { id, endToEndId });
    this.counts.disbursements++;
  }

  get total(): number {
    const c = this.counts;
    return c.applicationCreates + c.applicationUpdates + c.ledgerEntryReads + c.disbursements;
  }
}

export interface LostWrite {
  kind: 'application' | 'ledger entry' | 'checkpoint' | 'disbursement';
  key: string;
  expected: string;
  found: string;
}

const chunks = <T>(items: T[], size = 500): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Compares the client's record with the database: every acknowledged write must be there as it was
 * acknowledged. An application may be one version ahead (a request whose answer the kill cut off may
 * have committed), never behind and never further ahead (each client has one request in flight per
 * application). Returns what is missing or different; empty means nothing was lost.
 */
export async function findLostWrites(db: Kysely<Database>, acks: AcknowledgedWrites): Promise<LostWrite[]> {
  const lost: LostWrite[] = [];
  for (const ids of chunks([...acks.applications.keys()])) {
    const rows = await db
      .selectFrom('applications')
      .select(['id', 'version', 'status'])
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const want = acks.applications.get(id)!;
      const row = byId.get(id);
      if (row === undefined || row.version < want.version || row.version > want.version + 1)
        lost.push({
          kind: 'application',
          key: id,
          expected: `version ${want.version} (or the next)`,
          found: row === undefined ? 'no row' : `version ${row.version}`,
        });
      else if (row.version === want.version && row.status !== want.status)
        lost.push({ kind: 'application', key: id, expected: want.status, found: row.status });
    }
  }
  for (const indices of chunks([...acks.ledgerEntries.keys()])) {
    const rows = await db
      .selectFrom('ledger_entries')
      .select(['idx', 'leaf_hash'])
      .where('idx', 'in', indices.map(String))
      .execute();
    const byIndex = new Map(rows.map((r) => [Number(r.idx), Buffer.from(r.leaf_hash).toString('hex')]));
    for (const index of indices) {
      const want = acks.ledgerEntries.get(index)!;
      const found = byIndex.get(index);
      if (found !== want)
        lost.push({ kind: 'ledger entry', key: String(index), expected: want, found: found ?? 'no row' });
    }
  }
  for (const sizes of chunks([...acks.checkpoints.keys()])) {
    const rows = await db
      .selectFrom('ledger_checkpoints')
      .select(['size', 'root'])
      .where('size', 'in', sizes.map(String))
      .execute();
    const bySize = new Map(rows.map((r) => [Number(r.size), Buffer.from(r.root).toString('base64')]));
    for (const size of sizes) {
      const want = acks.checkpoints.get(size)!;
      const found = bySize.get(size);
      if (found !== want)
        lost.push({ kind: 'checkpoint', key: String(size), expected: want, found: found ?? 'no row' });
    }
  }
  for (const loans of chunks([...acks.disbursements.keys()])) {
    const rows = await db
      .selectFrom('disbursements')
      .select(['id', 'application_id', 'end_to_end_id'])
      .where('application_id', 'in', loans)
      .execute();
    for (const applicationId of loans) {
      const want = acks.disbursements.get(applicationId)!;
      const mine = rows.filter((r) => r.application_id === applicationId);
      const found = mine.map((r) => `${r.id}/${r.end_to_end_id}`).join(', ');
      if (mine.length !== 1 || mine[0]!.id !== want.id || mine[0]!.end_to_end_id !== want.endToEndId)
        lost.push({
          kind: 'disbursement',
          key: applicationId,
          expected: `${want.id}/${want.endToEndId}`,
          found: found || 'no row',
        });
    }
  }
  return lost;
}

/** The database's own durability settings, as the server sees them. */
export async function durabilitySettings(db: Kysely<Database>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of [
    'fsync',
    'synchronous_commit',
    'full_page_writes',
    'data_checksums',
    'wal_sync_method',
  ]) {
    const r = await sql<Record<string, string>>`select current_setting(${name}, true) as value`.execute(db);
    out[name] = String(r.rows[0]?.value);
  }
  return out;
}
