import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/ledger/evidence/canonical-json';
import { digestOfCanonicalJson } from '../../src/core/ledger/evidence/record-digest';
import {
  baseUrl,
  fill,
  launchChromium,
  newDesktopPage,
  newPhonePage,
  staffCredentials,
} from './support/browser';
import { apiPost, logIn } from './support/session';
import { enrolTotp, passStepUpIfAsked } from './support/second-factor';
import { randomMobile } from './support/test-data';

const run = promisify(execFile);

/** Seeded for this journey only (src/cli/seed-contract-journey.ts): identity verified, application in identity_verified. */
const borrower = { mobile: '13800000014', password: 'interview-pass-2026' };
const admin = { mobile: '13900000000', password: 'admin-pass-2026' };

/** The answers 孙七's application holds (the seed), by question key. */
const answers: Record<string, string> = {
  full_name: '孙七',
  birth_date: '1995-02-28',
  id_last_four: '5266',
  mobile_last_four: '0014',
  loan_purpose: 'home_renovation',
  monthly_income_band: '22000',
  employer: '上海某软件有限公司',
  employment_status: 'employed',
  repayment_method: '等额本息',
  loan_amount: '60000',
  loan_term: '12',
  borrowing_for_others: 'no',
  promised_anything: 'no',
  knows_credit_reporting: 'yes',
};

const fakeMedia = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const work = mkdtempSync(join(tmpdir(), 'mq-e2e-interview-'));

async function apiGet(page: Page, path: string): Promise<any> {
  const response = await page.request.get(`${baseUrl()}${path}`);
  expect(response.status(), path).toBe(200);
  return response.json();
}

const framesOf = async (page: Page): Promise<number> =>
  Number((await page.getByTestId('remote-tile-video').first().getAttribute('data-frames-decoded')) ?? 0);

const pad = (n: number) => String(n).padStart(2, '0');

describe('video interview journey through the app', () => {
  let officerBrowser: Browser;
  let borrowerBrowser: Browser;

  beforeAll(async () => {
    // The borrower's fake camera plays a face photo of the shared set (never copied into the repository).
    const video = join(work, 'face.y4m');
    await run('ffmpeg', [
      '-loglevel',
      'error',
      '-loop',
      '1',
      '-i',
      '/work/shared/data/faces/img17.jpg',
      '-t',
      '10',
      '-vf',
      'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,format=yuv420p',
      '-r',
      '15',
      '-y',
      video,
    ]);
    officerBrowser = await launchChromium({ extraArgs: fakeMedia });
    borrowerBrowser = await launchChromium({
      extraArgs: [...fakeMedia, `--use-file-for-fake-video-capture=${video}`],
    });
  });

  afterAll(async () => {
    await officerBrowser?.close();
    await borrowerBrowser?.close();
  });

  it('schedules, joins both ways, confirms the script, shares the screen, records, puts the hash on the ledger and refuses an outsider', async () => {
    // The officer offers a slot starting in a few minutes (the room opens 15 minutes before it).
    const officer = await newDesktopPage(officerBrowser);
    await logIn(officer, staffCredentials());
    await officer.goto(`${baseUrl()}/staff/interviews`);
    await officer.getByTestId('staff-interviews-page').waitFor();
    const start = new Date(Math.ceil((Date.now() + 2 * 60_000) / 300_000) * 300_000);
    const date = `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`;
    const time = `${pad(start.getHours())}:${pad(start.getMinutes())}`;
    const dateInput = officer.getByTestId('slot-date').locator('xpath=descendant-or-self::input').first();
    await dateInput.click();
    await dateInput.fill(date);
    await dateInput.press('Enter');
    const timeInput = officer.getByTestId('slot-time').locator('xpath=descendant-or-self::input').first();
    await timeInput.click();
    await timeInput.fill(time);
    await timeInput.press('Enter');
    await officer.getByTestId('slot-count').fill('1');
    await officer.getByTestId('offer-slots').click();
    let slotId = '';
    await expect
      .poll(
        async () => {
          const slots = (await apiGet(officer, '/api/staff/interview-slots')).items as {
            id: string;
            startsAt: string;
            status: string;
          }[];
          slotId = slots.find((s) => new Date(s.startsAt).getTime() === start.getTime())?.id ?? '';
          return slotId;
        },
        { timeout: 15_000 },
      )
      .not.toBe('');

    // 孙七 picks it on /interviews: her application moves to interview_scheduled.
    const phone = await newPhonePage(borrowerBrowser);
    await phone.context().grantPermissions(['camera', 'microphone', 'geolocation'], { origin: baseUrl() });
    await phone.context().setGeolocation({ latitude: 31.1886, longitude: 121.4365, accuracy: 20 });
    await logIn(phone, borrower);
    await phone.goto(`${baseUrl()}/interviews`);
    const pick = phone.getByTestId('pick-slot');
    await pick.waitFor();
    const applicationId = (await pick.getAttribute('data-application-id'))!;
    await phone.getByTestId('slot-select').click();
    await phone.getByTestId(`slot-select-${slotId}`).click();
    await phone.getByTestId('book-interview').click();
    const item = phone.getByTestId('interview-item');
    await item.waitFor();
    const interviewId = (await item.getAttribute('data-interview-id'))!;
    expect((await apiGet(phone, `/api/applications/${applicationId}`)).status).toBe('interview_scheduled');

    // The borrower joins with location consent, through the device check, into the room.
    await expect.poll(() => phone.getByTestId('join-interview').isEnabled(), { timeout: 20_000 }).toBe(true);
    await phone.getByTestId('join-interview').click();
    await phone.getByTestId('share-location').click();
    await phone.getByTestId('enter-room').click();
    await expect.poll(() => phone.getByTestId('join-room').isEnabled(), { timeout: 20_000 }).toBe(true);
    await phone.getByTestId('join-room').click();
    await phone.getByTestId('interview-room').waitFor();

    // The officer opens the console and joins.
    await officer.goto(`${baseUrl()}/staff/interviews/${interviewId}`);
    await officer.getByTestId('interview-console-page').waitFor();
    await expect.poll(() => officer.getByTestId('join-room').isEnabled(), { timeout: 20_000 }).toBe(true);
    const officerJoinedAt = Date.now();
    await officer.getByTestId('join-room').click();
    await officer.getByTestId('interview-room').waitFor();

    // Media flows both ways: each side's remote video advances.
    const firstFrame = async (page: Page) => {
      await expect.poll(() => framesOf(page), { timeout: 45_000 }).toBeGreaterThan(0);
      return Date.now() - officerJoinedAt;
    };
    const [borrowerSees, officerSees] = await Promise.all([firstFrame(phone), firstFrame(officer)]);
    console.log(
      `join-to-media: officer join → first remote frame on the borrower's side ${borrowerSees} ms, on the officer's side ${officerSees} ms`,
    );
    for (const page of [phone, officer]) {
      const before = await framesOf(page);
      await expect.poll(() => framesOf(page), { timeout: 15_000 }).toBeGreaterThan(before + 10);
    }

    // Joining started the interview: the console shows it live, with the script to confirm.
    await expect
      .poll(() => officer.getByTestId('console-status').innerText(), { timeout: 20_000 })
      .toBe('进行中');
    await expect
      .poll(() => officer.getByTestId('confirm-voice').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(await officer.getByTestId('start-interview').count()).toBe(0);

    // The officer confirms every script item and records answers to the drawn questions.
    const items = officer.getByTestId('script-item');
    const total = await items.count();
    expect(total).toBeGreaterThan(0);
    for (let i = 0; i < total; i++) {
      await officer.getByTestId('confirm-voice').first().click();
      await expect.poll(() => officer.getByTestId('script-confirmed').count()).toBe(i + 1);
    }
    const questions = officer.getByTestId('question-item');
    const asked = await questions.count();
    expect(asked).toBeGreaterThan(0);
    for (let i = 0; i < asked; i++) {
      const q = questions.nth(i);
      const key = (await q.getAttribute('data-key'))!;
      await q.getByTestId('answer-input').fill(answers[key] ?? '不知道');
      await q.getByTestId('answer-save').click();
      await q.getByTestId('answer-check').waitFor();
    }
    const checks = await officer
      .getByTestId('answer-check')
      .evaluateAll((tags) => tags.map((t) => (t as any).dataset.match));
    const questionKeys = await questions.evaluateAll((rows) => rows.map((r) => (r as any).dataset.key));
    console.log('answers checked:', questionKeys.map((k, i) => `${k}=${checks[i]}`).join(' '));
    // The answers are the application's own facts: each one checks out.
    expect(checks).toEqual(questionKeys.map(() => 'true'));

    // The officer shares the screen (the terms): the borrower sees the share as a tile of its own, and
    // it moves. The share stays on to the end of the call, so the recording holds it.
    await officer.getByTestId('toggle-screen').click();
    const screenTile = phone.getByTestId('remote-tile-screen');
    const screenFrames = async () =>
      (await screenTile.count()) === 0
        ? 0
        : Number(await screenTile.first().getAttribute('data-frames-decoded'));
    await expect.poll(screenFrames, { timeout: 30_000 }).toBeGreaterThan(0);
    const sharedFrames = await screenFrames();
    await expect.poll(screenFrames, { timeout: 15_000 }).toBeGreaterThan(sharedFrames + 10);
    expect(await officer.getByTestId('toggle-screen').getAttribute('aria-pressed')).toBe('true');

    // An uninvited borrower opening the room is refused by the page and by the signalling socket.
    const outsiderPage = await newPhonePage(borrowerBrowser);
    // (a newly registered borrower: the seeded ones may have a second factor from other journeys)
    await outsiderPage.goto(`${baseUrl()}/`);
    await outsiderPage.getByTestId('go-register').click();
    await fill(outsiderPage, 'register-mobile', randomMobile());
    await fill(outsiderPage, 'register-display-name', '未受邀借款人');
    await fill(outsiderPage, 'register-password', 'an uninvited borrower passphrase');
    await fill(outsiderPage, 'register-password-confirm', 'an uninvited borrower passphrase');
    await outsiderPage.getByTestId('register-submit').click();
    await outsiderPage.getByTestId('current-user').waitFor();
    await outsiderPage.goto(`${baseUrl()}/interviews/${interviewId}`);
    const refused = outsiderPage.getByTestId('admission-refused');
    await refused.waitFor();
    expect(await refused.getAttribute('data-reason')).toBe('not_found');
    const socket = await outsiderPage.evaluate(
      (id) =>
        new Promise<{ messages: string[]; code: number }>((resolve) => {
          const messages: string[] = [];
          const ws = new WebSocket(`ws://${(globalThis as any).location.host}/api/interviews/${id}/signal`);
          ws.onopen = () => ws.send(JSON.stringify({ type: 'join' }));
          ws.onmessage = (e) => messages.push(String(e.data));
          ws.onclose = (e) => resolve({ messages, code: e.code });
          setTimeout(() => resolve({ messages, code: -1 }), 10_000);
        }),
      interviewId,
    );
    expect(socket.code).toBeGreaterThanOrEqual(4400);
    expect(socket.messages.map((m) => JSON.parse(m))).toContainEqual({
      type: 'refused',
      reason: 'not_found',
    });
    expect(socket.messages.some((m) => JSON.parse(m).type === 'welcome')).toBe(false);
    // The outsider's attempt did not disturb the call.
    const still = await framesOf(phone);
    await expect.poll(() => framesOf(phone), { timeout: 10_000 }).toBeGreaterThan(still);

    // The officer ends the call; the server produces the composite recording.
    await officer.getByTestId('end-interview').click();
    await expect
      .poll(() => officer.getByTestId('interview-room').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('closed');
    let recording: any;
    await expect
      .poll(
        async () => {
          recording = (await apiGet(officer, `/api/staff/interviews/${interviewId}/recordings`)).items.at(-1);
          return recording !== undefined;
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toBe(true);
    const file = await officer.request.get(`${baseUrl()}/api/staff/interviews/${interviewId}/recording`);
    expect(file.status()).toBe(200);
    const bytes = await file.body();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(sha256).toBe(recording.sha256);
    const webm = join(work, 'recording.webm');
    writeFileSync(webm, bytes);
    const probe = JSON.parse(
      (
        await run('ffprobe', [
          '-v',
          'error',
          '-show_entries',
          'format=duration:stream=codec_type,codec_name',
          '-of',
          'json',
          webm,
        ])
      ).stdout,
    ) as { format: { duration: string }; streams: { codec_type: string; codec_name: string }[] };
    const duration = Number(probe.format.duration);
    console.log(
      `recording: ${duration.toFixed(1)} s, ${bytes.length} bytes, streams ${probe.streams.map((s) => s.codec_name).join('+')}`,
    );
    expect(duration).toBeGreaterThan(3);
    expect(probe.streams.find((s) => s.codec_type === 'video')?.codec_name).toMatch(/^vp[89]$/);
    expect(probe.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('opus');
    expect(recording.participants.map((p: { role: string }) => p.role).sort()).toEqual([
      'borrower',
      'officer',
    ]);
    // The screen share is one of the recording's segments (a tile of the composite), the officer's.
    const shares = (recording.segments as { role: string; kind: string; durationMs: number }[]).filter(
      (seg) => seg.kind === 'screen',
    );
    expect(shares.map((seg) => seg.role)).toEqual(['officer']);
    expect(shares[0]!.durationMs).toBeGreaterThan(2_000);

    // The recording's hash is on the ledger: the entry at its index attests exactly this record.
    const ledger = await apiGet(officer, `/api/ledger/applications/${applicationId}/entries`);
    const entry = ledger.entries.find((e: { index: number }) => e.index === recording.ledgerIndex);
    expect(entry?.type).toBe('interview.recording');
    const record = {
      interviewId,
      sessionId: recording.sessionId,
      sha256,
      durationMs: recording.durationMs,
      sizeBytes: bytes.length,
      sessionStartedAt: recording.sessionStartedAt,
      participants: recording.participants,
    };
    expect(entry.record).toBe(digestOfCanonicalJson(canonicalJson(record)));

    // The officer concludes pass.
    await officer.getByTestId('form-identity').click();
    await officer.getByTestId('form-willingness').click();
    await officer.getByTestId('form-no-prompting').click();
    await officer.getByTestId('form-findings').fill('本人到场，身份与意愿确认无误');
    await officer.getByTestId('form-pass').click();
    await officer.getByTestId('conclude').click();
    await officer.getByTestId('conclusion-view').waitFor();
    await officer.getByTestId('qc-report').waitFor();
    expect(await officer.getByTestId('qc-coverage').innerText()).toBe(`${total}/${total}`);

    // A second officer (four eyes) signs the QC off with the second factor: on to risk_control.
    const adminPage = await newDesktopPage(officerBrowser);
    await logIn(adminPage, admin);
    const reviewer = { mobile: randomMobile(), password: 'qc-reviewer-pass-2026-e2e' };
    const created = await apiPost(adminPage, '/api/admin/accounts', {
      ...reviewer,
      displayName: '质检复核员',
      role: 'risk_officer',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const qcPage = await newDesktopPage(officerBrowser);
    await logIn(qcPage, reviewer);
    const auth = await enrolTotp(qcPage);
    await qcPage.goto(`${baseUrl()}/staff/interviews/${interviewId}`);
    await qcPage.getByTestId('qc-reason').fill('录像完整，话术全部确认，同意');
    await qcPage.getByTestId('qc-sign-off').click();
    await passStepUpIfAsked(
      qcPage,
      auth,
      async () => (await apiGet(qcPage, `/api/applications/${applicationId}`)).status === 'risk_control',
    );
    await expect.poll(() => qcPage.getByTestId('qc-status').innerText()).toBe('质检通过');
    const qc = (await apiGet(qcPage, `/api/staff/interviews/${interviewId}`)).qc;
    console.log(
      'QC report face:',
      JSON.stringify(qc.report.face),
      'recording:',
      JSON.stringify(qc.report.recording),
    );
    expect(qc.report.recording.sha256).toBe(sha256);
    // The borrower's fake camera shows a face: the live face check saw one in its samples.
    expect(qc.report.face.samples).toBeGreaterThan(0);
    expect(qc.report.face.withOneFace).toBeGreaterThan(0);
  });
});
