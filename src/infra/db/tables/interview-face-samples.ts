import type { ColumnType } from 'kysely';

/** `interview_face_samples` (migration 0016): the borrower's face during the interview, no images. */
export interface InterviewFaceSamplesTable {
  id: string;
  interview_id: string;
  session_id: string;
  account_id: string;
  at: ColumnType<Date, Date | string, never>;
  offset_ms: number;
  face_count: number;
  match_score: number | null;
  yaw: number | null;
  pitch: number | null;
  /** JSON array of flags: no_face, second_face, mismatch, nod. */
  flags: ColumnType<unknown, string, never>;
}

export interface InterviewFaceSampleTables {
  interview_face_samples: InterviewFaceSamplesTable;
}
