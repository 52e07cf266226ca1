import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import type { InterviewRoomAccess, RoomParticipant } from '../../src/features/interview/room-access.port';
import { createAccessHook } from '../../src/http/access-hook';
import { composeAccountsDeps, composeApplicationsDeps, composeLedgerDeps } from '../../src/http/compose-deps';
import { registerInterviewMedia } from '../../src/http/compose-interview-media';
import { handleError } from '../../src/http/error-handler';
import { createValidatorCompiler } from '../../src/http/validator-compiler';
import type { TestPlatform } from './test-platform';

/** A room-access adapter over fixed participants: the tests' stand-in for scheduling's answer. */
export function fixedRooms(rooms: Map<string, { applicationId: string; participants: RoomParticipant[] }>) {
  const started: string[] = [];
  const access: InterviewRoomAccess = {
    admit: async ({ interviewId, accountId }) => {
      const room = rooms.get(interviewId);
      const participant = room?.participants.find((p) => p.accountId === accountId);
      if (!room || !participant) return { ok: false, reason: 'not_found' };
      return {
        ok: true,
        admission: {
          interviewId,
          applicationId: room.applicationId,
          participant,
          participants: room.participants,
          opensAt: new Date(Date.now() - 60_000),
          closesAt: new Date(Date.now() + 3_600_000),
        },
      };
    },
    started: async ({ interviewId }) => {
      started.push(interviewId);
    },
  };
  return { access, started };
}

/**
 * The media app the interview-media tests listen on: the platform's access hook and the media
 * feature, with the given room access; `beforeListen` adds test-only routes.
 */
export async function mediaApp(
  p: TestPlatform,
  rooms: InterviewRoomAccess,
  beforeListen: (app: FastifyInstance) => void = () => {},
) {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(createValidatorCompiler());
  app.setErrorHandler(handleError);
  app.decorateRequest('auth', null);
  await app.register(cookie);
  const clock = () => new Date();
  app.addHook(
    'onRequest',
    createAccessHook({
      deps: composeAccountsDeps({ infra: p.infra, config: p.config, clock }),
      cookieName: p.config.cookieSecure ? '__Host-mq_session' : 'mq_session',
    }),
  );
  const ledger = composeLedgerDeps({ infra: p.infra, config: p.config, clock });
  const sessions = await registerInterviewMedia(app, {
    infra: p.infra,
    config: p.config,
    clock,
    ledger,
    applications: composeApplicationsDeps({ infra: p.infra, config: p.config, clock, ledger }),
    rooms,
    idleCloseMs: 300,
  });
  beforeListen(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as { port: number };
  return { app, sessions, port: address.port };
}
