import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';

type Language = 'en' | 'ar';
type Theme = 'light' | 'dark';
export interface Variant {
  language: Language;
  theme: Theme;
}

export const ALL_VARIANTS: readonly Variant[] = [
  { language: 'en', theme: 'light' },
  { language: 'ar', theme: 'light' },
  { language: 'en', theme: 'dark' },
  { language: 'ar', theme: 'dark' },
];

const SETTINGS_KEY = 'athar.settings.v1';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Switches the open page's language and theme in place, the way a second window of the same origin would (the
 * settings store follows `storage` events), so a dialog or a half-filled form stays as it is while it is checked.
 */
async function setSettings(page: Page, raw: string | null): Promise<void> {
  await page.evaluate(
    ({ key, raw }) => {
      const before = localStorage.getItem(key);
      if (raw === null) localStorage.removeItem(key);
      else localStorage.setItem(key, raw);
      window.dispatchEvent(new StorageEvent('storage', { key, oldValue: before, newValue: raw }));
    },
    { key: SETTINGS_KEY, raw },
  );
}

async function settled(page: Page, v?: Variant): Promise<void> {
  await page.waitForFunction(
    (v) =>
      (!v ||
        (document.documentElement.lang === v.language &&
          document.documentElement.getAttribute('data-mantine-color-scheme') === v.theme)) &&
      // Transitions must have ended (a dialog fading in is measured at a fraction of its contrast); endless ones, a
      // spinner's, never do.
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
    v,
    { timeout: 10_000 },
  );
}

async function applyVariant(page: Page, v: Variant): Promise<void> {
  const before = await page.evaluate((key) => localStorage.getItem(key), SETTINGS_KEY);
  const next = JSON.stringify({
    ...(before ? (JSON.parse(before) as object) : {}),
    language: v.language,
    theme: v.theme,
  });
  await setSettings(page, next);
  await settled(page, v);
}

/**
 * Findings waived, each on the elements a selector test picks out and with its reason. Keep this list short; every
 * entry is a place where axe-core's model and the pattern disagree, never a defect left for later.
 */
const EXCEPTIONS: readonly { rule: string; around: string; reason: string }[] = [
  {
    rule: 'scrollable-region-focusable',
    around: '[role="listbox"]',
    reason:
      'The scrolling box of an open select list holds its options. They are reached with the arrow keys from the ' +
      'focused combobox (aria-activedescendant, the ARIA combobox pattern), never by focusing the box; axe-core ' +
      'expects a focusable box or focusable options, which the pattern forbids.',
  },
];

async function waived(page: Page, rule: string, target: string): Promise<boolean> {
  const exceptions = EXCEPTIONS.filter((e) => e.rule === rule);
  if (!exceptions.length) return false;
  return page.evaluate(
    ({ target, around }) => {
      const el = document.querySelector(target);
      return el !== null && around.some((c) => el.querySelector(c) !== null || el.closest(c) !== null);
    },
    { target, around: exceptions.map((e) => e.around) },
  );
}

export interface Finding {
  variant: Variant;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core's WCAG 2.x A and AA rules on the page as it is, in each language and theme, and lists what fails. */
export async function axeFindings(page: Page, variants: readonly Variant[] = ALL_VARIANTS): Promise<Finding[]> {
  const original = await page.evaluate((key) => localStorage.getItem(key), SETTINGS_KEY);
  const findings: Finding[] = [];
  try {
    for (const v of variants) {
      await applyVariant(page, v);
      const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      for (const violation of result.violations) {
        const nodes = [];
        for (const n of violation.nodes) {
          if (!(await waived(page, violation.id, n.target.join(' ')))) nodes.push(n);
        }
        if (!nodes.length) continue;
        findings.push({
          variant: v,
          rule: violation.id,
          impact: violation.impact ?? '',
          help: violation.help,
          targets: nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`),
        });
      }
    }
  } finally {
    await setSettings(page, original);
    await settled(page);
  }
  return findings;
}

/** Fails with every rule and element that axe-core finds, naming the screen, the language and the theme. */
export async function expectAccessible(page: Page, where: string, variants?: readonly Variant[]): Promise<void> {
  const findings = await axeFindings(page, variants);
  if (findings.length === 0) return;
  const lines = findings.map(
    (f) =>
      `- [${f.variant.language}/${f.variant.theme}] ${f.rule} (${f.impact}): ${f.help}\n` +
      f.targets.map((t) => `    ${t}`).join('\n'),
  );
  throw new Error(`Accessibility violations on ${where}:\n${lines.join('\n')}`);
}
