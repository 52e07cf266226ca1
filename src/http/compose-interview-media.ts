import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import { addMonths } from '../core/loan/calendar-date';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import { recordEvidence } from '../features/ledger/record-evidence';
import type { InterviewObservations } from '../features/interview/interview-observations.port';
import type { InterviewRoomAccess } from '../features/interview/room-access.port';
import type { InterviewMediaDeps } from '../features/interview-media/interview-media-deps';
import { interviewMediaRoutes } from '../features/interview-media/interview-media.routes';
import { observeInterviewMedia } from '../features/interview-media/observe-recording';
import { purgeExpiredRecordings } from '../features/interview-media/purge-expired-recordings';
import { createRoomSessions, type RoomSessions } from '../features/interview-media/room-sessions';
import { MAX_SIGNAL_MESSAGE_BYTES } from '../features/interview-media/signal-message';
import { createDbLegalHoldStore } from '../infra/legal-holds/db-legal-hold-store';
import { createDbRecordingStore } from '../infra/media/db-recording-store';
import { createDbFaceSampleStore } from '../infra/media/db-face-sample-store';
import { createFfmpegFrameGrabber } from '../infra/media/ffmpeg-frame-grabber';
import { createIdentityFaceReferences } from '../infra/media/identity-face-references';
import { FACE_MATCH_THRESHOLD } from '../core/identity/face-threshold';
import { createFfmpegComposer } from '../infra/media/ffmpeg-composer';
import { createWeriftMediaEngine } from '../infra/media/werift-media-engine';
import type { Infrastructure } from '../infra/open-infrastructure';
import { nudgeSequencer, type CapabilityOptions } from './compose-deps';

import { runEvery } from './run-every';
/** Whether an application is under a legal hold (the recording purge asks). */
export function legalHoldsOf(infra: Infrastructure): (applicationId: string) => Promise<boolean> {
  const store = createDbLegalHoldStore({ db: infra.database.db, cipher: infra.cipher });
  return (applicationId) => store.isHeld(applicationId);
}

/**
 * When a disbursed loan's contract ends: the last instalment's due date in the signed contract's
 * schedule (or, for a schedule without dates, `termMonths` after the day the money went out, Beijing
 * time); undefined when no loan was disbursed for the application. Recording retention counts from it.
 */
export function loanContractEnds(
  infra: Infrastructure,
): (applicationId: string) => Promise<Date | undefined> {
  return async (applicationId) => {
    const disbursed = (await infra.disbursement.store.listByApplication(applicationId)).find(
      (d) => d.status !== 'failed',
    );
    if (!disbursed) return undefined;
    const contract = await infra.contracts.store.findByApplication(applicationId);
    if (!contract) return undefined;
    const paidOut = disbursed.settledAt ?? disbursed.requestedAt;
    const lastDue =
      contract.data.schedule.at(-1)?.dueDate ??
      addMonths(new Date(paidOut.getTime() + 8 * 3_600_000).toISOString().slice(0, 10), contract.termMonths);
    return new Date(`${lastDue}T00:00:00+08:00`);
  };
}

/** The interview media use cases' dependencies from the adapters and config. */
export function composeInterviewMediaDeps({
  infra,
  config,
  clock,
  ledger,
  rooms,
  idleCloseMs = 120_000,
  reportError = () => {},
}: {
  infra: Infrastructure;
  config: Config;
  clock: () => Date;
  ledger: LedgerDeps;
  rooms: InterviewRoomAccess;
  idleCloseMs?: number;
  reportError?: InterviewMediaDeps['reportError'];
}): InterviewMediaDeps {
  const recordingsDir = config.recordingsDir ?? join(config.dataDir, 'recordings');
  const sequence = nudgeSequencer(ledger);
  return {
    rooms,
    engine: createWeriftMediaEngine({ recordingsDir, iceServers: config.iceServers, clock }),
    composer: createFfmpegComposer({ recordingsDir }),
    recordings: createDbRecordingStore({ db: infra.database.db }),
    recordEvidence: async (input) => {
      const [entry] = await recordEvidence(ledger, [input]);
      sequence();
      return entry!.index;
    },
    clock,
    newId: randomUUID,
    idleCloseMs,
    removeFile: (path) => rm(path, { force: true }),
    files: {
      sizeOf: (path) =>
        stat(path).then(
          (s) => s.size,
          () => undefined,
        ),
      read: (path, range) => createReadStream(path, range),
    },
    retentionDays: config.recordingRetentionDays,
    contractEndOf: loanContractEnds(infra),
    isUnderLegalHold: legalHoldsOf(infra),
    reportError,
    faces: {
      analyser: () => infra.identity.faceEngine,
      grabber: createFfmpegFrameGrabber(),
      references: createIdentityFaceReferences({
        store: infra.identity.store,
        authority: infra.identity.authority,
      }),
      samples: createDbFaceSampleStore({ db: infra.database.db }),
      threshold: FACE_MATCH_THRESHOLD,
      sampleIntervalMs: 3000,
      framesPerSecond: 1,
    },
  };
}

/**
 * The media side's observations for scheduling's QC report (`InterviewObservations`): pass it as
 * `observations` to `composeInterviewDeps`.
 */
export function interviewMediaObservations({ infra }: { infra: Infrastructure }): InterviewObservations {
  return observeInterviewMedia({
    recordings: createDbRecordingStore({ db: infra.database.db }),
    faceSamples: createDbFaceSampleStore({ db: infra.database.db }),
  });
}

/** Registers the interview room's signalling and media (server-side WebRTC peer, recording) on this app. */
export async function registerInterviewMedia(
  app: FastifyInstance,
  options: CapabilityOptions & {
    rooms: InterviewRoomAccess;
    idleCloseMs?: number;
    /** How often the retention purge runs (default daily; the first run a minute after start). */
    purgeEveryMs?: number;
  },
): Promise<RoomSessions> {
  const deps = composeInterviewMediaDeps({
    ...options,
    reportError: (error, context) => app.log.error({ err: error }, context),
  });
  const sessions = createRoomSessions(deps);
  if (!app.hasDecorator('websocketServer'))
    await app.register(websocket, { options: { maxPayload: MAX_SIGNAL_MESSAGE_BYTES } });
  await app.register(interviewMediaRoutes, {
    deps,
    sessions,
    applicationStatus: async (id) => (await options.applications.applications.findById(id))?.status,
  });
  // Retention: every node runs it; it is idempotent (files removed with force, then the row).
  runEvery(app, {
    everyMs: options.purgeEveryMs ?? 24 * 60 * 60 * 1000,
    job: async () => {
      const { deleted } = await purgeExpiredRecordings(deps);
      if (deleted.length > 0)
        app.log.info({ deleted: deleted.length }, 'expired interview recordings purged');
    },
    onError: (error) => app.log.error({ err: error }, 'interview recording purge failed'),
  });
  app.addHook('preClose', () => sessions.closeAll());
  return sessions;
}
