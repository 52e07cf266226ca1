import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';

export type PreparedEntry = PreparedEvidence;

export interface StoredEntry {
  readonly index: number;
  readonly entry: Buffer;
  readonly leafHash: Buffer;
  readonly sequencedAt: Date;
  /**
   * The subject column beside the leaf (what `entriesBySubject`, and so the evidence package, selects
   * by), when the store reads it: it must be the leaf's own subject, or a leaf could be hidden from
   * its loan's package.
   */
  readonly subject?: string | null;
}

export interface TileKey {
  readonly level: number;
  readonly index: number;
}

export interface CheckpointRecord {
  readonly size: number;
  readonly root: Buffer;
  /** The note signed by the log. */
  readonly note: string;
  /** The note with the witnesses' cosignatures, once published; null until then. */
  readonly publishedNote: string | null;
  readonly signedAt: Date;
}

/** What integration may do while it holds the tree lock (one integrator at a time, across all nodes). */
export interface IntegrationTx {
  tree(): Promise<{ size: number; root: Buffer }>;
  /** Leaf hashes of sequenced entries from index `from`, at most `limit`, in index order. */
  leafHashes(from: number, limit: number): Promise<Buffer[]>;
  readTiles(keys: readonly TileKey[]): Promise<Map<string, Buffer>>;
  writeTiles(tiles: readonly (TileKey & { hashes: Buffer })[]): Promise<void>;
  setTree(size: number, root: Buffer): Promise<void>;
  lastCheckpoint(): Promise<CheckpointRecord | undefined>;
  /** Stores a signed checkpoint; `publish` marks it published at once (no witnesses configured). */
  insertCheckpoint(c: { size: number; root: Buffer; note: string; publish: boolean }): Promise<void>;
}

/**
 * The log's storage. Sequencing (append, sequenceQueued) gives entries their index and is durable
 * when it returns; integration writes tiles later, in batches, under its own lock.
 */
export interface LedgerStore {
  /** Appends entries and returns their indices once committed. Concurrent calls are batched. */
  append(entries: readonly PreparedEntry[]): Promise<number[]>;
  /** Moves evidence queued by business transactions (the outbox) into the log. */
  sequenceQueued(): Promise<void>;
  /** Number of sequenced entries (the next index). */
  sequencedSize(): Promise<number>;
  integrate<T>(work: (tx: IntegrationTx) => Promise<T>): Promise<T>;
  tree(): Promise<{ size: number; root: Buffer }>;
  /**
   * Tiles by `${level}/${index}` (possibly partial); missing tiles are absent. `width` says how many
   * hashes the caller needs (default 256): a cached copy at least that wide may answer.
   */
  readTiles(keys: readonly (TileKey & { width?: number })[]): Promise<Map<string, Buffer>>;
  /** Loads stored tiles into this node's cache (as many as it keeps), so proofs need no reads; returns how many. */
  warmUp(): Promise<number>;
  /** Entries [from, to) in order. */
  readEntries(from: number, to: number): Promise<StoredEntry[]>;
  indexOfLeafHash(leafHash: Uint8Array): Promise<number | undefined>;
  entriesBySubject(subject: string): Promise<StoredEntry[]>;
  latestPublishedCheckpoint(): Promise<CheckpointRecord | undefined>;
  latestCheckpoint(): Promise<CheckpointRecord | undefined>;
  checkpointOfSize(size: number): Promise<CheckpointRecord | undefined>;
  /** Records the cosigned note; a no-op if that checkpoint was published already. */
  publishCheckpoint(size: number, publishedNote: string): Promise<void>;
  witnessSize(witness: string): Promise<number>;
  setWitnessSize(witness: string, size: number): Promise<void>;
  /** Every checkpoint ever signed, oldest first (for the audit). */
  listCheckpoints(): Promise<CheckpointRecord[]>;
  /** Every stored tile of one level, by index (for the audit). */
  tilesOfLevel(level: number): Promise<Map<number, Buffer>>;
}
