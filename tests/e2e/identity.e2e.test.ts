import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facesDir } from '../support/faces-dir';
import { baseUrl, fill, launchChromium, newDesktopPage } from './support/browser';
import {
  makeFakeCameraVideo,
  STILL_SEQUENCE,
  TURNING_HEAD,
  turningHeadSequence,
} from './support/fake-camera-video';
import { idNumberForAge, randomMobile } from './support/test-data';

/**
 * The borrower's identity verification on a phone, every check made by the server with the real face
 * engine. Chromium's fake camera plays a video made here from the shared face photos: one borrower
 * fails with a replayed still photo and then passes turning his head as asked (the e2e server fixes
 * the challenge to turn_right so the video can show it); another meets a camera with no face and
 * chooses the officer's video check instead. SMS codes are read from the development outbox by the
 * demo admin.
 */
const work = mkdtempSync(join(tmpdir(), 'mq-e2e-identity-'));
const faces = facesDir();
const cameraArgs = (video?: string) => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  ...(video ? [`--use-file-for-fake-video-capture=${video}`] : []),
];

async function phoneContext(
  browser: Browser,
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
) {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    permissions: ['camera'],
    ...(storageState ? { storageState } : {}),
  });
}

async function registerBorrower(page: Page, mobile: string, name: string) {
  await page.goto(`${baseUrl()}/register`);
  await fill(page, 'register-mobile', mobile);
  await fill(page, 'register-display-name', name);
  await fill(page, 'register-password', 'a long borrower passphrase');
  await fill(page, 'register-password-confirm', 'a long borrower passphrase');
  await page.getByTestId('register-submit').click();
  await page.getByTestId('new-application').waitFor();
}

/** ID details under the personal-information consent, the phone code from the outbox, the consents. */
async function detailsPhoneAndConsents(
  page: Page,
  browser: Browser,
  p: { mobile: string; name: string; idNumber: string },
) {
  await fill(page, 'verify-name', p.name);
  await fill(page, 'verify-id-number', p.idNumber);
  await page.getByTestId('verify-agree').click();
  await page.getByTestId('verify-submit-details').click();

  await fill(page, 'verify-mobile', p.mobile);
  await page.getByTestId('verify-send-code').click();
  await page.getByTestId('code-sent').waitFor();
  const admin = await newDesktopPage(browser);
  await admin.goto(`${baseUrl()}/login`);
  await fill(admin, 'login-mobile', '13900000000');
  await fill(admin, 'login-password', 'admin-pass-2026');
  await admin.getByTestId('login-submit').click();
  await admin.getByTestId('nav-admin-accounts').waitFor();
  await admin.goto(`${baseUrl()}/admin/sms-outbox`);
  const masked = `${p.mobile.slice(0, 3)}****${p.mobile.slice(7)}`;
  const row = admin.getByTestId('sms-outbox-table').locator('tr', { hasText: masked });
  const code = /(\d{6})/.exec(await row.innerText())![1]!;
  await admin.context().close();
  await fill(page, 'verify-code', code);
  await page.getByTestId('verify-code-submit').click();

  await page.screenshot({ path: `${work}/identity-consents.png`, fullPage: true });
  for (const kind of ['credit_inquiry', 'recording', 'face_data'])
    await page.getByTestId(`consent-${kind}`).click();
  await page.getByTestId('consents-continue').click();
}

describe('a borrower verifies their identity on a phone', () => {
  const browsers: Browser[] = [];
  const launch = async (video?: string) => {
    const b = await launchChromium({ extraArgs: cameraArgs(video) });
    browsers.push(b);
    return b;
  };
  afterAll(async () => {
    for (const b of browsers) await b.close();
  });

  let stillVideo: string;
  let turningVideo: string;
  beforeAll(() => {
    stillVideo = join(work, 'still.mjpeg');
    turningVideo = join(work, 'turning-right.mjpeg');
    makeFakeCameraVideo({
      images: STILL_SEQUENCE.map((i) => ({ ...i, dir: faces })),
      out: stillVideo,
      secondsPerImage: 3,
    });
    makeFakeCameraVideo({
      images: turningHeadSequence('turn_right').map((i) => ({ ...i, dir: faces })),
      out: turningVideo,
    });
  });

  it('fails a replayed still photo, then passes turning the head as asked: identity verified', async () => {
    const mobile = randomMobile();
    const idNumber = idNumberForAge(41);
    const name = '测试转头';
    const still = await launch(stillVideo);
    const context = await phoneContext(still);
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    await registerBorrower(page, mobile, name);

    // The authority's photo: the development registry, filled through its API with the reference photo.
    const session = await (await page.request.get(`${baseUrl()}/api/session`)).json();
    const { readFileSync } = await import('node:fs');
    const added = await page.request.post(`${baseUrl()}/api/identity/dev/registry`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { name, idNumber, photo: readFileSync(join(faces, TURNING_HEAD.reference)).toString('base64') },
    });
    expect(added.status()).toBe(201);

    await page.goto(`${baseUrl()}/verify`);
    await detailsPhoneAndConsents(page, still, { mobile, name, idNumber });

    // A still photo of the right person, replayed: the head never turns, so the check fails.
    await page.getByTestId('face-start').click();
    await expect
      .poll(() => page.getByTestId('face-prompt').innerText(), { timeout: 10_000 })
      .toMatch(/请向右转头/);
    await page.getByTestId('face-failed').waitFor({ timeout: 120_000 });
    await page.screenshot({ path: `${work}/identity-face-still-failed.png`, fullPage: true });

    // The same session on a phone whose camera sees the person turn his head to the right.
    const turning = await launch(turningVideo);
    const context2 = await phoneContext(turning, await context.storageState());
    const page2 = await context2.newPage();
    page2.on('pageerror', (e) => errors.push(e));
    await page2.goto(`${baseUrl()}/verify`);
    await page2.getByTestId('face-start').click();
    await page2.getByTestId('verify-done').waitFor({ timeout: 120_000 });
    await page2.screenshot({ path: `${work}/identity-verified.png`, fullPage: true });
    const state = await (await page2.request.get(`${baseUrl()}/api/identity/verification`)).json();
    expect(state).toMatchObject({ verification: { status: 'verified', method: 'face' } });
    expect(errors).toEqual([]);
  }, 300_000);

  it('meets a camera with no face, fails, and chooses the officer video check instead', async () => {
    const mobile = randomMobile();
    const idNumber = idNumberForAge(32);
    const browser = await launch(); // Chromium's own fake camera: a moving test pattern, no face.
    const page = await (await phoneContext(browser)).newPage();
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    await registerBorrower(page, mobile, '测试核验');
    await page.goto(`${baseUrl()}/verify`);

    // Development mode: put myself into the local registry with a webcam photo.
    await page.getByTestId('go-dev-registry').click();
    await fill(page, 'registry-name', '测试核验');
    await fill(page, 'registry-id-number', idNumber);
    await page.getByTestId('registry-take-photo').click(); // opens the camera
    await page.getByTestId('registry-camera').waitFor({ state: 'visible' });
    await page.getByTestId('registry-take-photo').click(); // takes the picture
    await page.getByTestId('registry-photo').waitFor();
    await page.getByTestId('registry-submit').click();
    await page.getByTestId('registry-done').waitFor();
    await page.getByTestId('registry-done').getByRole('link').click();

    await page.screenshot({ path: `${work}/identity-details.png`, fullPage: true });
    await detailsPhoneAndConsents(page, browser, { mobile, name: '测试核验', idNumber });

    await page.getByTestId('face-start').click();
    await expect
      .poll(() => page.getByTestId('face-prompt').innerText(), { timeout: 10_000 })
      .toMatch(/请向[左右]转头/);
    await page.screenshot({ path: `${work}/identity-face-challenge.png` });
    await page.getByTestId('face-failed').waitFor({ timeout: 120_000 });

    await page.getByTestId('face-officer-video').click();
    await page.getByTestId('verify-officer-video').waitFor();
    await page.screenshot({ path: `${work}/identity-officer-video.png` });
    expect(errors).toEqual([]);
  }, 300_000);
});
