import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVault, newCase, recordTestimony } from './helpers';

// Written into the vault through the forms, then looked for in every byte the browser left on disk.
const CANARIES = ['Qutaybah Zarqawiyyah', 'قتيبة زرقاوية', 'Witness Q-17', 'Rihab Testrelative', '+000 55 123 4567'];

/** Every file below `dir`, as bytes. */
function* files(dir: string): Generator<{ path: string; bytes: Buffer }> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) yield* files(path);
    else if (st.isFile()) yield { path, bytes: readFileSync(path) };
  }
}

/** The canary as UTF-8, UTF-16LE and UTF-16BE bytes: however the browser writes text, it is found. */
function encodings(s: string): Array<[string, Buffer]> {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  return [
    ['utf-8', Buffer.from(s, 'utf8')],
    ['utf-16le', le],
    ['utf-16be', be],
  ];
}

/** Every field on screen tells the browser to keep no history of it (passphrase fields name their own purpose). */
async function fieldsKeepNoHistory(page: Page): Promise<void> {
  const offenders = await page.evaluate(() =>
    [...document.querySelectorAll('input, textarea')]
      .filter((el) => !['file', 'checkbox', 'radio', 'hidden'].includes((el as HTMLInputElement).type))
      // Not fields a person types into: the editor's own measuring copies, out of the tab order and hidden.
      .filter((el) => (el as HTMLElement).tabIndex >= 0 && el.getAttribute('aria-hidden') !== 'true')
      .filter((el) => !['off', 'new-password', 'current-password'].includes(el.getAttribute('autocomplete') ?? ''))
      .map((el) => el.getAttribute('aria-label') ?? el.id),
  );
  expect(offenders).toEqual([]);
}

test('nothing typed into a case is readable in any file of the browser profile, in any encoding', async ({}, info) => {
  test.setTimeout(120_000);
  const profile = mkdtempSync(join(tmpdir(), 'athar-profile-'));
  try {
    const use = info.project.use;
    const context = await chromium.launchPersistentContext(profile, {
      ...use.launchOptions,
      ...(use.baseURL ? { baseURL: use.baseURL } : {}),
      viewport: use.viewport ?? null,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await createVault(page);
    await newCase(page, CANARIES[0]!, CANARIES[1]!);
    await fieldsKeepNoHistory(page);
    await page.getByRole('tab', { name: 'Testimonies' }).click();
    await recordTestimony(page, CANARIES[2]!, 'Seen in the yard', null);
    await page.getByRole('tab', { name: 'People and contacts' }).click();
    await page.getByRole('button', { name: 'Add family contact' }).click();
    const contact = page.getByRole('dialog', { name: 'Family contact' });
    await contact.getByLabel(/^Name/).fill(CANARIES[3]!);
    await contact.getByLabel('Relationship to the person').fill('sister');
    const phones = contact.getByRole('combobox', { name: 'Phone numbers' });
    await phones.fill(CANARIES[4]!);
    await phones.press('Enter');
    await fieldsKeepNoHistory(page);
    await contact.getByRole('button', { name: 'Save' }).click();
    await expect(contact).toBeHidden();
    await expect(page.getByText(CANARIES[3]!)).toBeVisible();
    await page.getByRole('button', { name: 'Lock vault' }).click();
    await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
    await context.close();

    let scanned = 0;
    const found: string[] = [];
    for (const f of files(profile)) {
      scanned++;
      for (const canary of CANARIES)
        for (const [enc, bytes] of encodings(canary))
          if (f.bytes.includes(bytes)) found.push(`${canary} (${enc}) in ${f.path.slice(profile.length)}`);
    }
    expect(scanned).toBeGreaterThan(20);
    expect(found).toEqual([]);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
