import { sql, type Kysely } from 'kysely';

/**
 * Interview media (docs/interview-media.md): `interview_recordings`, one row per room session's
 * composite recording — the file's path under RECORDINGS_DIR, its SHA-256, real duration (ffprobe),
 * size, the participants (account ids and roles, no names), the per-participant segments it was made
 * from (offsets and durations), and the ledger leaf index of its `interview.recording` evidence.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table interview_recordings (
      id uuid primary key,
      interview_id uuid not null,
      application_id uuid not null,
      session_id uuid not null unique,
      path text not null,
      sha256 text not null,
      duration_ms integer not null,
      size_bytes bigint not null,
      participants jsonb not null,
      segments jsonb not null,
      session_started_at timestamptz not null,
      created_at timestamptz not null,
      ledger_index bigint
    )`.execute(db);
  await sql`create index interview_recordings_by_interview on interview_recordings (interview_id, created_at)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists interview_recordings`.execute(db);
}
