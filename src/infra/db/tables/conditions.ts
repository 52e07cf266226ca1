import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A tick (evidence file) or waiver of a condition precedent; revoked ones keep their row. */
export interface ConditionResolutionsTable {
  id: string;
  application_id: string;
  condition_code: string;
  checklist_version: string;
  kind: 'met' | 'waived';
  /** Envelope-encrypted. */
  note_enc: string;
  filename: string | null;
  content_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  blob_key: string | null;
  resolved_by: string;
  resolved_by_role: string;
  resolved_at: Timestamp;
  revoked_by: string | null;
  revoked_by_role: string | null;
  revoked_at: Timestamp | null;
  /** Envelope-encrypted. */
  revoke_reason_enc: string | null;
}

/** Conditions precedent (放款前提条件) per application, and their evidence. (migration 0012-conditions-precedent). */
export interface ConditionTables {
  condition_resolutions: ConditionResolutionsTable;
}
