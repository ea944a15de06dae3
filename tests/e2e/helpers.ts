import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

export const PASSPHRASE = 'olive tram window seventeen';

/** Each test starts from an empty browser profile, so the first screen is "create your vault". */
export async function createVault(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/^Passphrase/).fill(passphrase);
  await page.getByLabel(/^Repeat the passphrase/).fill(passphrase);
  await page.getByRole('checkbox', { name: /lost passphrase means/ }).check();
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('heading', { name: 'Cases' })).toBeVisible({ timeout: 20_000 });
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByLabel(/^Passphrase/).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

export async function newCase(page: Page, nameLatin: string, nameAr: string): Promise<string> {
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Name in Arabic script').fill(nameAr);
  await page.getByLabel('Name in Latin script').fill(nameLatin);
  await page.getByRole('button', { name: 'Save' }).click();
  const ref = page.getByLabel('Reference');
  await expect(ref).toHaveText(/^ATH-(?:[A-Z0-9]{2,6}-)?\d{4}-\d{5}$/);
  return (await ref.textContent()) ?? '';
}

/**
 * Every value stored in the page's IndexedDB, binary decoded both as UTF-8 and as UTF-16LE, so plaintext in
 * either script is found whichever way it was written (tests/e2e/at-rest.spec.ts scans the files on disk too).
 */
export async function dumpIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    const out: string[] = [];
    for (const info of dbs) {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((res, rej) => {
          const r = db.transaction(name).objectStore(name).getAll();
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        out.push(
          JSON.stringify(rows, (_k, v) =>
            v instanceof Uint8Array
              ? `${new TextDecoder('utf-8').decode(v)} ${new TextDecoder('utf-16le').decode(v.subarray(0, v.length & ~1))}`
              : v,
          ),
        );
      }
      db.close();
    }
    return out.join('\n');
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
}

/** Switches the interface to Arabic from Settings, as a person would. */
export async function switchToArabic(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radiogroup', { name: 'Interface language' }).getByText('العربية').click();
}

/** Records a testimony from the case's Testimonies tab: a new witness by pseudonym, the statement, and consent to one named mechanism (or internal only). */
export async function recordTestimony(
  page: Page,
  pseudonym: string,
  statementText: string,
  mechanism: string | null,
): Promise<void> {
  await page.getByRole('button', { name: 'Record testimony' }).click();
  const form = page.getByRole('form', { name: 'Testimony' });
  await form.getByRole('button', { name: 'New witness' }).click();
  await form.getByLabel(/^Pseudonym/).fill(pseudonym);
  await form.getByLabel('Witness’s name in Latin script').fill(`${pseudonym} Realname`);
  await form.getByRole('textbox', { name: 'Statement' }).click();
  await page.keyboard.type(statementText);
  if (mechanism) {
    await form.getByRole('radiogroup', { name: 'Consent covers' }).getByText('Named mechanisms').click();
    // Chosen from the recipients on record, as the form offers them.
    await form.getByRole('combobox', { name: 'Recipients named in the consent' }).click();
    await page.getByRole('option', { name: mechanism }).click();
    await page.keyboard.press('Escape');
  }
  await form.getByRole('button', { name: 'Save testimony' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Testimony saved.' })).toBeVisible();
  await form.getByRole('button', { name: 'Close testimony' }).click();
}

/** An administrator adds a member with these roles (their names as the dialog shows them) and passphrase. */
export async function addMember(page: Page, name: string, label: string, roles: string[], pass: string): Promise<void> {
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('button', { name: 'Add a member…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a member' });
  await dialog.getByLabel('Full name').fill(name);
  await dialog.getByLabel('Name on the lock screen').fill(label);
  await dialog.getByRole('checkbox', { name: 'Caseworker' }).uncheck();
  for (const role of roles) await dialog.getByRole('checkbox', { name: role }).check();
  await dialog.getByRole('textbox', { name: 'Their passphrase', exact: true }).fill(pass);
  await dialog.getByRole('textbox', { name: 'Their passphrase again', exact: true }).fill(pass);
  await dialog.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name} was added` })).toBeVisible({ timeout: 20_000 });
}

/** The lock screen of a vault with several members: choose who, type their passphrase. */
export async function unlockAs(page: Page, label: RegExp, pass: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Who is unlocking?' }).click();
  await page.getByRole('option', { name: label }).click();
  await page.getByLabel(/^Passphrase/).fill(pass);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** A new vault created by a named founder (its first member: administrator, caseworker, investigator, reviewer). */
export async function createNamedVault(page: Page, name: string, pass: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Your name (optional)').fill(name);
  await page.getByLabel(/^Passphrase/).fill(pass);
  await page.getByLabel(/^Repeat the passphrase/).fill(pass);
  await page.getByRole('checkbox', { name: /lost passphrase means/ }).check();
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('heading', { name: 'Cases' })).toBeVisible({ timeout: 20_000 });
}

/** Locks, and unlocks as another member of a team vault. */
export async function switchTo(page: Page, who: RegExp, pass: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Lock vault' }).click();
  await unlockAs(page, who, pass);
  await expect(page.getByRole('status', { name: `Working: ${name}` })).toBeVisible({ timeout: 20_000 });
}

/** Adds an event from the case's Events tab: what happened, when (as typed; null for no date), where (typed, then chosen). */
export async function addEvent(page: Page, kind: string, date: string | null, place: string | null): Promise<void> {
  await page.getByRole('button', { name: 'Add event' }).click();
  const d = page.getByRole('dialog', { name: 'Event' });
  await d.getByRole('combobox', { name: 'What happened' }).click();
  await page.getByRole('option', { name: kind, exact: true }).click();
  if (date) await d.getByLabel('When').fill(date);
  if (place) {
    await d.getByRole('combobox', { name: 'Where (place or facility)' }).fill(place);
    await page
      .getByRole('option', { name: new RegExp(`^${place}`) })
      .first()
      .click();
  }
  await d.getByRole('button', { name: 'Save' }).click();
  await expect(d).toBeHidden();
}

/** In the open *New incident* dialog: its name, what happened, when and where; saved, its page shown. */
export async function fillIncident(page: Page, name: string, kind: string, date: string, place: string): Promise<void> {
  const editor = page.getByRole('dialog', { name: 'New incident' });
  await editor.getByRole('textbox', { name: 'Name of the incident' }).fill(name);
  await editor.getByRole('combobox', { name: 'What happened' }).click();
  await page.getByRole('option', { name: kind, exact: true }).click();
  await editor.getByLabel('When').fill(date);
  await editor.getByRole('combobox', { name: 'Where (place or facility)' }).fill(place);
  await page
    .getByRole('option', { name: new RegExp(`^${place}`) })
    .first()
    .click();
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** On an incident's page: ties the cases of these people to it at once. */
export async function tieCases(page: Page, names: readonly string[]): Promise<void> {
  const pick = page.getByRole('combobox', { name: 'Cases to tie to this incident' });
  for (const name of names) {
    await pick.fill(name);
    await page.getByRole('option', { name: new RegExp(`${name} `) }).click();
  }
  await page.getByRole('button', { name: `Tie to this incident (${names.length})` }).click();
}

const PRINTS = 'tests/e2e/screenshots';

/** The page as a PDF (what printToPDF gives in Electron), its text as pdftotext reads it, and page images for a person to look at. */
export async function pdfText(page: Page, name: string): Promise<string> {
  mkdirSync(PRINTS, { recursive: true });
  const path = `${PRINTS}/${name}.pdf`;
  writeFileSync(path, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', path, `${PRINTS}/${name}`]);
  return execFileSync('pdftotext', ['-layout', path, '-']).toString('utf8');
}

/** On *Units and perpetrators*: a new unit by its Latin name, part of another if given. */
export async function addUnit(page: Page, name: string, parent?: string): Promise<void> {
  await page.getByRole('button', { name: 'Add unit' }).click();
  const d = page.getByRole('dialog', { name: 'Unit' });
  await d.getByLabel('Name in Latin script').fill(name);
  if (parent) {
    await d.getByRole('combobox', { name: 'Part of (parent unit)' }).click();
    await page.getByRole('option', { name: parent }).click();
  }
  await d.getByRole('button', { name: 'Save' }).click();
  await expect(d).toBeHidden();
}
