import type { ColumnType, Generated } from 'kysely';

/** Video interviews (面签): slots, interviews, participants, script, questions, QC, conclusion. (migration 0014-interviews). */
export interface InterviewSlotsTable {
  id: string;
  officer_id: string;
  starts_at: Date;
  duration_minutes: number;
  status: string;
  created_at: Date;
}

export interface InterviewsTable {
  id: string;
  slot_id: string;
  application_id: string;
  officer_id: string;
  borrower_account_id: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
  version: number;
  created_at: Date;
  started_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason_enc: string | null;
  script: ColumnType<unknown, string | null, string | null>;
  script_sha256: string | null;
  confirmations: ColumnType<unknown, string | undefined, string>;
  questions_enc: string | null;
  prompting_enc: string | null;
  conclusion_enc: string | null;
  conclusion_sha256: string | null;
  outcome: string | null;
  concluded_by: string | null;
  concluded_at: Date | null;
  qc_status: Generated<string>;
  qc_by: string | null;
  qc_at: Date | null;
  qc_reason_enc: string | null;
  qc_report_sha256: string | null;
  reminder_sent_at: Date | null;
}

export interface InterviewParticipantsTable {
  interview_id: string;
  account_id: string;
  role: string;
  display_name_enc: string;
  location_enc: string | null;
  location_at: Date | null;
}

export interface InterviewTables {
  interview_slots: InterviewSlotsTable;
  interviews: InterviewsTable;
  interview_participants: InterviewParticipantsTable;
}
