import type { EvidenceInput } from '../ledger/prepare-evidence';
import type {
  FaceAnalyser,
  FaceReferences,
  FaceSampleStore,
  FrameGrabber,
  MediaComposer,
  MediaEngine,
  RecordingFiles,
  RecordingStore,
  RoomAccess,
} from './interview-media.ports';

export interface InterviewMediaDeps {
  rooms: RoomAccess;
  files: RecordingFiles;
  engine: MediaEngine;
  composer: MediaComposer;
  recordings: RecordingStore;
  /** Appends evidence to the ledger at once; returns its durable index. */
  recordEvidence(input: EvidenceInput): Promise<number>;
  clock: () => Date;
  newId: () => string;
  /** How long a room with nobody connected waits for a reconnect before it ends. */
  idleCloseMs: number;
  /** Delete files (retention). */
  removeFile(path: string): Promise<void>;
  /** Days a recording is kept after its loan's contract ends (or after it was made, without a loan). */
  retentionDays: number;
  /**
   * When the loan's contract ends (its last instalment falls due), for a loan that was disbursed;
   * undefined when no loan came of the application (then retention counts from the recording).
   */
  contractEndOf(applicationId: string): Promise<Date | undefined>;
  /** Whether a legal hold is in force on the application (its recordings are then kept). */
  isUnderLegalHold(applicationId: string): Promise<boolean>;
  /** Where failures off the request path go (the app's log). */
  reportError(error: unknown, context: string): void;
  /** The live identity check of the borrower (absent: no face samples are taken). */
  faces?: FaceSamplingDeps | undefined;
}

export interface FaceSamplingDeps {
  /** Read at call time; undefined when no face engine is configured (nothing is sampled). */
  analyser(): FaceAnalyser | undefined;
  grabber: FrameGrabber;
  references: FaceReferences;
  samples: FaceSampleStore;
  /** The face-match threshold of the engine's model (core/identity/face-threshold.ts). */
  threshold: number;
  /** How often a sample is stored (3000 ms); frames are analysed for pose at `framesPerSecond`. */
  sampleIntervalMs: number;
  framesPerSecond: number;
}
