import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters } from 'werift';
import WebSocket from 'ws';
import type { Actor } from '../../src/core/accounts/roles';
import { consentTexts } from '../../src/core/identity/consent-texts';
import { FACE_MATCH_THRESHOLD } from '../../src/core/identity/face-threshold';
import { buildQcReport } from '../../src/core/interview/qc-report';
import { decodeEvidenceLeaf } from '../../src/core/ledger/evidence/evidence-leaf';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { giveConsent } from '../../src/features/identity/give-consent';
import { startVerification } from '../../src/features/identity/start-verification';
import type { InterviewRoomAccess, RoomParticipant } from '../../src/features/interview/room-access.port';
import type { RoomSessions } from '../../src/features/interview-media/room-sessions';
import { composeIdentityDeps } from '../../src/http/compose-deps';
import { interviewMediaObservations } from '../../src/http/compose-interview-media';
import { idNumberFor } from '../support/fixtures';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';
import { mediaApp } from '../support/interview-media-app';

const FACES = '/work/shared/data/faces';

/**
 * The borrower's "camera": a VP8 WebM made by ffmpeg from real photographs — the same person as the
 * reference photo (img2 vs img1, a labelled same-person pair), then another person (img23, labelled
 * different from img1), then two people (couple.jpg) — each shown for a few seconds at 640×480.
 */
function faceVideo(dir: string): string {
  const out = join(dir, 'borrower.webm');
  const parts = [
    { file: 'img2.jpg', seconds: 10 },
    { file: 'img23.jpg', seconds: 8 },
    { file: 'couple.jpg', seconds: 8 },
  ];
  const inputs = parts.flatMap((p) => ['-loop', '1', '-t', String(p.seconds), '-i', join(FACES, p.file)]);
  const fit =
    'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=15';
  const filter = `${parts.map((_, i) => `[${i}]${fit}[v${i}]`).join(';')};${parts.map((_, i) => `[v${i}]`).join('')}concat=n=${parts.length}:v=1[v]`;
  const made = spawnSync('/usr/bin/ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    ...inputs,
    '-filter_complex',
    filter,
    '-map',
    '[v]',
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-b:v',
    '800k',
    '-g',
    '15',
    out,
  ]);
  if (made.status !== 0) throw new Error(String(made.stderr));
  return out;
}

/** Sends the WebM's VP8 as RTP in real time into a werift track (as a browser's camera would). */
async function videoSource(file: string, track: MediaStreamTrack) {
  const udp: Socket = createSocket('udp4');
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
  udp.on('message', (data) => track.writeRtp(data));
  const child: ChildProcess = spawn(
    '/usr/bin/ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-re',
      '-i',
      file,
      '-c:v',
      'copy',
      '-an',
      '-f',
      'rtp',
      '-payload_type',
      '96',
      `rtp://127.0.0.1:${udp.address().port}?pkt_size=1200`,
    ],
    { stdio: 'ignore' },
  );
  const ended = new Promise<void>((r) => child.once('close', () => r()));
  return {
    ended,
    stop: () => {
      child.kill('SIGKILL');
      udp.close();
    },
  };
}

const codecs = {
  video: [
    new RTCRtpCodecParameters({
      mimeType: 'video/VP8',
      clockRate: 90000,
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'goog-remb' }],
    }),
  ],
  audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })],
};

/** A participant's werift peer that joins the room and sends `video` (or nothing) as its camera. */
async function mediaClient(url: string, headers: Record<string, string>, video?: string) {
  const ws = new WebSocket(url, { headers });
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  await new Promise<void>((r, j) => {
    ws.once('open', () => r());
    ws.once('error', j);
  });
  const track = new MediaStreamTrack({ kind: 'video' });
  const source = video ? await videoSource(video, track) : undefined;
  let pc: RTCPeerConnection | undefined;
  ws.on('message', async (d) => {
    const m = JSON.parse(String(d));
    if (m.type !== 'offer') return;
    pc = new RTCPeerConnection({ iceServers: [], codecs });
    await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
    for (const t of pc.getTransceivers())
      if (t.mid === m.send.video && source) {
        t.setDirection('sendonly');
        await t.sender.replaceTrack(track);
      }
    await pc.setLocalDescription(await pc.createAnswer());
    ws.send(JSON.stringify({ type: 'answer', sdp: pc.localDescription!.sdp }));
  });
  ws.send(JSON.stringify({ type: 'join' }));
  return {
    ws,
    closed,
    ended: source?.ended,
    close: async () => {
      source?.stop();
      ws.close();
      await pc?.close();
    },
  };
}

describe.each(dbTargets().slice(0, 1))('live identity check in the interview room on %s', (target) => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let sessions: RoomSessions;
  let port: number;
  let officer: TestClient;
  let borrower: TestClient;
  let dir: string;
  const interviewId = randomUUID();
  const applicationId = randomUUID();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mq-face-'));
    p = await createTestPlatform({ target });
    borrower = new TestClient(p.app);
    expect((await borrower.register({ displayName: '借款人' })).status).toBe(201);
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'staff passphrase 2026', displayName: '信贷员', role: 'loan_officer' },
    });
    officer = new TestClient(p.app);
    expect((await officer.login(mobile, 'staff passphrase 2026')).status).toBe(200);

    // The borrower's identity: the authority (local registry) holds img1.jpg as their photo.
    const name = '张三';
    const idNumber = idNumberFor('19850101', '321');
    await p.infra.identity.registry!.register({
      name,
      idNumber,
      photo: new Uint8Array(readFileSync(join(FACES, 'img1.jpg'))),
      source: 'import',
    });
    const actor: Actor = { accountId: borrower.accountId!, role: 'borrower_individual' };
    const deps = composeIdentityDeps({ infra: p.infra, config: p.config });
    await giveConsent({
      deps,
      actor,
      kind: 'personal_information',
      textVersion: consentTexts.personal_information.version,
      locale: 'zh-CN',
      method: 'click',
    });
    await startVerification({ deps, actor, name, idNumber });

    const participants: RoomParticipant[] = [
      { accountId: officer.accountId!, role: 'officer', displayName: '信贷员' },
      { accountId: borrower.accountId!, role: 'borrower', displayName: '借款人' },
    ];
    const rooms: InterviewRoomAccess = {
      admit: async ({ interviewId: id, accountId }) => {
        const participant = participants.find((x) => x.accountId === accountId);
        if (id !== interviewId || !participant) return { ok: false, reason: 'not_found' };
        return {
          ok: true,
          admission: {
            interviewId,
            applicationId,
            participant,
            participants,
            opensAt: new Date(Date.now() - 60_000),
            closesAt: new Date(Date.now() + 3_600_000),
          },
        };
      },
      started: async () => {},
    };
    ({ app, sessions, port } = await mediaApp(p, rooms));
    // Load the face models before the call (a server warms up at start).
    await p.infra.identity.faceEngine!.warmUp?.();
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await p?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('samples the borrower’s face from the live stream, scores it against the authority’s photo and flags a stranger and a second person', async () => {
    const video = faceVideo(dir);
    const url = `ws://127.0.0.1:${port}/api/interviews/${interviewId}/signal`;
    const headers = (c: TestClient) => ({ origin: `http://127.0.0.1:${port}`, cookie: c.cookie! });
    const o = await mediaClient(url, headers(officer));
    const started = Date.now();
    const b = await mediaClient(url, headers(borrower), video);
    const live = async () => {
      const r = await app.inject({
        method: 'GET',
        url: `/api/staff/interviews/${interviewId}/face-samples`,
        headers: { cookie: officer.cookie! },
      });
      expect(r.statusCode).toBe(200);
      return r.json();
    };
    // While the call goes on, the officer's console sees the live score.
    let firstScoreAfterMs: number | undefined;
    while (Date.now() - started < 40_000) {
      const now = await live();
      if (firstScoreAfterMs === undefined && typeof now.latest?.matchScore === 'number')
        firstScoreAfterMs = Date.now() - started;
      if (now.alerts.some((a: { flags: string[] }) => a.flags.includes('second_face'))) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await b.ended;
    o.ws.send(JSON.stringify({ type: 'end' }));
    expect(await o.closed).toBe(4000);
    await o.close();
    await b.close();
    await Promise.all(sessions.finished);

    const view = await live();
    const rows = await p.infra.database.db
      .selectFrom('interview_face_samples')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .orderBy('at')
      .execute();
    console.log(
      'face samples (offset s, faces, score, flags):',
      rows.map((r) => [Math.round(r.offset_ms / 100) / 10, r.face_count, r.match_score?.toFixed(3), r.flags]),
      'first live score after (ms):',
      firstScoreAfterMs,
    );
    expect(view.reference).toBe('authority_photo');
    expect(view.threshold).toBe(FACE_MATCH_THRESHOLD);
    expect(view.samples).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(5);

    // The same person as the authority's photo: one face, a score at or above the threshold.
    const same = rows.filter((r) => r.face_count === 1 && (r.match_score ?? 0) >= FACE_MATCH_THRESHOLD);
    expect(same.length).toBeGreaterThanOrEqual(1);
    expect(same[0]!.flags).toEqual([]);
    // Another person: one face, below the threshold, flagged as a mismatch.
    const other = rows.filter(
      (r) => r.face_count === 1 && r.match_score !== null && r.match_score < FACE_MATCH_THRESHOLD,
    );
    expect(other.length).toBeGreaterThanOrEqual(1);
    expect(other.every((r) => (r.flags as string[]).includes('mismatch'))).toBe(true);
    expect(other[0]!.offset_ms).toBeGreaterThan(same[0]!.offset_ms);
    // Two people: a second face.
    const two = rows.filter((r) => r.face_count >= 2);
    expect(two.length).toBeGreaterThanOrEqual(1);
    expect(two.every((r) => (r.flags as string[]).includes('second_face'))).toBe(true);
    expect(view.alerts.map((a: { flags: string[] }) => a.flags).flat()).toEqual(
      expect.arrayContaining(['mismatch', 'second_face']),
    );

    // The flags' beginnings are on the ledger as `interview` leaves: flag and time, no image.
    const size = await p.infra.ledger.store.sequencedSize();
    const entries = await p.infra.ledger.store.readEntries(0, size);
    const flagged: Record<string, unknown>[] = [];
    for (const entry of entries) {
      const decoded = decodeEvidenceLeaf(entry.entry);
      if (!decoded.ok || decoded.leaf.type !== 'interview') continue;
      const openings = await p.infra.ledger.openings.forLeaves([entry.leafHash]);
      const record = openings.get(decoded.leaf.attests.record);
      if (record?.kind === 'record') flagged.push(JSON.parse((record as { json: string }).json));
    }
    expect(flagged.map((r) => r.faceFlag)).toEqual(expect.arrayContaining(['mismatch', 'second_face']));
    expect(flagged.every((r) => r.interviewId === interviewId && typeof r.at === 'string')).toBe(true);
    expect(JSON.stringify(flagged).length).toBeLessThan(4000);

    // Scheduling's QC report reads them: face presence is filled in, with alerts.
    const samples = await interviewMediaObservations({ infra: p.infra }).faceSamples(interviewId);
    const report = buildQcReport({
      scriptVersion: 'test',
      scriptKeys: [],
      confirmations: [],
      questions: [],
      prompting: [],
      faceSamples: samples,
      recording: null,
    });
    expect(report.face.samples).toBe(rows.length);
    expect(report.face.presence).not.toBeNull();
    expect(report.face.withOneFace).toBe(rows.filter((r) => r.face_count === 1).length);
    expect(report.missing).not.toContain('face_samples');
    expect(report.alerts.map((a) => a.kind)).toContain('several_faces');

    // A borrower may not read it.
    const refused = await app.inject({
      method: 'GET',
      url: `/api/staff/interviews/${interviewId}/face-samples`,
      headers: { cookie: borrower.cookie! },
    });
    expect(refused.statusCode).toBe(403);
  }, 180_000);
});
