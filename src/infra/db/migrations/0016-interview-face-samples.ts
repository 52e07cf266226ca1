import { sql, type Kysely } from 'kysely';

/**
 * Interview face samples (docs/interview-media.md, "Live identity check"): one row per frame the
 * server took of the borrower's camera during a room session (about every 3 s) — when, its offset
 * from the session start, how many faces, the match score against the authority's photo (null when
 * there is no reference), the head pose and the flags raised. No image is stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table interview_face_samples (
      id uuid primary key,
      interview_id uuid not null,
      session_id uuid not null,
      account_id uuid not null,
      at timestamptz not null,
      offset_ms integer not null,
      face_count integer not null,
      match_score double precision,
      yaw double precision,
      pitch double precision,
      flags jsonb not null
    )`.execute(db);
  await sql`create index interview_face_samples_by_interview on interview_face_samples (interview_id, at)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists interview_face_samples`.execute(db);
}
