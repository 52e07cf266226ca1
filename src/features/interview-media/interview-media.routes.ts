import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../core/errors';
import { IdParams, errorResponses } from '../../contracts/common.schema';
import { InterviewRecordingList, type InterviewRecording } from '../../contracts/interview-media.schema';
import { InterviewFaceSamples } from '../../contracts/interview-face.schema';
import { viewFaceSamples } from './view-face-samples';
import type { InterviewMediaDeps } from './interview-media-deps';
import type { RecordingRow } from './interview-media.ports';
import type { RoomSessions } from './room-sessions';
import { MAX_SIGNAL_MESSAGE_BYTES } from './signal-message';

const reviewers = ['loan_officer', 'risk_officer', 'approver'] as const;

/** Application states in which risk control's staff have a reason to watch the interview. */
const qcOrLater = ['interviewed', 'risk_control', 'approved', 'contract_signed', 'disbursed'];
const riskControlOrLater = ['risk_control', 'approved', 'contract_signed', 'disbursed'];

/**
 * Who may watch an interview's recording (need to know, not role alone): the interviewing officer
 * (the recording's officer participant), always; a risk officer once the interview is concluded
 * (QC 质检 in `interviewed`, then risk control and after); another loan officer only during QC
 * (`interviewed`: any loan officer but the interviewer may sign QC off, and must see what they sign);
 * an approver from `risk_control` on. Rejected or withdrawn applications are left to the interviewer
 * (and to audits through the database, which are not this API).
 */
export function mayWatchRecording({
  staff,
  row,
  applicationStatus,
}: {
  staff: { id: string; role: string };
  row: Pick<RecordingRow, 'participants'>;
  applicationStatus: string | undefined;
}): boolean {
  if (row.participants.some((p) => p.role === 'officer' && p.accountId === staff.id)) return true;
  if (applicationStatus === undefined) return false;
  if (staff.role === 'risk_officer') return qcOrLater.includes(applicationStatus);
  if (staff.role === 'approver') return riskControlOrLater.includes(applicationStatus);
  if (staff.role === 'loan_officer') return applicationStatus === 'interviewed';
  return false;
}

/**
 * The WebSocket upgrade is a GET, so the access hook's CSRF token check does not apply: a page on
 * another site could otherwise open the socket with the user's cookie. The browser always sends Origin
 * on a WebSocket handshake; it must name this host.
 */
export function isSameOriginUpgrade(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = request.headers.origin;
  const host = request.headers.host;
  if (typeof origin !== 'string' || typeof host !== 'string') return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function view(row: RecordingRow): InterviewRecording {
  return {
    id: row.id,
    interviewId: row.interviewId,
    sessionId: row.sessionId,
    sha256: row.sha256,
    durationMs: row.durationMs,
    sizeBytes: row.sizeBytes,
    participants: row.participants,
    segments: row.segments.map(({ accountId, role, kind, offsetMs, durationMs }) => ({
      accountId,
      role,
      kind,
      offsetMs,
      durationMs,
    })),
    sessionStartedAt: row.sessionStartedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    ledgerIndex: row.ledgerIndex,
  };
}

/** The interview room: signalling WebSocket, and the composite recordings for staff. */
export const interviewMediaRoutes: FastifyPluginAsync<{
  deps: InterviewMediaDeps;
  sessions: RoomSessions;
  /** The application's current status (for `mayWatchRecording`); undefined when unknown. */
  applicationStatus: (applicationId: string) => Promise<string | undefined>;
}> = async (plain, { deps, sessions, applicationStatus }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['interview-media'];

  /** The interview's recordings, after checking this staff member may watch them (403 otherwise). */
  const recordingsFor = async (request: FastifyRequest, interviewId: string) => {
    const rows = await deps.recordings.listForInterview(interviewId);
    const latest = rows.at(-1);
    if (!latest) return rows;
    const account = request.auth!.account;
    const allowed = mayWatchRecording({
      staff: { id: account.id, role: account.role },
      row: latest,
      applicationStatus: await applicationStatus(latest.applicationId),
    });
    if (!allowed)
      throw new AppError('RECORDING_ACCESS_DENIED', 'Only staff with a reason may watch this recording');
    return rows;
  };

  app.get(
    '/api/interviews/:id/signal',
    {
      websocket: true,
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'The interview room’s signalling WebSocket (docs/interview-media.md)',
        params: IdParams,
      },
      // A refused upgrade (401, 403) leaves the raw socket open after its answer: end it, so refused
      // clients cannot hold connections (and the server can close).
      onResponse: async (request, reply) => {
        if (reply.statusCode >= 400) request.raw.socket?.end();
      },
      preValidation: async (request) => {
        if (!isSameOriginUpgrade(request))
          throw new AppError('CSRF_TOKEN_INVALID', 'Cross-site WebSocket refused');
      },
    },
    (socket, request) => {
      const accountId = request.auth!.account.id;
      let isAlive = true;
      socket.on('pong', () => {
        isAlive = true;
      });
      const ping = setInterval(() => {
        if (!isAlive) return socket.terminate();
        isAlive = false;
        socket.ping();
      }, 15_000);
      const messageHandlers: ((raw: string | Buffer) => void)[] = [];
      const closeHandlers: (() => void)[] = [];
      socket.on('message', (data, isBinary) => {
        const raw = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
        if (isBinary) return socket.send(JSON.stringify({ type: 'error', error: 'text_only' }));
        for (const h of messageHandlers) h(raw);
      });
      socket.on('close', () => {
        clearInterval(ping);
        for (const h of closeHandlers) h();
      });
      socket.on('error', () => socket.terminate());
      const buffered: (string | Buffer)[] = [];
      // Messages that arrive while admission is being checked wait for it.
      messageHandlers.push((raw) => buffered.push(raw));
      void sessions
        .connect({
          interviewId: (request.params as { id: string }).id,
          accountId,
          socket: {
            send: (text) => {
              if (socket.readyState === socket.OPEN) socket.send(text);
            },
            close: (code, reason) => socket.close(code, reason),
          },
          onMessage: (handler) => {
            messageHandlers.length = 0;
            messageHandlers.push(handler);
            for (const raw of buffered.splice(0)) handler(raw);
          },
          onClose: (handler) => closeHandlers.push(handler),
        })
        .catch(() => socket.close(1011, 'server_error'));
    },
  );

  app.get(
    '/api/staff/interviews/:id/recordings',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'The interview’s composite recordings: SHA-256, duration, participants, ledger index',
        params: IdParams,
        response: { 200: InterviewRecordingList, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: (await recordingsFor(request, request.params.id)).map(view) }),
  );

  app.get(
    '/api/staff/interviews/:id/recording',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'The interview’s latest composite recording (video/webm; Range supported)',
        params: IdParams,
        response: errorResponses(400, 401, 403, 404, 416),
      },
    },
    async (request, reply) => {
      const rows = await recordingsFor(request, request.params.id);
      const row = rows.at(-1);
      if (!row) throw new AppError('RECORDING_NOT_FOUND');
      const size = await deps.files.sizeOf(row.path);
      if (size === undefined) throw new AppError('RECORDING_NOT_FOUND', 'The recording file is gone');
      void reply
        .header('cache-control', 'no-store')
        .header('accept-ranges', 'bytes')
        .header('content-type', 'video/webm')
        .header('x-content-sha256', row.sha256);
      const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
      if (request.headers.range !== undefined && range) {
        let start = range[1] === '' ? size - Number(range[2]) : Number(range[1]);
        let end = range[1] === '' || range[2] === '' ? size - 1 : Number(range[2]);
        start = Math.max(0, start);
        end = Math.min(end, size - 1);
        if (start > end || start >= size) {
          reply.header('content-range', `bytes */${size}`);
          throw new AppError('RANGE_NOT_SATISFIABLE', undefined, { size });
        }
        return reply
          .code(206)
          .header('content-range', `bytes ${start}-${end}/${size}`)
          .header('content-length', end - start + 1)
          .send(deps.files.read(row.path, { start, end }));
      }
      return reply.header('content-length', size).send(deps.files.read(row.path));
    },
  );
  void MAX_SIGNAL_MESSAGE_BYTES;

  app.get(
    '/api/staff/interviews/:id/face-samples',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'The borrower’s live identity check: latest face sample, match score, alerts, nods',
        params: IdParams,
        response: { 200: InterviewFaceSamples, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => viewFaceSamples({ faces: deps.faces, interviewId: request.params.id }),
  );
};
