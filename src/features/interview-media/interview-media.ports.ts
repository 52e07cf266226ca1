import type { FaceAnalysis } from '../../core/identity/face-analysis';
import type { FaceSampleRecord } from './face-sampling';

/** What the interview room's media use cases need from the outside (adapters in src/infra/media and db). */

/**
 * Who may enter which room, as what, when: answered by scheduling (`src/features/interview`'s
 * `InterviewRoomAccess`, which satisfies this shape); the media side never decides it.
 */
export interface RoomAdmission {
  interviewId: string;
  applicationId: string;
  participant: { accountId: string; role: 'officer' | 'borrower' | 'guarantor'; displayName: string };
  participants: { accountId: string; role: 'officer' | 'borrower' | 'guarantor'; displayName: string }[];
  opensAt: Date;
  closesAt: Date;
}

export interface RoomAccess {
  admit(input: {
    interviewId: string;
    accountId: string;
    at: Date;
  }): Promise<
    { ok: true; admission: RoomAdmission } | { ok: false; reason: 'not_found' | 'not_open' | 'closed' }
  >;
  started(input: { interviewId: string; at: Date }): Promise<void>;
}

/** The recording files, for streaming to staff. */
export interface RecordingFiles {
  /** The file's size, or undefined when it is gone. */
  sizeOf(path: string): Promise<number | undefined>;
  /** Bytes [start, end] (inclusive) or the whole file. */
  read(path: string, range?: { start: number; end: number }): NodeJS.ReadableStream;
}

export interface RecordedSegmentInfo {
  accountId: string;
  role: string;
  kind: 'camera' | 'screen';
  path: string;
  startedAt: Date;
  endedAt: Date;
  location: string | undefined;
}

export type MediaSignal = { type: string; [key: string]: unknown };

/** One live room session: the server's WebRTC peers and recorders (src/infra/media/media-room.ts). */
export interface LiveRoom {
  join(input: {
    participant: { accountId: string; role: string; displayName: string };
    location: string | undefined;
    send: (message: MediaSignal) => void;
  }): Promise<void>;
  answer(accountId: string, sdp: string): Promise<void>;
  candidate(
    accountId: string,
    candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null },
  ): Promise<void>;
  leave(accountId: string): Promise<void>;
  close(): Promise<RecordedSegmentInfo[]>;
  readonly firstMediaAt: Date | undefined;
  /** Hands every video (camera) RTP packet of `accountId` to `listener`, also after a reconnect. */
  watchVideo?(accountId: string, listener: (rtp: Uint8Array) => void): () => void;
}

export interface MediaEngine {
  openRoom(input: {
    interviewId: string;
    sessionId: string;
    invited: { accountId: string; role: string; displayName: string }[];
  }): LiveRoom;
  /** The ICE servers browsers get (the same the server peer uses). */
  readonly iceServers: readonly {
    urls: string | readonly string[];
    username?: string;
    credential?: string;
  }[];
}

export interface CompositeResult {
  path: string;
  sha256: string;
  durationMs: number;
  sizeBytes: number;
  /** The segments that held media, with their offsets and durations. */
  segments: {
    accountId: string;
    role: string;
    kind: 'camera' | 'screen';
    file: string;
    offsetMs: number;
    durationMs: number;
  }[];
}

/** Makes one composite WebM of a session's segments (ffmpeg) and measures it (ffprobe, SHA-256). */
export interface MediaComposer {
  composite(input: {
    interviewId: string;
    sessionId: string;
    sessionStart: Date;
    segments: RecordedSegmentInfo[];
  }): Promise<CompositeResult | undefined>;
}

export interface RecordingRow {
  id: string;
  interviewId: string;
  applicationId: string;
  sessionId: string;
  path: string;
  sha256: string;
  durationMs: number;
  sizeBytes: number;
  participants: { accountId: string; role: string }[];
  segments: CompositeResult['segments'];
  sessionStartedAt: Date;
  createdAt: Date;
  ledgerIndex: number | null;
}

export interface RecordingStore {
  insert(row: RecordingRow): Promise<void>;
  listForInterview(interviewId: string): Promise<RecordingRow[]>;
  get(id: string): Promise<RecordingRow | undefined>;
  listCreatedBefore(before: Date): Promise<RecordingRow[]>;
  /** Deletes the recording's row and the face samples taken in its session (retention), together. */
  delete(id: string): Promise<void>;
}

/** What the face engine measures in one image (the identity feature's engine satisfies it). */
export interface FaceAnalyser {
  readonly modelVersion: string;
  analyse(image: Uint8Array, options?: { describe?: boolean }): Promise<FaceAnalysis>;
}

/** A decoder fed with one participant's VP8 RTP that hands back JPEG frames at a fixed rate. */
export interface FrameTap {
  write(rtp: Uint8Array): void;
  close(): Promise<void>;
}
export interface FrameGrabber {
  open(input: { framesPerSecond: number; onFrame(jpeg: Uint8Array): void }): Promise<FrameTap>;
}

/** Where the borrower's reference face comes from: the identity authority's photo, if verified by face. */
export interface FaceReferences {
  /** How the account's identity was verified: 'authority_photo' means a reference photo can be had. */
  kindOf(accountId: string): Promise<'authority_photo' | 'officer_video' | 'none'>;
  /** The authority's photo of the account's verified person (JPEG), never stored; undefined without. */
  photoOf(accountId: string): Promise<Uint8Array | undefined>;
}

export interface FaceSampleStore {
  insert(row: FaceSampleRecord): Promise<void>;
  listForInterview(interviewId: string): Promise<FaceSampleRecord[]>;
}
