import type { Page } from 'playwright-core';

/**
 * Clicks a header menu item by test id. On a phone the menu folds items that do not fit into a "…"
 * submenu; the folded item stays in the header, hidden (aria-hidden), and the popup holds a copy.
 * The menu first renders every item and folds them once it has measured the header, so its layout
 * is read only when it has stayed the same for a few frames.
 */
export async function openMenuItem(page: Page, testId: string): Promise<void> {
  const menu = page.getByTestId('nav-menu');
  await menu.evaluate(async (ul) => {
    const layout = () => [...ul.children].map((li) => li.getAttribute('aria-hidden') ?? '-').join();
    const view = ul.ownerDocument.defaultView!;
    const frame = () => new Promise<void>((resolve) => view.requestAnimationFrame(() => resolve()));
    for (let last = '', same = 0; same < 3;) {
      await frame();
      const now = layout();
      same = now === last ? same + 1 : 0;
      last = now;
    }
  });
  const inHeader = menu.locator(':scope > li:not([aria-hidden="true"])').getByTestId(testId);
  if ((await inHeader.count()) > 0) {
    await inHeader.click();
    return;
  }
  await menu.locator('.ant-menu-overflow-item-rest').click();
  await page.locator('.ant-menu-submenu-popup').getByTestId(testId).click();
}
