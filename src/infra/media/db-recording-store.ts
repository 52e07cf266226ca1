import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database';
import type { InterviewRecordingsTable } from '../db/tables/interview-media';
import type { RecordingRow, RecordingStore } from '../../features/interview-media/interview-media.ports';

const parse = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

function toRow(r: Selectable<InterviewRecordingsTable>): RecordingRow {
  return {
    id: r.id,
    interviewId: r.interview_id,
    applicationId: r.application_id,
    sessionId: r.session_id,
    path: r.path,
    sha256: r.sha256,
    durationMs: Number(r.duration_ms),
    sizeBytes: Number(r.size_bytes),
    participants: parse(r.participants) as RecordingRow['participants'],
    segments: parse(r.segments) as RecordingRow['segments'],
    sessionStartedAt: new Date(r.session_started_at),
    createdAt: new Date(r.created_at),
    ledgerIndex: r.ledger_index === null ? null : Number(r.ledger_index),
  };
}

/** Composite recordings in `interview_recordings` (migration 0015). */
export function createDbRecordingStore({ db }: { db: Kysely<Database> }): RecordingStore {
  return {
    async insert(row) {
      await db
        .insertInto('interview_recordings')
        .values({
          id: row.id,
          interview_id: row.interviewId,
          application_id: row.applicationId,
          session_id: row.sessionId,
          path: row.path,
          sha256: row.sha256,
          duration_ms: row.durationMs,
          size_bytes: row.sizeBytes,
          participants: JSON.stringify(row.participants),
          segments: JSON.stringify(row.segments),
          session_started_at: row.sessionStartedAt,
          created_at: row.createdAt,
          ledger_index: row.ledgerIndex,
        })
        .execute();
    },
    async listForInterview(interviewId) {
      const rows = await db
        .selectFrom('interview_recordings')
        .selectAll()
        .where('interview_id', '=', interviewId)
        .orderBy('created_at', 'asc')
        .execute();
      return rows.map(toRow);
    },
    async get(id) {
      const r = await db
        .selectFrom('interview_recordings')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toRow(r);
    },
    async listCreatedBefore(before) {
      const rows = await db
        .selectFrom('interview_recordings')
        .selectAll()
        .where('created_at', '<', before)
        .execute();
      return rows.map(toRow);
    },
    async delete(id) {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .deleteFrom('interview_recordings')
          .where('id', '=', id)
          .returning(['interview_id', 'session_id'])
          .executeTakeFirst();
        // The face samples of the session go with its recording: they only ever served its QC.
        if (row)
          await trx
            .deleteFrom('interview_face_samples')
            .where('interview_id', '=', row.interview_id)
            .where('session_id', '=', row.session_id)
            .execute();
      });
    },
  };
}
