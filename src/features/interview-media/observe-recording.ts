import type { FaceSampleStore, RecordingStore } from './interview-media.ports';

/**
 * What the media side observed of an interview, in the shape scheduling's QC report reads
 * (`InterviewObservations` in src/features/interview): the borrower's face samples taken during the
 * room sessions (face count, match score; none without a sample store) and the latest composite
 * recording's SHA-256 and duration.
 */
export function observeInterviewMedia({
  recordings,
  faceSamples,
}: {
  recordings: RecordingStore;
  faceSamples?: FaceSampleStore | undefined;
}) {
  return {
    async faceSamples(
      interviewId: string,
    ): Promise<{ at: Date; faceCount: number; matchScore: number | null; isNod: boolean }[]> {
      if (!faceSamples) return [];
      return (await faceSamples.listForInterview(interviewId)).map((s) => ({
        at: s.at,
        faceCount: s.faceCount,
        matchScore: s.matchScore,
        isNod: s.flags.includes('nod'),
      }));
    },
    async recording(interviewId: string): Promise<{ sha256: string; durationSeconds: number } | null> {
      const latest = (await recordings.listForInterview(interviewId)).at(-1);
      return latest
        ? { sha256: latest.sha256, durationSeconds: Math.round(latest.durationMs / 100) / 10 }
        : null;
    },
  };
}
