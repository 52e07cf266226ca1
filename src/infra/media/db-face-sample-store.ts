import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { FaceFlag, FaceSampleRecord } from '../../features/interview-media/face-sampling';
import type { FaceSampleStore } from '../../features/interview-media/interview-media.ports';

const parse = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

/** The borrower's face samples in `interview_face_samples` (migration 0016); no images. */
export function createDbFaceSampleStore({ db }: { db: Kysely<Database> }): FaceSampleStore {
  return {
    async insert(row) {
      await db
        .insertInto('interview_face_samples')
        .values({
          id: row.id,
          interview_id: row.interviewId,
          session_id: row.sessionId,
          account_id: row.accountId,
          at: row.at,
          offset_ms: row.offsetMs,
          face_count: row.faceCount,
          match_score: row.matchScore,
          yaw: row.pose?.yaw ?? null,
          pitch: row.pose?.pitch ?? null,
          flags: JSON.stringify(row.flags),
        })
        .execute();
    },
    async listForInterview(interviewId) {
      const rows = await db
        .selectFrom('interview_face_samples')
        .selectAll()
        .where('interview_id', '=', interviewId)
        .orderBy('at')
        .execute();
      return rows.map((r): FaceSampleRecord => ({
        id: r.id,
        interviewId: r.interview_id,
        sessionId: r.session_id,
        accountId: r.account_id,
        at: new Date(r.at),
        offsetMs: Number(r.offset_ms),
        faceCount: Number(r.face_count),
        matchScore: r.match_score === null ? null : Number(r.match_score),
        pose: r.yaw === null || r.pitch === null ? null : { yaw: Number(r.yaw), pitch: Number(r.pitch) },
        flags: parse(r.flags) as FaceFlag[],
      }));
    },
  };
}
