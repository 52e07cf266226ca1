import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import { recordEvidence } from '../features/ledger/record-evidence';
import type { InterviewObservations } from '../features/interview/interview-observations.port';
import type { InterviewRoomAccess } from '../features/interview/room-access.port';
import type { InterviewMediaDeps } from '../features/interview-media/interview-media-deps';
import { interviewMediaRoutes } from '../features/interview-media/interview-media.routes';
import { observeInterviewMedia } from '../features/interview-media/observe-recording';
import { createRoomSessions, type RoomSessions } from '../features/interview-media/room-sessions';
import { MAX_SIGNAL_MESSAGE_BYTES } from '../features/interview-media/signal-message';
import { createDbRecordingStore } from '../infra/media/db-recording-store';
import { createFfmpegComposer } from '../infra/media/ffmpeg-composer';
import { createWeriftMediaEngine } from '../infra/media/werift-media-engine';
import type { Infrastructure } from '../infra/open-infrastructure';
import { nudgeSequencer, type CapabilityOptions } from './compose-deps';

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
    reportError,
  };
}

/**
 * The media side's observations for scheduling's QC report (`InterviewObservations`): pass it as
 * `observations` to `composeInterviewDeps`.
 */
export function interviewMediaObservations({ infra }: { infra: Infrastructure }): InterviewObservations {
  return observeInterviewMedia({ recordings: createDbRecordingStore({ db: infra.database.db }) });
}

/** Registers the interview room's signalling and media (server-side WebRTC peer, recording) on this app. */
export async function registerInterviewMedia(
  app: FastifyInstance,
  options: CapabilityOptions & { rooms: InterviewRoomAccess; idleCloseMs?: number },
): Promise<RoomSessions> {
  const deps = composeInterviewMediaDeps({
    ...options,
    reportError: (error, context) => app.log.error({ err: error }, context),
  });
  const sessions = createRoomSessions(deps);
  if (!app.hasDecorator('websocketServer'))
    await app.register(websocket, { options: { maxPayload: MAX_SIGNAL_MESSAGE_BYTES } });
  await app.register(interviewMediaRoutes, { deps, sessions });
  app.addHook('preClose', async () => {
    await sessions.closeAll();
  });
  return sessions;
}
