/**
 * bench/interview — the video interview's media figures (issue 7):
 *
 * 1. Join-to-media on loopback: a two-party call of werift client peers fed by ffmpeg (as
 *    tests/integration/interview-media.test.ts does); the time from opening the signalling socket to
 *    the first RTP packet of the other party arriving, median and p90 over `--calls` calls.
 * 2. Server CPU per recorded session: one `--call-seconds` two-party call, from the first socket to
 *    the composite's row being readable (the ffmpeg composite included: a waited-for child of the server,
 *    counted in /proc cutime/cstime).
 * 3. Concurrency: recorded two-party sessions are added one by one; once the new one's media flows
 *    both ways (≤ 15 s, else that n fails) and 1 s more, a window of `--step-seconds` measures the
 *    server's CPU and every receiver's packets (received counted 0.5 s after sent, for those in flight). The server
 *    "holds" n sessions while, in the window, its CPU stays under 85 % of one core (werift and the
 *    signalling run on the one Node event loop, so one core is its ceiling; the other core runs the
 *    clients) and every receiver gets ≥ 90 % of the packets its peer sent (nothing dropped or late
 *    beyond the window). The first n that fails ends the ramp; reached `--max-sessions` means "at least".
 *    The clients share one ffmpeg video and one audio encoder, so their cost is the werift peers only.
 * 4. Signalling latency: `--rooms` rooms of 3 WebSocket peers (no media: the server's media engine is a
 *    no-op there), each peer in turn sends `mute` and the other two receive the `participants` update
 *    the server broadcasts; p50/p99 of send → receive, over `--signal-seconds`.
 *
 * The server is a child process (bench/interview-server.ts) so its CPU is its own; rooms are admitted
 * by an in-bench InterviewRoomAccess over fixed accounts, not booked interviews (see that file).
 * Ends with one JSON line of the figures. Default run ≈ 2–3 minutes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, type RTCRtpTransceiver } from 'werift';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '5' },
    'call-seconds': { type: 'string', default: '20' },
    'max-sessions': { type: 'string', default: '10' },
    'step-seconds': { type: 'string', default: '4' },
    rooms: { type: 'string', default: '200' },
    'signal-seconds': { type: 'string', default: '15' },
  },
});
const calls = Number(values.calls);
const callSeconds = Number(values['call-seconds']);
const maxSessions = Number(values['max-sessions']);
const stepSeconds = Number(values['step-seconds']);
const roomCount = Number(values.rooms);
const signalSeconds = Number(values['signal-seconds']);
const log = (line: string) => console.error(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function quantile(xs: number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

/** utime + stime (+ waited-for children's, e.g. the ffmpeg composite) of a process, in ms (100 Hz ticks). */
function cpuMsOf(pid: number, withChildren = true): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const own = Number(f[11]) + Number(f[12]);
  return (withChildren ? own + Number(f[13]) + Number(f[14]) : own) * 10;
}

interface Room {
  interviewId: string;
  cookies: string[];
}

async function startServer(args: string[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mianqian-bench-interview-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/interview-server.ts', ...args],
    {
      env: {
        ...process.env,
        MIANQIAN_DATA_DIR: dataDir,
        MIANQIAN_MODE: 'development',
        COOKIE_SECURE: 'false',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ready = await new Promise<{ url: string; rooms: Room[] }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n', out.indexOf(line))) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before listening`)));
  });
  return {
    ...ready,
    pid: child.pid!,
    /** SIGKILL: the composites of sessions still open at the end are not part of the figures. */
    stop: () =>
      new Promise<void>((r) => {
        child.once('exit', () => {
          rmSync(dataDir, { recursive: true, force: true });
          r();
        });
        child.kill('SIGKILL');
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Media clients: werift peers answering the server's offer, fed by shared ffmpeg RTP sources.
// ---------------------------------------------------------------------------------------------
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

/** One ffmpeg encoder (VP8 320×240 15 fps 300 kbps, or Opus) whose RTP goes to every subscribed track. */
async function rtpSource(kind: 'audio' | 'video') {
  const tracks = new Set<MediaStreamTrack>();
  let packets = 0;
  const udp: Socket = createSocket('udp4');
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
  udp.on('message', (data) => {
    packets++;
    for (const t of tracks) t.writeRtp(Buffer.from(data));
  });
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
        ]
          .concat(['-cpu-used', '8', '-b:v', '300k', '-g', '15', '-an', '-f', 'rtp', '-payload_type', '96'])
          .concat([`rtp://127.0.0.1:${port}?pkt_size=1200`])
      : ['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-c:a', 'libopus', '-vn'].concat(
          ['-f', 'rtp', '-payload_type', '111', `rtp://127.0.0.1:${port}?pkt_size=1200`],
        );
  const child = spawn('/usr/bin/ffmpeg', ['-hide_banner', '-loglevel', 'error', ...args], {
    stdio: 'ignore',
  });
  return {
    track: () => {
      const t = new MediaStreamTrack({ kind });
      tracks.add(t);
      return t;
    },
    drop: (t: MediaStreamTrack) => tracks.delete(t),
    packets: () => packets,
    stop: () => {
      child.kill('SIGKILL');
      udp.close();
    },
  };
}
type Source = Awaited<ReturnType<typeof rtpSource>>;

async function mediaClient(
  base: string,
  interviewId: string,
  cookieHeader: string,
  sources: { audio: Source; video: Source },
) {
  const openedAt = performance.now();
  const ws = new WebSocket(`ws://${base}/api/interviews/${interviewId}/signal`, {
    headers: { origin: `http://${base}`, cookie: cookieHeader },
  });
  ws.on('error', () => {});
  const audio = sources.audio.track();
  const video = sources.video.track();
  let received = 0;
  let firstRemoteAt = 0;
  let pc: RTCPeerConnection | undefined;
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  ws.on('message', async (d) => {
    const m = JSON.parse(String(d));
    if (m.type !== 'offer') return;
    pc = new RTCPeerConnection({ iceServers: [], codecs });
    pc.onTrack.subscribe((track) => {
      const t = pc!
        .getTransceivers()
        .find((x: RTCRtpTransceiver) => x.receiver.track === track || x.receiver.tracks.includes(track));
      if (!m.tracks.some((s: { mid: string }) => s.mid === t?.mid)) return;
      track.onReceiveRtp.subscribe(() => {
        firstRemoteAt ||= performance.now();
        received++;
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
  await new Promise<void>((r, j) => {
    ws.once('open', () => r());
    ws.once('error', j);
  });
  ws.send(JSON.stringify({ type: 'join' }));
  return {
    received: () => received,
    joinToMediaMs: () => (firstRemoteAt ? firstRemoteAt - openedAt : undefined),
    end: () => ws.send(JSON.stringify({ type: 'end' })),
    closed,
    close: async () => {
      sources.audio.drop(audio);
      sources.video.drop(video);
      ws.close();
      await pc?.close();
    },
  };
}
type MediaClient = Awaited<ReturnType<typeof mediaClient>>;

const until = async (check: () => boolean | Promise<boolean>, ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(50);
  }
  return false;
};

async function call(base: string, room: Room, sources: { audio: Source; video: Source }) {
  const [officer, borrower] = await Promise.all(
    room.cookies.map((c) => mediaClient(base, room.interviewId, c, sources)),
  );
  return { officer: officer!, borrower: borrower!, both: [officer!, borrower!] as MediaClient[] };
}

async function recordingReady(base: string, room: Room) {
  const res = await fetch(`http://${base}/api/staff/interviews/${room.interviewId}/recordings`, {
    headers: { cookie: room.cookies[0]! },
  });
  return res.ok && ((await res.json()) as { items: unknown[] }).items.length > 0;
}

// ---------------------------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------------------------
log(
  `bench/interview: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}`,
);
const sources = { audio: await rtpSource('audio'), video: await rtpSource('video') };
const media = await startServer(['--rooms', String(calls + 1 + maxSessions), '--peers', '2']);
const mediaRooms = [...media.rooms];
log(`media server ready at ${media.url} (pid ${media.pid})`);

// 1. Join-to-media.
const joinMs: number[] = [];
for (let i = 0; i < calls; i++) {
  const room = mediaRooms.shift()!;
  const c = await call(media.url, room, sources);
  await until(() => c.both.every((x) => x.joinToMediaMs() !== undefined), 15_000);
  for (const x of c.both) {
    const ms = x.joinToMediaMs();
    if (ms !== undefined) joinMs.push(ms);
  }
  c.officer.end();
  await Promise.all(c.both.map((x) => x.close()));
  log(
    `call ${i + 1}: join-to-media ${c.both.map((x) => Math.round(x.joinToMediaMs() ?? NaN)).join(' / ')} ms`,
  );
}
// Let those calls' composites finish before measuring one session's CPU.
await until(
  async () =>
    (await Promise.all(media.rooms.slice(0, calls).map((r) => recordingReady(media.url, r)))).every(Boolean),
  60_000,
);

// 2. Server CPU per recorded session.
const cpuRoom = mediaRooms.shift()!;
const cpuBefore = cpuMsOf(media.pid);
const wallBefore = performance.now();
const c = await call(media.url, cpuRoom, sources);
await sleep(callSeconds * 1000);
const sessionPackets = c.both.map((x) => x.received());
c.officer.end();
await Promise.all(c.both.map((x) => x.close()));
const callCpuMs = cpuMsOf(media.pid) - cpuBefore;
const hasComposite = await until(() => recordingReady(media.url, cpuRoom), 120_000);
const sessionCpuMs = cpuMsOf(media.pid) - cpuBefore;
const sessionWallMs = performance.now() - wallBefore;
log(
  `recorded session (${callSeconds} s call): server CPU ${(sessionCpuMs / 1000).toFixed(2)} s in all, ${(callCpuMs / 1000).toFixed(2)} s during the call, composite ${hasComposite ? 'ready' : 'MISSING'}; packets received ${sessionPackets.join(' / ')}`,
);

// 3. Concurrency ramp.
const live: { officer: MediaClient; borrower: MediaClient; both: MediaClient[] }[] = [];
let held = 0;
let limitedBy: string | null = null;
const ramp: {
  sessions: number;
  serverCorePercent: number;
  clientsCorePercent: number;
  worstDeliveryPercent: number;
}[] = [];
for (let n = 1; n <= maxSessions; n++) {
  const added = await call(media.url, mediaRooms.shift()!, sources);
  live.push(added);
  // The new session's media flows both ways (or it never does: a failure of this n), then settles.
  const isFlowing = await until(() => added.both.every((x) => x.joinToMediaMs() !== undefined), 15_000);
  if (!isFlowing) {
    limitedBy = 'join_timeout';
    log(`${n} sessions: the new session's media did not start within 15 s`);
    break;
  }
  await sleep(1000);
  // Packets sent in [t0, t1] against packets received in [t0 + 0.5 s, t1 + 0.5 s]: what is in flight
  // at the window's edges is not counted as lost; what arrives more than 0.5 s late is.
  const windowMs = Math.max(3000, stepSeconds * 1000);
  const cpu0 = cpuMsOf(media.pid, false);
  const sent0 = sources.audio.packets() + sources.video.packets();
  const t0 = performance.now();
  const clientCpu0 = process.cpuUsage();
  await sleep(500);
  const got0 = live.flatMap((s) => s.both.map((x) => x.received()));
  await sleep(windowMs - 500);
  const elapsed = performance.now() - t0;
  const corePercent = ((cpuMsOf(media.pid, false) - cpu0) / elapsed) * 100;
  const clientCpu = process.cpuUsage(clientCpu0);
  const clientCorePercent = ((clientCpu.user + clientCpu.system) / 1000 / elapsed) * 100;
  const sent = sources.audio.packets() + sources.video.packets() - sent0;
  await sleep(500);
  const got = live.flatMap((s) => s.both.map((x) => x.received())).map((g, i) => g - got0[i]!);
  const worst = Math.min(...got.map((g) => (g / Math.max(1, sent)) * 100));
  ramp.push({
    sessions: n,
    serverCorePercent: Math.round(corePercent),
    clientsCorePercent: Math.round(clientCorePercent),
    worstDeliveryPercent: Math.round(worst),
  });
  log(
    `${n} sessions: server ${corePercent.toFixed(0)} % of a core (clients ${clientCorePercent.toFixed(0)} %), worst receiver got ${worst.toFixed(0)} % of the packets sent`,
  );
  if (corePercent >= 85) limitedBy = 'server_cpu';
  else if (worst < 90) limitedBy = 'packets_lost_or_late';
  if (limitedBy) break;
  held = n;
}
await Promise.all(live.flatMap((s) => s.both.map((x) => x.close())));
await media.stop();
for (const s of Object.values(sources)) s.stop();

// 4. Signalling latency: rooms × 3 peers, no media.
const signal = await startServer(['--rooms', String(roomCount), '--peers', '3', '--signalling-only']);
log(`signalling server ready (${roomCount} rooms × 3 peers)`);
interface Peer {
  ws: WebSocket;
  onParticipants: ((m: { participants: { accountId: string; muted: { audio: boolean } }[] }) => void)[];
}
const peersOf = await Promise.all(
  signal.rooms.map(async (room) =>
    Promise.all(
      room.cookies.map(async (cookieHeader) => {
        const ws = new WebSocket(`ws://${signal.url}/api/interviews/${room.interviewId}/signal`, {
          headers: { origin: `http://${signal.url}`, cookie: cookieHeader },
        });
        const peer: Peer = { ws, onParticipants: [] };
        let accountId = '';
        const welcomed = new Promise<string>((r) =>
          ws.on('message', (d) => {
            const m = JSON.parse(String(d));
            if (m.type === 'welcome') r((accountId = m.you.accountId));
            if (m.type === 'participants') for (const h of peer.onParticipants) h(m);
          }),
        );
        await new Promise<void>((r, j) => {
          ws.once('open', () => r());
          ws.once('error', j);
        });
        ws.send(JSON.stringify({ type: 'join' }));
        await welcomed;
        return { ...peer, accountId: () => accountId };
      }),
    ),
  ),
);
log(`${peersOf.length * 3} peers joined`);
await sleep(500);
const latencies: number[] = [];
let lost = 0;
const signalEnd = Date.now() + signalSeconds * 1000;
const signalCpu0 = cpuMsOf(signal.pid, false);
const signalT0 = performance.now();
await Promise.all(
  peersOf.map(async (peers, roomIndex) => {
    await sleep((roomIndex * 7) % 200); // spread the rooms' sends
    let turn = 0;
    let muted = false;
    while (Date.now() < signalEnd) {
      const sender = peers[turn % 3]!;
      const senderId = sender.accountId();
      muted = turn % 6 < 3 ? true : false;
      const others = peers.filter((p) => p !== sender);
      const sentAt = performance.now();
      const arrivals = others.map(
        (o) =>
          new Promise<number | undefined>((resolve) => {
            const timer = setTimeout(() => resolve(undefined), 5000);
            const h = (m: { participants: { accountId: string; muted: { audio: boolean } }[] }) => {
              if (m.participants.find((p) => p.accountId === senderId)?.muted.audio !== muted) return;
              clearTimeout(timer);
              o.onParticipants.splice(o.onParticipants.indexOf(h), 1);
              resolve(performance.now() - sentAt);
            };
            o.onParticipants.push(h);
          }),
      );
      sender.ws.send(JSON.stringify({ type: 'mute', audio: muted, video: false }));
      for (const ms of await Promise.all(arrivals)) {
        if (ms === undefined) lost++;
        else latencies.push(ms);
      }
      turn++;
      await sleep(200); // each room: ≈ 4 messages a second
    }
  }),
);
const signalWall = performance.now() - signalT0;
const signalCorePercent = ((cpuMsOf(signal.pid, false) - signalCpu0) / signalWall) * 100;
for (const peers of peersOf) for (const p of peers) p.ws.close();
await signal.stop();
log(
  `signalling: ${latencies.length} deliveries (${Math.round(latencies.length / (signalWall / 1000))}/s), p50 ${quantile(latencies, 0.5)?.toFixed(1)} ms, p99 ${quantile(latencies, 0.99)?.toFixed(1)} ms, ${lost} not delivered in 5 s; server ${signalCorePercent.toFixed(0)} % of a core`,
);

const r1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
console.log(
  JSON.stringify({
    cpus: cpus().length,
    joinToMediaMs: { n: joinMs.length, median: r1(quantile(joinMs, 0.5)), p90: r1(quantile(joinMs, 0.9)) },
    recordedSession: {
      callSeconds,
      serverCpuSeconds: r1(sessionCpuMs / 1000),
      serverCpuSecondsDuringCall: r1(callCpuMs / 1000),
      compositeAndAfterCpuSeconds: r1((sessionCpuMs - callCpuMs) / 1000),
      wallSeconds: r1(sessionWallMs / 1000),
      hasComposite,
    },
    concurrentRecordedSessions: {
      held,
      limitedBy: limitedBy ?? `reached --max-sessions ${maxSessions}`,
      ramp,
    },
    signalling: {
      rooms: roomCount,
      peersPerRoom: 3,
      deliveries: latencies.length,
      notDelivered: lost,
      p50Ms: r1(quantile(latencies, 0.5)),
      p99Ms: r1(quantile(latencies, 0.99)),
      serverCorePercent: Math.round(signalCorePercent),
    },
  }),
);
process.exit(0);
