import Type, { type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.schema';

export const FaceFlag = Type.Union([
  Type.Literal('no_face'),
  Type.Literal('second_face'),
  Type.Literal('mismatch'),
  Type.Literal('nod'),
]);

/** One sample of the borrower's face during the interview (no image). */
export const InterviewFaceSample = Type.Object({
  at: IsoDateTime,
  sessionId: Uuid,
  offsetMs: Type.Integer({ minimum: 0 }),
  faceCount: Type.Integer({ minimum: 0 }),
  /** Cosine similarity with the authority's photo; null without a reference or a single face. */
  matchScore: Type.Union([Type.Number(), Type.Null()]),
  pose: Type.Union([Type.Object({ yaw: Type.Number(), pitch: Type.Number() }), Type.Null()]),
  flags: Type.Array(FaceFlag),
});
export type InterviewFaceSample = Static<typeof InterviewFaceSample>;

/** The live identity check as the officer sees it: latest sample, alerts, nods. */
export const InterviewFaceSamples = Type.Object({
  threshold: Type.Number(),
  /** Where the match score comes from: the authority's photo, or none (verified by officer video). */
  reference: Type.Union([
    Type.Literal('authority_photo'),
    Type.Literal('officer_video'),
    Type.Literal('none'),
  ]),
  latest: Type.Union([InterviewFaceSample, Type.Null()]),
  samples: Type.Integer({ minimum: 0 }),
  nods: Type.Integer({ minimum: 0 }),
  /** The samples with a no-face, second-face or mismatch flag, newest first (at most 50). */
  alerts: Type.Array(InterviewFaceSample),
});
export type InterviewFaceSamples = Static<typeof InterviewFaceSamples>;
