import type { InterviewFaceSample, InterviewFaceSamples } from '../../contracts/interview-face.schema';
import type { FaceSampleRecord } from './face-sampling';
import type { FaceSamplingDeps } from './interview-media-deps';

const view = (s: FaceSampleRecord): InterviewFaceSample => ({
  at: s.at.toISOString(),
  sessionId: s.sessionId,
  offsetMs: s.offsetMs,
  faceCount: s.faceCount,
  matchScore: s.matchScore,
  pose: s.pose,
  flags: s.flags,
});

/**
 * The live identity check for the officer's console: the latest sample (score, flags), the alerts
 * (no face, second face, mismatch; newest first), the nods counted, and where the score comes from
 * (no reference photo for a borrower verified by officer video: scores are null).
 */
export async function viewFaceSamples({
  faces,
  interviewId,
}: {
  faces: FaceSamplingDeps | undefined;
  interviewId: string;
}): Promise<InterviewFaceSamples> {
  const samples = faces ? await faces.samples.listForInterview(interviewId) : [];
  const latest = samples.at(-1);
  const reference = latest && faces ? await faces.references.kindOf(latest.accountId) : 'none';
  return {
    threshold: faces?.threshold ?? 0,
    reference,
    latest: latest ? view(latest) : null,
    samples: samples.length,
    nods: samples.filter((s) => s.flags.includes('nod')).length,
    alerts: samples
      .filter((s) => s.flags.some((f) => f !== 'nod'))
      .reverse()
      .slice(0, 50)
      .map(view),
  };
}
