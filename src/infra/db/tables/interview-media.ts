import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** One room session's composite recording. */
export interface InterviewRecordingsTable {
  id: string;
  interview_id: string;
  application_id: string;
  session_id: string;
  path: string;
  sha256: string;
  duration_ms: number;
  size_bytes: ColumnType<number, number, number>;
  /** JSON: [{accountId, role}] */
  participants: ColumnType<unknown, string, string>;
  /** JSON: [{accountId, role, kind, file, offsetMs, durationMs}] */
  segments: ColumnType<unknown, string, string>;
  session_started_at: Timestamp;
  created_at: Timestamp;
  ledger_index: ColumnType<number | null, number | null | undefined, number | null>;
}

/** Interview media: recording segments per participant and the composite recording. (migration 0015-interview-media). */
export interface InterviewMediaTables {
  interview_recordings: InterviewRecordingsTable;
}
