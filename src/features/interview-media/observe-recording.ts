import type { RecordingStore } from './interview-media.ports';

/**
 * What the media side observed of an interview, in the shape scheduling's QC report reads
 * (`InterviewObservations` in src/features/interview): the latest composite recording's SHA-256 and
 * duration. Face samples are not taken yet (none).
 */
export function observeInterviewMedia({ recordings }: { recordings: RecordingStore }) {
  return {
    faceSamples: (
      _interviewId: string,
    ): Promise<{ at: Date; faceCount: number; matchScore: number | null }[]> => Promise.resolve([]),
    async recording(interviewId: string): Promise<{ sha256: string; durationSeconds: number } | null> {
      const latest = (await recordings.listForInterview(interviewId)).at(-1);
      return latest
        ? { sha256: latest.sha256, durationSeconds: Math.round(latest.durationMs / 100) / 10 }
        : null;
    },
  };
}
