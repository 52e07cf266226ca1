import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser; flags keep it quiet and offline in CI containers. */
export async function launchChromium({ extraArgs = [] }: { extraArgs?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** The server under test, started by the e2e global setup. */
export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url)
    throw new Error(
      'E2E_BASE_URL is not set: run the e2e tests through vitest.e2e.config.ts, whose global setup starts the server',
    );
  return url.replace(/\/$/, '');
}

export const staffCredentials = () => ({
  mobile: process.env.E2E_OFFICER_MOBILE ?? '13900000001',
  password: process.env.E2E_OFFICER_PASSWORD ?? 'officer-pass-2026',
});

/** A fresh context (own cookies) at a phone's size, as most borrowers use the app. */
export async function newPhonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  return context.newPage();
}

/** A fresh context at a desktop's size, as staff use the console. */
export async function newDesktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  return context.newPage();
}

/**
 * Picks `value` in the antd Select with `data-testid=testId`: the web app gives each option the test
 * id `<testId>-<value>`, so no translated text is needed.
 */
export async function chooseOption(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).click();
  const option = page.getByTestId(`${testId}-${value}`);
  // On a loaded machine a click can land while the dropdown is still animating open and be lost:
  // click again (at most three times) until the list closes, rather than wait out the timeout.
  for (let attempt = 1; ; attempt++) {
    await option.click();
    try {
      await option.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** Fills an input found by test id, replacing what was there. */
export async function fill(scope: Page | Locator, testId: string, value: string): Promise<void> {
  await scope.getByTestId(testId).fill(value);
}
