import { cosineSimilarity } from '../../core/identity/face-match';
import type { DetectedFace } from '../../core/identity/face-analysis';
import { detectNod, flagSample, LEDGER_FLAGS, type FaceFlag } from './face-sampling';
import type { FaceSamplingDeps, InterviewMediaDeps } from './interview-media-deps';
import type { FrameTap, LiveRoom } from './interview-media.ports';

const largest = (faces: readonly DetectedFace[]) =>
  faces.reduce<DetectedFace | undefined>(
    (best, f) => (!best || f.box.width * f.box.height > best.box.width * best.box.height ? f : best),
    undefined,
  );

/** Canonical JSON (the ledger's record format) holds integers only: scores go as decimal strings. */
const decimal = (x: number | null) => (x === null ? null : x.toFixed(6));

/**
 * The live identity check (issue 7 items 5, 7): while the room is live, the borrower's camera RTP is
 * decoded to a frame a second (`grabber`), each frame is analysed by the face engine (face count, head
 * pose for nods), and every `sampleIntervalMs` a sample is stored with the match score against the
 * identity authority's photo (none when the borrower was verified by officer video) and its flags.
 * A second face or a mismatch, when it begins, also goes on the ledger as an `interview` leaf (flag and
 * time; no image). Frames that arrive while one is being analysed are dropped.
 */
export async function startFaceSampling(
  deps: Pick<InterviewMediaDeps, 'clock' | 'newId' | 'recordEvidence' | 'reportError'> & {
    faces: FaceSamplingDeps;
  },
  input: {
    interviewId: string;
    applicationId: string;
    sessionId: string;
    borrowerAccountId: string;
    /** The session's time zero (its first media packet), once known. */
    sessionStart: () => Date | undefined;
    room: LiveRoom;
  },
): Promise<{ stop(): Promise<void> } | undefined> {
  const { faces } = deps;
  if (!input.room.watchVideo || !faces.analyser()) return undefined;
  let reference: Promise<Float32Array | undefined> | undefined;
  const referenceEmbedding = () =>
    (reference ??= (async () => {
      const photo = await faces.references.photoOf(input.borrowerAccountId);
      if (!photo) return undefined;
      const analysis = await faces.analyser()!.analyse(photo, { describe: true });
      return largest(analysis.faces)?.embedding;
    })().catch((error: unknown) => {
      deps.reportError(error, 'interview face reference unavailable; samples have no score');
      return undefined;
    }));

  let isBusy = false;
  let isStopped = false;
  let lastStoredAt = -Infinity;
  let lastNodAt = -Infinity;
  let hasPendingNod = false;
  let previousFlags: FaceFlag[] = [];
  const poses: { atMs: number; pitch: number }[] = [];

  const onFrame = async (jpeg: Uint8Array) => {
    const analyser = faces.analyser();
    if (isBusy || isStopped || !analyser) return;
    isBusy = true;
    try {
      const at = deps.clock();
      const atMs = at.getTime();
      const analysis = await analyser.analyse(jpeg, { describe: false });
      const face = largest(analysis.faces);
      if (face && analysis.faces.length === 1) {
        poses.push({ atMs, pitch: face.pose.pitch });
        while (poses.length > 0 && atMs - poses[0]!.atMs > 3000) poses.shift();
        const nodAt = detectNod({ poses });
        if (nodAt !== undefined && nodAt > lastNodAt) {
          lastNodAt = nodAt;
          hasPendingNod = true;
          poses.splice(0, poses.length - 1);
        }
      }
      // Frames come about every 1/fps s: half a frame early still counts, so samples keep the interval.
      if (atMs - lastStoredAt < faces.sampleIntervalMs - 500 / faces.framesPerSecond) return;
      lastStoredAt = atMs;
      let matchScore: number | null = null;
      const ref = await referenceEmbedding();
      if (ref && face) {
        const described = await analyser.analyse(jpeg, { describe: true });
        const embedding = largest(described.faces)?.embedding;
        if (embedding) matchScore = cosineSimilarity(embedding, ref);
      }
      const flags = flagSample({ faceCount: analysis.faces.length, matchScore, threshold: faces.threshold });
      if (hasPendingNod) flags.push('nod');
      hasPendingNod = false;
      const start = input.sessionStart() ?? at;
      const offsetMs = Math.max(0, atMs - start.getTime());
      await faces.samples.insert({
        id: deps.newId(),
        interviewId: input.interviewId,
        sessionId: input.sessionId,
        accountId: input.borrowerAccountId,
        at,
        offsetMs,
        faceCount: analysis.faces.length,
        matchScore,
        pose: face ? { yaw: face.pose.yaw, pitch: face.pose.pitch } : null,
        flags,
      });
      for (const flag of LEDGER_FLAGS)
        if (flags.includes(flag) && !previousFlags.includes(flag))
          await deps.recordEvidence({
            type: 'interview',
            applicationId: input.applicationId,
            actor: { accountId: null, role: 'system' },
            record: {
              interviewId: input.interviewId,
              sessionId: input.sessionId,
              faceFlag: flag,
              at: at.toISOString(),
              offsetMs,
              faceCount: analysis.faces.length,
              matchScore: decimal(matchScore),
              threshold: decimal(faces.threshold),
            },
            at,
          });
      previousFlags = flags;
    } catch (error) {
      deps.reportError(error, 'interview face sample failed');
    } finally {
      isBusy = false;
    }
  };

  const tap: FrameTap = await faces.grabber.open({
    framesPerSecond: faces.framesPerSecond,
    onFrame: (jpeg) => void onFrame(jpeg),
  });
  const unwatch = input.room.watchVideo(input.borrowerAccountId, (rtp) => tap.write(rtp));
  return {
    async stop() {
      isStopped = true;
      unwatch();
      await tap.close();
    },
  };
}
