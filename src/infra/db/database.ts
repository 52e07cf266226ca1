import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Table types for Kysely. Columns ending in `_enc` hold envelope-encrypted text, `_hmac` keyed hashes for lookups. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AccountsTable {
  id: string;
  role: string;
  mobile_hmac: string;
  mobile_enc: string;
  mobile_masked: string;
  display_name_enc: string;
  company_name: string | null;
  credit_code_hmac: string | null;
  acting_as: string | null;
  password_hash: string;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  user_agent: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

export interface ApplicationsTable {
  id: string;
  reference: string;
  kind: string;
  product_code: string;
  status: string;
  version: number;
  borrower_account_id: string;
  amount: string | null;
  term_months: number | null;
  applicant_name_enc: string | null;
  applicant_name_hmac: string | null;
  id_number_hmac: string | null;
  credit_code_hmac: string | null;
  company_name: string | null;
  details_enc: string;
  screening_decision: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Date | null;
}

export interface ApplicationEventsTable {
  id: Generated<string>;
  application_id: string;
  seq: number;
  from_status: string | null;
  to_status: string;
  actor_account_id: string | null;
  actor_role: string;
  reason: string | null;
  at: Timestamp;
}

export interface ScreeningsTable {
  id: string;
  application_id: string;
  policy_version: string;
  decision: string;
  results: ColumnType<unknown, string, string>;
  screened_at: Timestamp;
}

export interface DocumentsTable {
  id: string;
  application_id: string;
  kind: string;
  filename_enc: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  blob_key: string;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface BlocklistTable {
  identifier_hmac: string;
  identifier_kind: string;
  reason: string;
  created_at: Timestamp;
}

/** The evidence ledger (migration 0002). Bytes are bytea (Buffer / Uint8Array); bigints come back as strings. */
type Int8 = ColumnType<string, string | number | bigint, string | number | bigint>;
type Bytes = ColumnType<Buffer, Uint8Array, Uint8Array>;

export interface LedgerSequenceTable {
  id: number;
  next_index: Int8;
}
export interface LedgerQueueTable {
  id: Generated<string>;
  entry: Bytes;
  leaf_hash: Bytes;
  subject: string | null;
  openings_enc: string | null;
  queued_at: Timestamp;
}
export interface LedgerEntriesTable {
  idx: Int8;
  entry: Bytes;
  leaf_hash: Bytes;
  subject: string | null;
  sequenced_at: Timestamp;
}
export interface LedgerTreeTable {
  id: number;
  size: Int8;
  root: Bytes;
}
export interface LedgerTilesTable {
  level: number;
  idx: Int8;
  hashes: Bytes;
}
export interface LedgerCheckpointsTable {
  size: Int8;
  root: Bytes;
  note: string;
  published_note: string | null;
  signed_at: Timestamp;
  published_at: Date | null;
}
export interface LedgerWitnessStateTable {
  witness: string;
  size: Int8;
}
export interface LedgerOpeningsTable {
  commitment: string;
  kind: string;
  opening_enc: string;
  created_at: Timestamp;
}
export interface WitnessedLogsTable {
  origin: string;
  size: Int8;
  root: Bytes;
  updated_at: Timestamp;
}

export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  screenings: ScreeningsTable;
  documents: DocumentsTable;
  blocklist: BlocklistTable;
  ledger_sequence: LedgerSequenceTable;
  ledger_queue: LedgerQueueTable;
  ledger_entries: LedgerEntriesTable;
  ledger_tree: LedgerTreeTable;
  ledger_tiles: LedgerTilesTable;
  ledger_checkpoints: LedgerCheckpointsTable;
  ledger_witness_state: LedgerWitnessStateTable;
  ledger_openings: LedgerOpeningsTable;
  witnessed_logs: WitnessedLogsTable;
}

export type AccountRow = Selectable<AccountsTable>;
export type NewAccountRow = Insertable<AccountsTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
