import type { EvidenceInput } from '../ledger/prepare-evidence';
import type {
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
  retentionDays: number;
  /** Where failures off the request path go (the app's log). */
  reportError(error: unknown, context: string): void;
}
