import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, type RTCRtpTransceiver } from 'werift';
import WebSocket from 'ws';
import { decodeEvidenceLeaf } from '../../src/core/ledger/evidence/evidence-leaf';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import type { RoomSessions } from '../../src/features/interview-media/room-sessions';
import { interviewMediaObservations } from '../../src/http/compose-interview-media';
import { probeMedia } from '../../src/infra/media/composite';
import { sha256OfFile } from '../../src/infra/media/ffmpeg-composer';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';
import { fixedRooms, mediaApp } from '../support/interview-media-app';

function openSocket(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(url, { headers });
  const messages: any[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d))));
  const outcome = new Promise<
    { kind: 'closed'; code: number; reason: string } | { kind: 'http'; status: number }
  >((resolve) => {
    ws.on('unexpected-response', (req, res) => {
      resolve({ kind: 'http', status: res.statusCode ?? 0 });
      req.destroy();
    });
    ws.on('close', (code, reason) => resolve({ kind: 'closed', code, reason: String(reason) }));
    ws.on('error', () => {});
  });
  return { ws, messages, outcome };
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

/** A synthetic RTP source: ffmpeg encodes a test pattern (VP8) or a tone (Opus) to RTP on a local UDP port. */
async function rtpSource(kind: 'audio' | 'video', track: MediaStreamTrack) {
  const udp: Socket = createSocket('udp4');
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
  udp.on('message', (data) => track.writeRtp(data));
  const port = udp.address().port;
  const args =
    kind === 'video'
      ? [
          '-re',
          '-f',
          'lavfi',
          '-i',
          'testsrc=size=320x240:rate=15',
          '-c:v',
          'libvpx',
          '-deadline',
          'realtime',
          '-cpu-used',
          '8',
          '-b:v',
          '300k',
          '-g',
          '15',
          '-an',
          '-f',
          'rtp',
          '-payload_type',
          '96',
          `rtp://127.0.0.1:${port}?pkt_size=1200`,
        ]
      : [
          '-re',
          '-f',
          'lavfi',
          '-i',
          'sine=frequency=440:sample_rate=48000',
          '-c:a',
          'libopus',
          '-vn',
          '-f',
          'rtp',
          '-payload_type',
          '111',
          `rtp://127.0.0.1:${port}?pkt_size=1200`,
        ];
  const child: ChildProcess = spawn('/usr/bin/ffmpeg', ['-hide_banner', '-loglevel', 'error', ...args], {
    stdio: 'ignore',
  });
  return () => {
    child.kill('SIGKILL');
    udp.close();
  };
}

/** A participant's client: a werift peer that answers the server's offer and sends synthetic media. */
async function mediaClient(url: string, headers: Record<string, string>) {
  const { ws, messages, outcome } = openSocket(url, headers);
  await new Promise<void>((r, j) => {
    ws.once('open', () => r());
    ws.once('error', j);
  });
  const audio = new MediaStreamTrack({ kind: 'audio' });
  const video = new MediaStreamTrack({ kind: 'video' });
  const stops = [await rtpSource('audio', audio), await rtpSource('video', video)];
  const received = new Map<string, number>();
  let pc: RTCPeerConnection | undefined;
  let joinedAt = 0;
  let firstRemoteAt = 0;
  ws.on('message', async (d) => {
    const m = JSON.parse(String(d));
    if (m.type !== 'offer') return;
    pc = new RTCPeerConnection({ iceServers: [], codecs });
    pc.onTrack.subscribe((track) => {
      const t = pc!
        .getTransceivers()
        .find((x: RTCRtpTransceiver) => x.receiver.track === track || x.receiver.tracks.includes(track));
      const slot = m.tracks.find((s: { mid: string }) => s.mid === t?.mid);
      if (!slot) return;
      const key = `${slot.accountId}:${slot.kind}`;
      track.onReceiveRtp.subscribe(() => {
        firstRemoteAt ||= Date.now();
        received.set(key, (received.get(key) ?? 0) + 1);
      });
    });
    await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
    for (const t of pc.getTransceivers()) {
      if (t.mid === m.send.audio) {
        t.setDirection('sendonly');
        await t.sender.replaceTrack(audio);
      } else if (t.mid === m.send.video) {
        t.setDirection('sendonly');
        await t.sender.replaceTrack(video);
      }
    }
    await pc.setLocalDescription(await pc.createAnswer());
    ws.send(JSON.stringify({ type: 'answer', sdp: pc.localDescription!.sdp }));
  });
  const join = (location?: string) => {
    joinedAt = Date.now();
    ws.send(JSON.stringify(location ? { type: 'join', location } : { type: 'join' }));
  };
  return {
    ws,
    messages,
    outcome,
    received,
    join,
    joinToMediaMs: () => (firstRemoteAt ? firstRemoteAt - joinedAt : undefined),
    close: async () => {
      for (const s of stops) s();
      ws.close();
      await pc?.close();
    },
  };
}

const until = async (check: () => boolean | Promise<boolean>, ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

describe.each(dbTargets().slice(0, 1))('interview media on %s', (target) => {
  let p: TestPlatform;
  let media: { app: FastifyInstance; sessions: RoomSessions; port: number };
  let officer: TestClient;
  let borrower: TestClient;
  let stranger: TestClient;
  const interviewId = randomUUID();
  const applicationId = randomUUID();
  let started: string[];

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    borrower = new TestClient(p.app);
    expect((await borrower.register({ displayName: '借款人' })).status).toBe(201);
    stranger = new TestClient(p.app);
    expect((await stranger.register()).status).toBe(201);
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'staff passphrase 2026', displayName: '信贷员', role: 'loan_officer' },
    });
    officer = new TestClient(p.app);
    expect((await officer.login(mobile, 'staff passphrase 2026')).status).toBe(200);
    const rooms = fixedRooms(
      new Map([
        [
          interviewId,
          {
            applicationId,
            participants: [
              { accountId: officer.accountId!, role: 'officer', displayName: '信贷员' },
              { accountId: borrower.accountId!, role: 'borrower', displayName: '借款人' },
            ],
          },
        ],
      ]),
    );
    started = rooms.started;
    media = await mediaApp(p, rooms.access);
  }, 180_000);

  afterAll(async () => {
    await media?.app.close();
    await p?.close();
  }, 60_000);

  const url = (id = interviewId) => `ws://127.0.0.1:${media.port}/api/interviews/${id}/signal`;
  const origin = () => `http://127.0.0.1:${media.port}`;

  it('refuses the socket without a session', async () => {
    const { outcome } = openSocket(url(), { origin: origin() });
    expect(await outcome).toEqual({ kind: 'http', status: 401 });
  });

  it('refuses a cross-site page using the user’s cookie', async () => {
    const a = openSocket(url(), { origin: 'https://evil.example', cookie: borrower.cookie! });
    expect(await a.outcome).toEqual({ kind: 'http', status: 403 });
    const b = openSocket(url(), { cookie: borrower.cookie! });
    expect(await b.outcome).toEqual({ kind: 'http', status: 403 });
  });

  it('closes the socket of someone not admitted to the room, the same for an unknown room', async () => {
    const a = openSocket(url(), { origin: origin(), cookie: stranger.cookie! });
    expect(await a.outcome).toEqual({ kind: 'closed', code: 4403, reason: 'not_found' });
    const b = openSocket(url(randomUUID()), { origin: origin(), cookie: borrower.cookie! });
    expect(await b.outcome).toEqual({ kind: 'closed', code: 4403, reason: 'not_found' });
  });

  it('answers malformed messages with an error and keeps the socket', async () => {
    const c = openSocket(url(), { origin: origin(), cookie: borrower.cookie! });
    await new Promise((r) => c.ws.once('open', r));
    c.ws.send('not json');
    c.ws.send(JSON.stringify({ type: 'answer', sdp: 'x' }));
    c.ws.send(JSON.stringify({ type: 'mute', audio: true, video: false }));
    c.ws.send(JSON.stringify({ type: 'unknown' }));
    expect(await until(() => c.messages.length >= 4, 5000)).toBe(true);
    expect(c.messages.map((m) => m.error)).toEqual([
      'invalid_json',
      'invalid_answer',
      'join_first',
      'unknown_type',
    ]);
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.close();
    await c.outcome;
  });

  it('forwards media both ways, records it, and puts one composite on the ledger after the call', async () => {
    const headers = (c: TestClient) => ({ origin: origin(), cookie: c.cookie! });
    const o = await mediaClient(url(), headers(officer));
    const b = await mediaClient(url(), headers(borrower));
    o.join('上海市浦东新区');
    b.join();
    const oKey = `${officer.accountId}:video`;
    const bKey = `${borrower.accountId}:video`;
    expect(
      await until(() => (o.received.get(bKey) ?? 0) > 20 && (b.received.get(oKey) ?? 0) > 20, 15_000),
    ).toBe(true);
    expect(o.received.get(`${borrower.accountId}:audio`) ?? 0).toBeGreaterThan(10);
    expect(started).toContain(interviewId);
    const welcome = o.messages.find((m) => m.type === 'welcome');
    expect(welcome).toMatchObject({ iceServers: [], isRecording: true });
    console.log('join-to-media (ms): officer', o.joinToMediaMs(), 'borrower', b.joinToMediaMs());

    // The borrower drops and reconnects into the same session: a second segment.
    await b.close();
    await new Promise((r) => setTimeout(r, 1000));
    const b2 = await mediaClient(url(), headers(borrower));
    b2.join();
    expect(await until(() => (b2.received.get(oKey) ?? 0) > 20, 15_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));

    // The borrower cannot end it; the officer can.
    b2.ws.send(JSON.stringify({ type: 'end' }));
    expect(await until(() => b2.messages.some((m) => m.error === 'not_allowed'), 3000)).toBe(true);
    const cpuBefore = process.cpuUsage();
    o.ws.send(JSON.stringify({ type: 'end' }));
    expect(await o.outcome).toMatchObject({ kind: 'closed', code: 4000 });
    await o.close();
    await b2.close();

    await Promise.all(media.sessions.finished);
    const cpu = process.cpuUsage(cpuBefore);
    console.log('composite CPU (ms, this process only):', (cpu.user + cpu.system) / 1000);
    const inMedia = await media.app.inject({
      method: 'GET',
      url: `/api/staff/interviews/${interviewId}/recordings`,
      headers: { cookie: officer.cookie! },
    });
    expect(inMedia.statusCode).toBe(200);
    const [recording] = inMedia.json().items;
    expect(recording.durationMs).toBeGreaterThan(2000);
    expect(recording.participants).toEqual(
      expect.arrayContaining([
        { accountId: officer.accountId, role: 'officer' },
        { accountId: borrower.accountId, role: 'borrower' },
      ]),
    );
    expect(
      recording.segments.filter((s: { accountId: string }) => s.accountId === borrower.accountId),
    ).toHaveLength(2);

    const row = (await p.infra.database.db.selectFrom('interview_recordings').selectAll().execute())[0]!;
    expect(existsSync(row.path)).toBe(true);
    const probe = await probeMedia(row.path);
    expect(probe.durationMs).toBeGreaterThan(2000);
    expect(probe).toMatchObject({ hasVideo: true, hasAudio: true, videoCodec: 'vp8', audioCodec: 'opus' });
    expect(await sha256OfFile(row.path)).toBe(recording.sha256);

    // On the ledger: an interview.recording leaf whose record holds the file's SHA-256.
    const [entry] = await p.infra.ledger.store.readEntries(recording.ledgerIndex, recording.ledgerIndex + 1);
    const decoded = decodeEvidenceLeaf(entry!.entry);
    expect(decoded.ok && decoded.leaf.type).toBe('interview.recording');
    const openings = await p.infra.ledger.openings.forLeaves([entry!.leafHash]);
    const record = openings.get(decoded.ok ? decoded.leaf.attests.record : '');
    expect(record?.kind).toBe('record');
    const attested = JSON.parse((record as { json: string }).json);
    expect(attested).toMatchObject({
      sha256: recording.sha256,
      durationMs: recording.durationMs,
      interviewId,
    });
    expect(JSON.stringify(attested)).not.toContain('借款人');

    // Scheduling's QC report reads it through InterviewObservations.
    expect(await interviewMediaObservations({ infra: p.infra }).recording(interviewId)).toEqual({
      sha256: recording.sha256,
      durationSeconds: Math.round(recording.durationMs / 100) / 10,
    });

    // Staff stream it with Range; a borrower may not.
    const ranged = await media.app.inject({
      method: 'GET',
      url: `/api/staff/interviews/${interviewId}/recording`,
      headers: { cookie: officer.cookie!, range: 'bytes=0-99' },
    });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.headers['content-range']).toBe(`bytes 0-99/${recording.sizeBytes}`);
    expect(ranged.headers['cache-control']).toBe('no-store');
    expect(ranged.rawPayload.length).toBe(100);
    const whole = await media.app.inject({
      method: 'GET',
      url: `/api/staff/interviews/${interviewId}/recording`,
      headers: { cookie: officer.cookie! },
    });
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.length).toBe(recording.sizeBytes);
    const refused = await media.app.inject({
      method: 'GET',
      url: `/api/staff/interviews/${interviewId}/recording`,
      headers: { cookie: borrower.cookie! },
    });
    expect(refused.statusCode).toBe(403);
  }, 90_000);
});
