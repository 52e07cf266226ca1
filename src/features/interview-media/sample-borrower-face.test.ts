import { describe, expect, it } from 'vitest';
import type { DetectedFace, FaceAnalysis } from '../../core/identity/face-analysis';
import type { FaceSampleRecord } from './face-sampling';
import type { FaceSamplingDeps } from './interview-media-deps';
import type { LiveRoom } from './interview-media.ports';
import { startFaceSampling } from './sample-borrower-face';
import { viewFaceSamples } from './view-face-samples';

/** A frame is one byte naming its scene; the fake engine "sees" the scene's faces. */
const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return Float32Array.from(v.map((x) => x / n));
};
const face = (pitch: number, embedding: Float32Array, size = 100): DetectedFace => ({
  score: 0.9,
  box: { x: 0, y: 0, width: size, height: size },
  embedding,
  pose: { yaw: 0, pitch, roll: 0 },
});
const borrowerFace = unit([1, 0.1, 0]);
const strangerFace = unit([0, 1, 0.2]);

function harness({ reference }: { reference: 'authority_photo' | 'officer_video' }) {
  const scenes: Record<number, DetectedFace[]> = {
    0: [],
    1: [face(0, borrowerFace)],
    2: [face(15, borrowerFace)],
    3: [face(0, strangerFace)],
    4: [face(0, borrowerFace, 120), face(0, strangerFace, 80)],
    9: [face(0, unit([1, 0.05, 0]))], // the authority's photo
  };
  let now = 1_000_000;
  let onFrame: (jpeg: Uint8Array) => void = () => {};
  let watcher: ((rtp: Uint8Array) => void) | undefined;
  const stored: FaceSampleRecord[] = [];
  const evidence: { record: Record<string, unknown> }[] = [];
  const faces: FaceSamplingDeps = {
    analyser: () => ({
      modelVersion: 'fake',
      analyse: async (image, options): Promise<FaceAnalysis> => ({
        width: 640,
        height: 480,
        faces: scenes[image[0]!]!.map((f) =>
          options?.describe === false ? { ...f, embedding: undefined } : f,
        ),
      }),
    }),
    grabber: {
      open: async (input) => {
        onFrame = input.onFrame;
        return { write: () => {}, close: async () => {} };
      },
    },
    references: {
      kindOf: async () => reference,
      photoOf: async () => (reference === 'authority_photo' ? Uint8Array.of(9) : undefined),
    },
    samples: {
      insert: async (row) => void stored.push(row),
      listForInterview: async () => stored,
    },
    threshold: 0.613,
    sampleIntervalMs: 3000,
    framesPerSecond: 1,
  };
  const room = {
    firstMediaAt: new Date(1_000_000),
    watchVideo: (_accountId: string, listener: (rtp: Uint8Array) => void) => {
      watcher = listener;
      return () => (watcher = undefined);
    },
  } as unknown as LiveRoom;
  const start = () =>
    startFaceSampling(
      {
        clock: () => new Date(now),
        newId: () => `id-${stored.length}`,
        recordEvidence: async (input) => {
          evidence.push(input as never);
          return evidence.length;
        },
        reportError: (e) => {
          throw e;
        },
        faces,
      },
      {
        interviewId: 'i1',
        applicationId: 'a1',
        sessionId: 's1',
        borrowerAccountId: 'b1',
        sessionStart: () => new Date(1_000_000),
        room,
      },
    );
  /** One frame a second of the given scenes. */
  const play = async (sceneIds: number[]) => {
    for (const id of sceneIds) {
      now += 1000;
      onFrame(Uint8Array.of(id));
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    }
  };
  return { start, play, stored, evidence, faces, isWatching: () => watcher !== undefined };
}

describe('startFaceSampling', () => {
  it('stores a sample every 3 s with score and flags; a nod, a stranger and a second face are flagged, the ledger hears each flag when it begins', async () => {
    const h = harness({ reference: 'authority_photo' });
    const sampling = await h.start();
    expect(h.isWatching()).toBe(true);
    // 1 s frames: borrower, borrower nods (down, up), borrower, stranger ×3, two faces ×3, nobody ×3.
    await h.play([1, 1, 2, 1, 1, 1, 3, 3, 3, 4, 4, 4, 0, 0, 0]);
    await sampling!.stop();
    expect(h.isWatching()).toBe(false);
    const rows = h.stored.map((s) => ({ offset: s.offsetMs, faces: s.faceCount, flags: s.flags }));
    expect(rows).toEqual([
      { offset: 1000, faces: 1, flags: [] },
      { offset: 4000, faces: 1, flags: ['nod'] },
      { offset: 7000, faces: 1, flags: ['mismatch'] },
      { offset: 10000, faces: 2, flags: ['second_face'] },
      { offset: 13000, faces: 0, flags: ['no_face'] },
    ]);
    expect(h.stored[0]!.matchScore).toBeGreaterThan(0.99);
    expect(h.stored[2]!.matchScore).toBeLessThan(0.613);
    expect(h.stored[4]!.matchScore).toBeNull();
    expect(h.evidence.map((e) => e.record.faceFlag)).toEqual(['mismatch', 'second_face']);
    expect(h.evidence[0]!.record).toMatchObject({ interviewId: 'i1', offsetMs: 7000, threshold: '0.613000' });

    const view = await viewFaceSamples({ faces: h.faces, interviewId: 'i1' });
    expect(view).toMatchObject({ reference: 'authority_photo', samples: 5, nods: 1 });
    expect(view.latest?.flags).toEqual(['no_face']);
    expect(view.alerts.map((a) => a.flags[0])).toEqual(['no_face', 'second_face', 'mismatch']);
  });

  it('has no score for a borrower verified by officer video, and says so', async () => {
    const h = harness({ reference: 'officer_video' });
    const sampling = await h.start();
    await h.play([1, 1, 1, 3]);
    await sampling!.stop();
    expect(h.stored.map((s) => [s.matchScore, s.flags])).toEqual([
      [null, []],
      [null, []],
    ]);
    const view = await viewFaceSamples({ faces: h.faces, interviewId: 'i1' });
    expect(view.reference).toBe('officer_video');
    expect(view.latest?.matchScore).toBeNull();
  });
});
