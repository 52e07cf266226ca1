/**
 * The server bench/interview drives, run as its own process so that its CPU time (and its ffmpeg
 * composites', as waited-for children) can be read from /proc apart from the simulated clients'.
 *
 * It is the platform's access hook and the interview media feature (signalling, werift SFU and
 * recorder, ffmpeg composite, recordings on the ledger) over a PGlite database in a temporary data
 * dir. Rooms are admitted by an in-bench `InterviewRoomAccess` over fixed accounts (as
 * tests/integration/interview-media.test.ts does), not by booked interviews: scheduling's admission is
 * one indexed read per socket and is measured by bench/journey. With `--signalling-only` the media
 * engine is a no-op (no WebRTC peers), for the signalling latency measurement.
 *
 * Usage: tsx bench/interview-server.ts --rooms <n> --peers <2|3> [--signalling-only]
 * Prints one JSON line {url, rooms:[{interviewId, cookies:[officer, borrower, guarantor?]}]} once ready.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import { loadConfig } from '../src/config';
import { openSession } from '../src/features/accounts/open-session';
import type { RoomParticipant } from '../src/features/interview/room-access.port';
import type { MediaEngine } from '../src/features/interview-media/interview-media.ports';
import { interviewMediaRoutes } from '../src/features/interview-media/interview-media.routes';
import { createRoomSessions } from '../src/features/interview-media/room-sessions';
import { MAX_SIGNAL_MESSAGE_BYTES } from '../src/features/interview-media/signal-message';
import { createAccessHook } from '../src/http/access-hook';
import { composeAccountsDeps, composeApplicationsDeps, composeLedgerDeps } from '../src/http/compose-deps';
import { composeInterviewMediaDeps, registerInterviewMedia } from '../src/http/compose-interview-media';
import { handleError } from '../src/http/error-handler';
import { createValidatorCompiler } from '../src/http/validator-compiler';
import { openInfrastructure } from '../src/infra/open-infrastructure';
import { fixedRooms } from '../tests/support/interview-media-app';

const { values } = parseArgs({
  options: {
    rooms: { type: 'string', default: '1' },
    peers: { type: 'string', default: '2' },
    'signalling-only': { type: 'boolean', default: false },
  },
});
const roomCount = Number(values.rooms);
const peers = Number(values.peers);
const dataDir = process.env.MIANQIAN_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'mianqian-bench-interview-'));
const config = loadConfig({ overrides: { dataDir } });
const clock = () => new Date();
const infra = await openInfrastructure({ config });
const accountsDeps = composeAccountsDeps({ infra, config, clock });

// Accounts and sessions straight through the stores: 600 argon2 hashes would only slow the set-up.
const roles = ['officer', 'borrower', 'guarantor'] as const;
const rooms = new Map<string, { applicationId: string; participants: RoomParticipant[] }>();
const out: { interviewId: string; cookies: string[] }[] = [];
let mobile = 13_900_000_000;
for (let r = 0; r < roomCount; r++) {
  const participants: RoomParticipant[] = [];
  const cookies: string[] = [];
  for (const role of roles.slice(0, peers)) {
    const account = await accountsDeps.accounts.create({
      id: randomUUID(),
      role: role === 'officer' ? 'loan_officer' : 'borrower_individual',
      mobile: String(mobile++),
      displayName: `${role} ${r}`,
      passwordHash: 'bench: no login',
    });
    const session = await openSession({ deps: accountsDeps, account: account!, userAgent: null });
    participants.push({ accountId: account!.id, role, displayName: `${role} ${r}` });
    cookies.push(`mq_session=${session.token}`);
  }
  const interviewId = randomUUID();
  rooms.set(interviewId, { applicationId: randomUUID(), participants });
  out.push({ interviewId, cookies });
}

// The same fixed-participant room access as the interview-media tests (scheduling's stand-in).
const { access } = fixedRooms(rooms);

const app = Fastify({ logger: false });
app.setValidatorCompiler(createValidatorCompiler());
app.setErrorHandler(handleError);
app.decorateRequest('auth', null);
await app.register(cookie);
app.addHook('onRequest', createAccessHook({ deps: accountsDeps, cookieName: 'mq_session' }));
const ledger = composeLedgerDeps({ infra, config, clock });
const applications = composeApplicationsDeps({ infra, config, clock, ledger });
if (values['signalling-only']) {
  // The real sessions and routes, over an engine that opens no WebRTC peer and records nothing.
  const noMedia: MediaEngine = {
    iceServers: [],
    openRoom: () => ({
      join: async () => {},
      answer: async () => {},
      candidate: async () => {},
      leave: async () => {},
      close: async () => [],
      firstMediaAt: undefined,
    }),
  };
  const deps = {
    ...composeInterviewMediaDeps({ infra, config, clock, ledger, rooms: access }),
    engine: noMedia,
  };
  await app.register(websocket, { options: { maxPayload: MAX_SIGNAL_MESSAGE_BYTES } });
  await app.register(interviewMediaRoutes, {
    deps,
    sessions: createRoomSessions(deps),
    applicationStatus: async () => undefined,
  });
} else {
  await registerInterviewMedia(app, {
    infra,
    config,
    clock,
    ledger,
    applications,
    rooms: access,
    idleCloseMs: 500,
  });
}
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as { port: number };
console.log(JSON.stringify({ url: `127.0.0.1:${port}`, rooms: out }));
process.once('SIGTERM', () => {
  app
    .close()
    .then(() => infra.close())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
});
