import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { probeMedia } from '../../src/infra/media/composite';
import { createTestPlatform, TestClient, uniqueMobile, type TestPlatform } from '../support/test-platform';
import { fixedRooms, mediaApp } from '../support/interview-media-app';
import { launchChromium } from './support/browser';

/**
 * Two Chromium pages with fake camera and microphone join one room through the server (werift as
 * each page's peer): each page's remote video advances, and the composite is made after the officer
 * ends the call. The page is a minimal client of the signalling protocol (docs/interview-media.md),
 * served by the test; the React room component speaks the same protocol.
 */
const PAGE =
  "<!doctype html><meta charset=\"utf-8\"><video id=\"remote\" autoplay playsinline muted></video><script>\nwindow.framesDecoded = 0; window.state = 'new';\n(async () => {\n  const local = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });\n  const ws = new WebSocket('ws://' + location.host + '/api/interviews/' + location.hash.slice(1) + '/signal');\n  let pc; let ice = [];\n  ws.onopen = () => ws.send(JSON.stringify({ type: 'join' }));\n  ws.onmessage = async (e) => {\n    const m = JSON.parse(e.data);\n    if (m.type === 'welcome') ice = m.iceServers;\n    if (m.type !== 'offer') return;\n    pc = new RTCPeerConnection({ iceServers: ice });\n    const slots = new Map(m.tracks.map((s) => [s.mid, s]));\n    const stream = new MediaStream();\n    pc.ontrack = (ev) => { const s = slots.get(ev.transceiver.mid); if (s && s.kind !== 'screen') { stream.addTrack(ev.track); document.getElementById('remote').srcObject = stream; } };\n    pc.onicecandidate = (ev) => { if (ev.candidate) ws.send(JSON.stringify({ type: 'candidate', candidate: ev.candidate.toJSON() })); };\n    pc.onconnectionstatechange = () => { window.state = pc.connectionState; };\n    await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });\n    for (const t of pc.getTransceivers()) {\n      if (t.mid === m.send.audio) { t.direction = 'sendonly'; await t.sender.replaceTrack(local.getAudioTracks()[0]); }\n      else if (t.mid === m.send.video) { t.direction = 'sendonly'; await t.sender.replaceTrack(local.getVideoTracks()[0]); }\n      else if (t.mid === m.send.screen) { t.direction = 'sendonly'; }\n    }\n    await pc.setLocalDescription(await pc.createAnswer());\n    ws.send(JSON.stringify({ type: 'answer', sdp: pc.localDescription.sdp }));\n  };\n  window.end = () => ws.send(JSON.stringify({ type: 'end' }));\n  setInterval(() => { const q = document.getElementById('remote').getVideoPlaybackQuality(); window.framesDecoded = q.totalVideoFrames; }, 250);\n})();\n</script>";

describe('interview room in Chromium', () => {
  let p: TestPlatform;
  let media: Awaited<ReturnType<typeof mediaApp>>;
  let browser: Browser;
  const interviewId = randomUUID();
  const people: TestClient[] = [];

  beforeAll(async () => {
    p = await createTestPlatform({ target: 'pglite', overrides: { cookieSecure: false } });
    const borrower = new TestClient(p.app);
    expect((await borrower.register({ displayName: '借款人' })).status).toBe(201);
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'staff passphrase 2026', displayName: '信贷员', role: 'loan_officer' },
    });
    const officer = new TestClient(p.app);
    expect((await officer.login(mobile, 'staff passphrase 2026')).status).toBe(200);
    people.push(officer, borrower);
    const rooms = fixedRooms(
      new Map([
        [
          interviewId,
          {
            applicationId: randomUUID(),
            participants: [
              { accountId: officer.accountId!, role: 'officer', displayName: '信贷员' },
              { accountId: borrower.accountId!, role: 'borrower', displayName: '借款人' },
            ],
          },
        ],
      ]),
    );
    // The minimal page of the signalling protocol, served by the media app itself (same origin).
    media = await mediaApp(p, rooms.access, (app) =>
      app.get('/room-test', { config: { access: 'public' } }, async (_r, reply) =>
        reply
          .type('text/html')
          .header('content-security-policy', "default-src 'self' 'unsafe-inline'; connect-src 'self' ws:")
          .send(PAGE),
      ),
    );
    browser = await launchChromium({
      extraArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await media?.app.close();
    await p?.close();
  });

  it('shows each participant the other’s video and records the call', async () => {
    const pages = await Promise.all(
      people.map(async (person) => {
        const context = await browser.newContext();
        const [name, value] = person.cookie!.split('=');
        await context.addCookies([{ name: name!, value: value!, url: `http://127.0.0.1:${media.port}` }]);
        const page = await context.newPage();
        await page.goto(`http://127.0.0.1:${media.port}/room-test#${interviewId}`);
        return page;
      }),
    );
    const started = Date.now();
    for (const page of pages)
      await page.waitForFunction(() => (globalThis as any).framesDecoded > 30, null, { timeout: 30_000 });
    console.log('both pages decoding remote video after (ms):', Date.now() - started);
    const before = await Promise.all(
      pages.map((page) => page.evaluate(() => (globalThis as any).framesDecoded)),
    );
    await new Promise((r) => setTimeout(r, 1500));
    const after = await Promise.all(
      pages.map((page) => page.evaluate(() => (globalThis as any).framesDecoded)),
    );
    expect(after[0]).toBeGreaterThan(before[0]);
    expect(after[1]).toBeGreaterThan(before[1]);
    await pages[0]!.evaluate(() => (globalThis as any).end());
    await new Promise((r) => setTimeout(r, 500));
    await Promise.all(media.sessions.finished);
    const row = (await p.infra.database.db.selectFrom('interview_recordings').selectAll().execute())[0]!;
    const probe = await probeMedia(row.path);
    expect(probe.durationMs).toBeGreaterThan(2000);
    expect(probe.hasVideo && probe.hasAudio).toBe(true);
  });
});
