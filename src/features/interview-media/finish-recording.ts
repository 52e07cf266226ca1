import type { InterviewMediaDeps } from './interview-media-deps';
import type { RecordedSegmentInfo, RecordingRow } from './interview-media.ports';

/**
 * After a room session ends: one composite WebM of all its segments (ffmpeg), its real duration
 * (ffprobe) and SHA-256, a row in `interview_recordings`, and an `interview.recording` leaf on the
 * ledger attesting the hash, duration and the participants' account ids and roles (no names). Returns
 * undefined when the session produced no media.
 */
export async function finishRecording(
  deps: Pick<InterviewMediaDeps, 'composer' | 'recordings' | 'recordEvidence' | 'clock' | 'newId'>,
  input: {
    interviewId: string;
    applicationId: string;
    sessionId: string;
    sessionStart: Date;
    participants: { accountId: string; role: string }[];
    segments: RecordedSegmentInfo[];
    endedBy: { accountId: string | null; role: string };
  },
): Promise<RecordingRow | undefined> {
  const made = await deps.composer.composite({
    interviewId: input.interviewId,
    sessionId: input.sessionId,
    sessionStart: input.sessionStart,
    segments: input.segments,
  });
  if (made === undefined) return undefined;
  const present = new Set(made.segments.map((s) => s.accountId));
  const participants = input.participants.filter((p) => present.has(p.accountId));
  const at = deps.clock();
  const ledgerIndex = await deps.recordEvidence({
    type: 'interview.recording',
    applicationId: input.applicationId,
    actor: input.endedBy,
    record: {
      interviewId: input.interviewId,
      sessionId: input.sessionId,
      sha256: made.sha256,
      durationMs: made.durationMs,
      sizeBytes: made.sizeBytes,
      sessionStartedAt: input.sessionStart.toISOString(),
      participants: participants.map((p) => ({ accountId: p.accountId, role: p.role })),
    },
    at,
  });
  const row: RecordingRow = {
    id: deps.newId(),
    interviewId: input.interviewId,
    applicationId: input.applicationId,
    sessionId: input.sessionId,
    path: made.path,
    sha256: made.sha256,
    durationMs: made.durationMs,
    sizeBytes: made.sizeBytes,
    participants,
    segments: made.segments,
    sessionStartedAt: input.sessionStart,
    createdAt: at,
    ledgerIndex,
  };
  await deps.recordings.insert(row);
  return row;
}
