import { test as base, type Locator, type Page } from '@playwright/test';
import { appendFileSync } from 'node:fs';
import { axeFindings, expectAccessible } from './a11y';

export { expect } from '@playwright/test';

/**
 * What makes a screen a different screen for the accessibility check: the route with its ids blanked, the heading
 * where there is no route (the vault's own screens), the dialogs open and whether an alert is showing.
 */
function screenKey(page: Page): Promise<string> {
  return page.evaluate(() => {
    const route =
      location.hash
        .replace(/^#/, '')
        .split('?')[0]!
        .replace(/\/[^/]*\d[^/]{6,}/g, '/:id') || '/';
    const heading = route === '/' ? (document.querySelector('h1, h2')?.textContent ?? '') : '';
    const dialogs = Array.from(document.querySelectorAll('[role="dialog"], [role="alertdialog"]')).map(
      (d) =>
        d.getAttribute('aria-label') ??
        document.getElementById(d.getAttribute('aria-labelledby') ?? '')?.textContent ??
        'dialog',
    );
    const alert = document.querySelector('[role="alert"]') ? ' alert' : '';
    return `${route} ${heading} [${dialogs.join(' + ')}]${alert}`;
  });
}

const checked = new Set<string>();
let checking = false;

/** Every screen and dialog a spec reaches is checked once per run, in both languages and both themes. */
async function checkScreen(page: Page): Promise<void> {
  if (checking || page.isClosed() || !page.url().startsWith('http://127.0.0.1:4317')) return;
  checking = true;
  try {
    const key = await screenKey(page);
    if (checked.has(key)) return;
    checked.add(key);
    // A11Y_REPORT=<file> lists every finding of a whole run instead of stopping at the first screen that has one.
    const report = process.env['A11Y_REPORT'];
    if (report) {
      for (const f of await axeFindings(page)) appendFileSync(report, `${JSON.stringify({ key, ...f })}\n`);
    } else {
      await expectAccessible(page, key);
    }
  } finally {
    checking = false;
  }
}

type Acting = (this: Locator, ...args: never[]) => Promise<unknown>;
const ACTIONS = ['click', 'dblclick', 'check', 'selectOption', 'setInputFiles'] as const;

/**
 * The check runs just before a spec acts on a screen, when the spec has already waited for what it means to use,
 * and once more when the test ends, so the suite's own path through the app is what gets checked.
 */
export const test = base.extend<{ axeEveryScreen: void }>({
  axeEveryScreen: [
    async ({ page }, use) => {
      const proto = Object.getPrototypeOf(page.locator('body')) as Record<string, Acting>;
      const originals = new Map<string, Acting>();
      for (const name of ACTIONS) {
        const original = proto[name]!;
        originals.set(name, original);
        proto[name] = async function (this: Locator, ...args: never[]) {
          await checkScreen(this.page());
          return original.apply(this, args);
        };
      }
      try {
        await use();
        await checkScreen(page);
      } finally {
        for (const [name, original] of originals) proto[name] = original;
      }
    },
    { auto: true },
  ],
});
