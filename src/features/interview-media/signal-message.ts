/**
 * The interview room's signalling protocol (docs/interview-media.md): JSON text frames over
 * `GET /api/interviews/:id/signal`. The server is every browser's peer and always the offerer; the
 * browser answers, trickles its ICE candidates, and reports mute state and connection quality.
 * Pure: parsing and validation only.
 */

/** Largest frame accepted from a browser (an SDP answer with 15 m-lines is ~10 KB). */
export const MAX_SIGNAL_MESSAGE_BYTES = 64 * 1024;

export interface JoinMessage {
  type: 'join';
  /** The location text, only when the participant consented to share it (shown on the recording). */
  location?: string;
}
export interface AnswerMessage {
  type: 'answer';
  sdp: string;
}
export interface CandidateMessage {
  type: 'candidate';
  candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null };
}
export interface MuteMessage {
  type: 'mute';
  audio: boolean;
  video: boolean;
}
export interface QualityMessage {
  type: 'quality';
  rttMs?: number;
  lossPercent?: number;
  kbpsIn?: number;
  kbpsOut?: number;
}
export interface ScreenMessage {
  type: 'screen';
  sharing: boolean;
}
/** The officer ends the interview: recording stops for everyone and the composite is made. */
export interface EndMessage {
  type: 'end';
}
export interface PongMessage {
  type: 'pong';
}

export type ClientSignal =
  | JoinMessage
  | AnswerMessage
  | CandidateMessage
  | MuteMessage
  | QualityMessage
  | ScreenMessage
  | EndMessage
  | PongMessage;

export type ParsedSignal = { ok: true; message: ClientSignal } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteIn = (v: unknown, min: number, max: number) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const optionalNumber = (o: Record<string, unknown>, key: string, max: number) =>
  o[key] === undefined || isFiniteIn(o[key], 0, max);
const hasOnly = (o: Record<string, unknown>, keys: string[]) => Object.keys(o).every((k) => keys.includes(k));

/** Parses one text frame from a browser; anything malformed is an error message, never an exception. */
export function parseClientSignal(raw: string | Buffer): ParsedSignal {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (size > MAX_SIGNAL_MESSAGE_BYTES) return { ok: false, error: 'message_too_large' };
  let value: unknown;
  try {
    value = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    return { ok: false, error: 'invalid_json' };
  }
  if (!isObject(value) || typeof value.type !== 'string') return { ok: false, error: 'missing_type' };
  const o = value;
  const bad = (what: string): ParsedSignal => ({ ok: false, error: `invalid_${what}` });
  switch (o.type) {
    case 'join':
      if (!hasOnly(o, ['type', 'location'])) return bad('join');
      if (o.location !== undefined && (typeof o.location !== 'string' || o.location.length > 120))
        return bad('join');
      return {
        ok: true,
        message: o.location === undefined ? { type: 'join' } : { type: 'join', location: o.location },
      };
    case 'answer':
      if (!hasOnly(o, ['type', 'sdp']) || typeof o.sdp !== 'string' || !o.sdp.startsWith('v=0'))
        return bad('answer');
      return { ok: true, message: { type: 'answer', sdp: o.sdp } };
    case 'candidate': {
      if (!hasOnly(o, ['type', 'candidate']) || !isObject(o.candidate)) return bad('candidate');
      const c = o.candidate;
      if (typeof c.candidate !== 'string' || c.candidate.length > 1024) return bad('candidate');
      if (
        c.sdpMid !== undefined &&
        c.sdpMid !== null &&
        (typeof c.sdpMid !== 'string' || c.sdpMid.length > 32)
      )
        return bad('candidate');
      if (
        c.sdpMLineIndex !== undefined &&
        c.sdpMLineIndex !== null &&
        !(Number.isInteger(c.sdpMLineIndex) && isFiniteIn(c.sdpMLineIndex, 0, 64))
      )
        return bad('candidate');
      return {
        ok: true,
        message: {
          type: 'candidate',
          candidate: {
            candidate: c.candidate,
            sdpMid: (c.sdpMid as string | null | undefined) ?? null,
            sdpMLineIndex: (c.sdpMLineIndex as number | null | undefined) ?? null,
          },
        },
      };
    }
    case 'mute':
      if (
        !hasOnly(o, ['type', 'audio', 'video']) ||
        typeof o.audio !== 'boolean' ||
        typeof o.video !== 'boolean'
      )
        return bad('mute');
      return { ok: true, message: { type: 'mute', audio: o.audio, video: o.video } };
    case 'quality': {
      if (!hasOnly(o, ['type', 'rttMs', 'lossPercent', 'kbpsIn', 'kbpsOut'])) return bad('quality');
      if (
        !optionalNumber(o, 'rttMs', 60_000) ||
        !optionalNumber(o, 'lossPercent', 100) ||
        !optionalNumber(o, 'kbpsIn', 1_000_000) ||
        !optionalNumber(o, 'kbpsOut', 1_000_000)
      )
        return bad('quality');
      const m: QualityMessage = { type: 'quality' };
      for (const k of ['rttMs', 'lossPercent', 'kbpsIn', 'kbpsOut'] as const)
        if (o[k] !== undefined) m[k] = o[k] as number;
      return { ok: true, message: m };
    }
    case 'screen':
      if (!hasOnly(o, ['type', 'sharing']) || typeof o.sharing !== 'boolean') return bad('screen');
      return { ok: true, message: { type: 'screen', sharing: o.sharing } };
    case 'end':
      return hasOnly(o, ['type']) ? { ok: true, message: { type: 'end' } } : bad('end');
    case 'pong':
      return { ok: true, message: { type: 'pong' } };
    default:
      return { ok: false, error: 'unknown_type' };
  }
}

/** A sliding one-second window: true while a socket stays under `perSecond` messages. */
export function createRateLimiter({ perSecond, now }: { perSecond: number; now: () => number }) {
  let windowStart = now();
  let count = 0;
  return (): boolean => {
    const t = now();
    if (t - windowStart >= 1000) {
      windowStart = t;
      count = 0;
    }
    count++;
    return count <= perSecond;
  };
}

/** WebSocket close codes the room uses (4000–4999 are the application's). */
export const SignalClose = {
  notAdmitted: 4403,
  notOpen: 4409,
  closed: 4410,
  replaced: 4001,
  ended: 4000,
  rateLimited: 4429,
  full: 4413,
} as const;
