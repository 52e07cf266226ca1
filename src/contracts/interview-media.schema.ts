import Type, { type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.schema';

/** One composite recording of an interview room session. */
export const InterviewRecording = Type.Object({
  id: Uuid,
  interviewId: Uuid,
  sessionId: Uuid,
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  durationMs: Type.Integer({ minimum: 0 }),
  sizeBytes: Type.Integer({ minimum: 0 }),
  participants: Type.Array(Type.Object({ accountId: Uuid, role: Type.String() })),
  segments: Type.Array(
    Type.Object({
      accountId: Uuid,
      role: Type.String(),
      kind: Type.Union([Type.Literal('camera'), Type.Literal('screen')]),
      offsetMs: Type.Integer({ minimum: 0 }),
      durationMs: Type.Integer({ minimum: 0 }),
    }),
  ),
  sessionStartedAt: IsoDateTime,
  createdAt: IsoDateTime,
  ledgerIndex: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});
export type InterviewRecording = Static<typeof InterviewRecording>;

export const InterviewRecordingList = Type.Object({ items: Type.Array(InterviewRecording) });
