import { finishRecording } from './finish-recording';
import type { InterviewMediaDeps } from './interview-media-deps';
import type { LiveRoom, RecordingRow, RoomAdmission } from './interview-media.ports';
import { startFaceSampling } from './sample-borrower-face';
import { createRateLimiter, parseClientSignal, SignalClose } from './signal-message';

/** The browser end of a signalling socket, as the sessions see it. */
export interface SignalSocket {
  send(text: string): void;
  close(code: number, reason: string): void;
}

interface Member {
  admission: RoomAdmission;
  socket: SignalSocket;
  muted: { audio: boolean; video: boolean };
  sharing: boolean;
  quality: Record<string, number>;
}

interface Session {
  id: string;
  interviewId: string;
  applicationId: string;
  room: LiveRoom;
  members: Map<string, Member>;
  invited: RoomAdmission['participants'];
  idleTimer: NodeJS.Timeout | undefined;
  closeTimer: NodeJS.Timeout | undefined;
  isEnding: boolean;
  /** The borrower's live face sampling, while the session lasts (none without a face engine). */
  faceSampling: Promise<{ stop(): Promise<void> } | undefined>;
}

/**
 * The interview rooms on this server: one live session per interview while anyone is connected (or
 * reconnecting within `idleCloseMs`); each socket is admitted by `rooms.admit` and can only speak about
 * its own room. The session ends when the officer ends it, when its admission window closes, or when
 * it stays empty; then its composite recording is made (`finishRecording`).
 */
export function createRoomSessions(deps: InterviewMediaDeps) {
  const sessions = new Map<string, Session>();
  const finished: Promise<RecordingRow | undefined>[] = [];

  const broadcast = (session: Session) => {
    const message = JSON.stringify({
      type: 'participants',
      participants: session.invited.map((p) => {
        const m = session.members.get(p.accountId);
        return {
          accountId: p.accountId,
          role: p.role,
          displayName: p.displayName,
          isConnected: m !== undefined,
          muted: m?.muted ?? { audio: false, video: false },
          isSharingScreen: m?.sharing ?? false,
        };
      }),
    });
    for (const m of session.members.values()) m.socket.send(message);
  };

  function end(session: Session, endedBy: { accountId: string | null; role: string }): Promise<void> {
    if (session.isEnding) return Promise.resolve();
    session.isEnding = true;
    const work = endNow(session, endedBy);
    finished.push(
      work.catch((error: unknown) => {
        deps.reportError(error, 'interview recording failed; its segments are kept');
        return undefined;
      }),
    );
    return work.then(() => {});
  }

  async function endNow(
    session: Session,
    endedBy: { accountId: string | null; role: string },
  ): Promise<RecordingRow | undefined> {
    clearTimeout(session.idleTimer);
    clearTimeout(session.closeTimer);
    sessions.delete(session.interviewId);
    for (const m of session.members.values()) {
      m.socket.send(JSON.stringify({ type: 'ended' }));
      m.socket.close(SignalClose.ended, 'ended');
    }
    session.members.clear();
    await (await session.faceSampling)?.stop();
    const segments = await session.room.close();
    const sessionStart = session.room.firstMediaAt;
    if (sessionStart === undefined) return undefined;
    return finishRecording(deps, {
      interviewId: session.interviewId,
      applicationId: session.applicationId,
      sessionId: session.id,
      sessionStart,
      participants: session.invited.map((p) => ({ accountId: p.accountId, role: p.role })),
      segments,
      endedBy,
    });
  }

  function sessionFor(admission: RoomAdmission): Session {
    let session = sessions.get(admission.interviewId);
    if (session) return session;
    const id = deps.newId();
    session = {
      id,
      interviewId: admission.interviewId,
      applicationId: admission.applicationId,
      room: deps.engine.openRoom({
        interviewId: admission.interviewId,
        sessionId: id,
        invited: admission.participants,
      }),
      members: new Map(),
      invited: admission.participants,
      idleTimer: undefined,
      closeTimer: undefined,
      isEnding: false,
      faceSampling: Promise.resolve(undefined),
    };
    const borrower = admission.participants.find((p) => p.role === 'borrower');
    const faces = deps.faces;
    if (faces && borrower) {
      const room = session.room;
      session.faceSampling = startFaceSampling(
        { ...deps, faces },
        {
          interviewId: admission.interviewId,
          applicationId: admission.applicationId,
          sessionId: id,
          borrowerAccountId: borrower.accountId,
          sessionStart: () => room.firstMediaAt,
          room,
        },
      ).catch((error: unknown) => {
        deps.reportError(error, 'interview face sampling did not start');
        return undefined;
      });
    }
    const untilClose = admission.closesAt.getTime() - deps.clock().getTime();
    const s = session;
    s.closeTimer = setTimeout(
      () => void end(s, { accountId: null, role: 'system' }).catch(() => {}),
      Math.max(0, Math.min(untilClose, 2 ** 31 - 1)),
    );
    sessions.set(admission.interviewId, session);
    void deps.rooms.started({ interviewId: admission.interviewId, at: deps.clock() }).catch(() => {});
    return session;
  }

  return {
    /** Every composite started so far (tests await them). */
    finished,
    iceServers: deps.engine.iceServers,

    /** A new signalling socket of `accountId` for interview `interviewId`: admits it or closes it. */
    async connect({
      interviewId,
      accountId,
      socket,
      onMessage,
      onClose,
    }: {
      interviewId: string;
      accountId: string;
      socket: SignalSocket;
      onMessage: (handler: (raw: string | Buffer) => void) => void;
      onClose: (handler: () => void) => void;
    }): Promise<void> {
      const decision = await deps.rooms.admit({ interviewId, accountId, at: deps.clock() });
      if (!decision.ok) {
        const code =
          decision.reason === 'not_found'
            ? SignalClose.notAdmitted
            : decision.reason === 'not_open'
              ? SignalClose.notOpen
              : SignalClose.closed;
        socket.send(JSON.stringify({ type: 'refused', reason: decision.reason }));
        socket.close(code, decision.reason);
        return;
      }
      const admission = decision.admission;
      const isAllowed = createRateLimiter({ perSecond: 50, now: () => Date.now() });
      let session: Session | undefined;
      let member: Member | undefined;
      const error = (code: string) => socket.send(JSON.stringify({ type: 'error', error: code }));
      onClose(() => {
        if (!session || !member || session.members.get(accountId) !== member) return;
        session.members.delete(accountId);
        void session.room.leave(accountId).catch(() => {});
        broadcast(session);
        if (session.members.size === 0 && !session.isEnding) {
          const s = session;
          s.idleTimer = setTimeout(
            () => void end(s, { accountId: null, role: 'system' }).catch(() => {}),
            deps.idleCloseMs,
          );
        }
      });
      onMessage((raw) => {
        if (!isAllowed()) {
          socket.close(SignalClose.rateLimited, 'rate_limited');
          return;
        }
        const parsed = parseClientSignal(raw);
        if (!parsed.ok) return error(parsed.error);
        const message = parsed.message;
        if (message.type === 'pong') return;
        if (message.type === 'join') {
          if (member) return error('already_joined');
          session = sessionFor(admission);
          if (session.isEnding) return error('room_closed');
          clearTimeout(session.idleTimer);
          const previous = session.members.get(accountId);
          member = { admission, socket, muted: { audio: false, video: false }, sharing: false, quality: {} };
          session.members.set(accountId, member);
          // A second tab or a reconnect replaces the earlier socket.
          previous?.socket.close(SignalClose.replaced, 'replaced');
          socket.send(
            JSON.stringify({
              type: 'welcome',
              sessionId: session.id,
              iceServers: deps.engine.iceServers,
              you: admission.participant,
              isRecording: true,
            }),
          );
          broadcast(session);
          const s = session;
          void s.room
            .join({
              participant: admission.participant,
              location: message.location,
              send: (m) => {
                if (s.members.get(accountId) === member) socket.send(JSON.stringify(m));
              },
            })
            .catch(() => error('media_failed'));
          return;
        }
        if (!session || !member) return error('join_first');
        const s = session;
        switch (message.type) {
          case 'answer':
            void s.room.answer(accountId, message.sdp).catch(() => error('invalid_answer'));
            return;
          case 'candidate':
            void s.room.candidate(accountId, message.candidate).catch(() => {});
            return;
          case 'mute':
            member.muted = { audio: message.audio, video: message.video };
            broadcast(s);
            return;
          case 'screen':
            if (admission.participant.role !== 'officer') return error('not_allowed');
            member.sharing = message.sharing;
            broadcast(s);
            return;
          case 'quality': {
            const { type: _type, ...figures } = message;
            member.quality = figures;
            return;
          }
          case 'end':
            if (admission.participant.role !== 'officer') return error('not_allowed');
            void end(s, { accountId, role: 'loan_officer' }).catch(() => {});
            return;
        }
      });
    },

    /** Ends every live session (server shutdown); composites are made for what was recorded. */
    async closeAll(): Promise<void> {
      await Promise.all(
        [...sessions.values()].map((s) => end(s, { accountId: null, role: 'system' }).catch(() => {})),
      );
      await Promise.all(finished);
    },
  };
}

export type RoomSessions = ReturnType<typeof createRoomSessions>;
