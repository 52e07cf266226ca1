import type { DisclosureKey } from './interview-script';
import type { QuestionKey } from './verification-questions';
import { FACE_MATCH_THRESHOLD } from '../identity/face-threshold';

export type ConfirmationMethod = 'voice' | 'nod';

export interface ScriptConfirmation {
  key: DisclosureKey;
  method: ConfirmationMethod;
  /** Server time of the tick. */
  at: Date;
  /** Seconds from the interview's start (the recording's timeline); null if it had not started. */
  offsetSeconds: number | null;
}

export interface AskedQuestion {
  key: QuestionKey;
  /** The answer as the officer heard it (null: not asked yet). */
  answer: string | null;
  isMatch: boolean | null;
  at: Date | null;
  offsetSeconds: number | null;
}

export interface PromptingFlag {
  at: Date;
  offsetSeconds: number | null;
  note: string;
}

/** What the media side observed: face samples and the composite recording (none until it feeds them). */
export interface FaceSample {
  at: Date;
  faceCount: number;
  matchScore: number | null;
  /** The head pose of the seconds before this sample showed a nod (点头). */
  isNod: boolean;
}
export interface RecordingFact {
  sha256: string;
  durationSeconds: number;
}

/** The minimum share of face samples with exactly one face for presence to count as continuous. */
export const FACE_PRESENCE_MIN = 0.9;
/**
 * Below this match score a sample is an alert (another person in front of the camera?): the identity
 * check's own threshold, so the QC report and the live check flag the same samples.
 */
export const FACE_MATCH_MIN = FACE_MATCH_THRESHOLD;

/**
 * A confirmation by nod counts as seen when the server's head-pose signal showed a nod from
 * `NOD_BEFORE_MS` before the officer's tick to `NOD_AFTER_MS` after it: the officer ticks after
 * seeing the nod (a sample reports a nod up to about 3 s after it happened, the sampling period),
 * and a tick just before the sample that carries the nod is allowed for.
 */
export const NOD_BEFORE_MS = 20_000;
export const NOD_AFTER_MS = 6_000;

export type QcAlert =
  | { kind: 'disclosure_not_confirmed'; key: DisclosureKey }
  | { kind: 'question_not_answered'; key: QuestionKey }
  | { kind: 'answer_mismatch'; key: QuestionKey }
  | { kind: 'prompting_flagged'; count: number }
  | { kind: 'no_face'; at: string }
  | { kind: 'several_faces'; at: string; faceCount: number }
  | { kind: 'low_match'; at: string; matchScore: number }
  | { kind: 'nod_not_seen'; key: DisclosureKey };

export type QcMissing = 'face_samples' | 'recording';

export interface QcReport {
  scriptVersion: string;
  coverage: {
    items: {
      key: DisclosureKey;
      isConfirmed: boolean;
      method: ConfirmationMethod | null;
      offsetSeconds: number | null;
      /**
       * For a confirmation by nod: whether the head-pose signal saw a nod around the tick; null for
       * voice confirmations, and when there are no face samples to judge by.
       */
      isNodSeen: boolean | null;
    }[];
    confirmed: number;
    total: number;
    isComplete: boolean;
  };
  questions: { asked: number; answered: number; matched: number; mismatched: QuestionKey[] };
  prompting: { count: number; offsets: (number | null)[] };
  face: { samples: number; withOneFace: number; presence: number | null; isContinuous: boolean | null };
  recording: RecordingFact | null;
  alerts: QcAlert[];
  /** What the report could not judge because the facts have not arrived. */
  missing: QcMissing[];
  /** Nothing alerted and nothing is missing. */
  isClean: boolean;
}

/**
 * The quality-control report (质检报告) of an interview, pure: script coverage item by item with the
 * time offsets, questions asked and matched, prompting flagged, face presence and alerts from the
 * media side's samples, the recording; and what is missing (no samples, no recording yet).
 */
export function buildQcReport({
  scriptVersion,
  scriptKeys,
  confirmations,
  questions,
  prompting,
  faceSamples,
  recording,
}: {
  scriptVersion: string;
  scriptKeys: readonly DisclosureKey[];
  confirmations: readonly ScriptConfirmation[];
  questions: readonly AskedQuestion[];
  prompting: readonly PromptingFlag[];
  faceSamples: readonly FaceSample[];
  recording: RecordingFact | null;
}): QcReport {
  const alerts: QcAlert[] = [];
  const nods = faceSamples.filter((x) => x.isNod).map((x) => x.at.getTime());
  const items = scriptKeys.map((key) => {
    const c = confirmations.filter((x) => x.key === key).at(-1);
    if (!c) alerts.push({ kind: 'disclosure_not_confirmed', key });
    const tick = c?.at.getTime();
    const isNodSeen =
      c?.method !== 'nod' || tick === undefined || faceSamples.length === 0
        ? null
        : nods.some((at) => at >= tick - NOD_BEFORE_MS && at <= tick + NOD_AFTER_MS);
    if (isNodSeen === false) alerts.push({ kind: 'nod_not_seen', key });
    return {
      key,
      isConfirmed: c !== undefined,
      method: c?.method ?? null,
      offsetSeconds: c?.offsetSeconds ?? null,
      isNodSeen,
    };
  });
  const confirmed = items.filter((i) => i.isConfirmed).length;
  const mismatched: QuestionKey[] = [];
  for (const q of questions) {
    if (q.answer === null) alerts.push({ kind: 'question_not_answered', key: q.key });
    else if (q.isMatch === false) {
      mismatched.push(q.key);
      alerts.push({ kind: 'answer_mismatch', key: q.key });
    }
  }
  if (prompting.length > 0) alerts.push({ kind: 'prompting_flagged', count: prompting.length });
  const withOneFace = faceSamples.filter((s) => s.faceCount === 1).length;
  for (const s of faceSamples) {
    const at = s.at.toISOString();
    if (s.faceCount === 0) alerts.push({ kind: 'no_face', at });
    else if (s.faceCount > 1) alerts.push({ kind: 'several_faces', at, faceCount: s.faceCount });
    else if (s.matchScore !== null && s.matchScore < FACE_MATCH_MIN)
      alerts.push({ kind: 'low_match', at, matchScore: s.matchScore });
  }
  const presence = faceSamples.length === 0 ? null : withOneFace / faceSamples.length;
  const missing: QcMissing[] = [];
  if (faceSamples.length === 0) missing.push('face_samples');
  if (!recording) missing.push('recording');
  return {
    scriptVersion,
    coverage: { items, confirmed, total: items.length, isComplete: confirmed === items.length },
    questions: {
      asked: questions.length,
      answered: questions.filter((q) => q.answer !== null).length,
      matched: questions.filter((q) => q.isMatch === true).length,
      mismatched,
    },
    prompting: { count: prompting.length, offsets: prompting.map((p) => p.offsetSeconds) },
    face: {
      samples: faceSamples.length,
      withOneFace,
      presence,
      isContinuous: presence === null ? null : presence >= FACE_PRESENCE_MIN,
    },
    recording,
    alerts,
    missing,
    isClean: alerts.length === 0 && missing.length === 0,
  };
}

/** Seconds from `startedAt` to `at` (the recording's timeline), or null before the interview started. */
export function offsetFrom({ startedAt, at }: { startedAt: Date | null; at: Date }): number | null {
  if (!startedAt) return null;
  return Math.max(0, Math.round((at.getTime() - startedAt.getTime()) / 1000));
}
