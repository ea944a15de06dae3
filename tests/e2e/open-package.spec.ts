import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Download, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVault, fillIncident, newCase, recordTestimony, shot, switchToArabic, tieCases } from './helpers';

const CONVOY = 'Testconvoy to Saydnaya';

// Two offices, each with its own vault (two browser profiles): one exports a package to the other, which imports it.
const STATEMENT = 'Seen in the corridor of the airport branch in March';

async function signingKey(page: Page, org: string, path: string): Promise<void> {
  await page.getByRole('link', { name: 'Recipients and keys' }).click();
  await page.getByLabel('Organisation name').fill(org);
  await page.getByRole('button', { name: 'Generate signing key' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export public key (.asc)' }).click();
  await (await download).saveAs(path);
}

async function addRecipient(page: Page, name: string, keyFile: string): Promise<void> {
  await page.getByRole('link', { name: 'Recipients and keys' }).click();
  await page.getByRole('button', { name: 'Add recipient' }).click();
  const dialog = page.getByRole('dialog', { name: 'Recipient' });
  await dialog.getByLabel('Mechanism or unit').fill(name);
  await dialog.getByLabel('Their OpenPGP public key').fill(readFileSync(keyFile, 'utf8'));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

async function checkPackage(page: Page, file: string): Promise<void> {
  await page.getByRole('link', { name: 'Open a package' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /Package file/ }).click();
  await (await chooser).setFiles(file);
  await page.getByRole('button', { name: 'Check package' }).click();
}

test('a colleague imports a package: verified, merged, conflicts resolved side by side; a tampered one is refused and nothing is written', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const work = mkdtempSync(join(tmpdir(), 'athar-open-e2e-'));
  const sender = await (await browser.newContext({ acceptDownloads: true })).newPage();
  const colleague = await (await browser.newContext({ acceptDownloads: true })).newPage();
  try {
    await createVault(sender);
    await signingKey(sender, 'Test Documentation Centre', join(work, 'sender.asc'));
    await createVault(colleague);
    await signingKey(colleague, 'Second Test Office', join(work, 'colleague.asc'));
    await addRecipient(sender, 'Second Test Office', join(work, 'colleague.asc'));
    await addRecipient(colleague, 'Test Documentation Centre', join(work, 'sender.asc'));

    await newCase(sender, 'Karim Testperson', 'كريم الاختبار');
    await sender.getByRole('tab', { name: 'Testimonies' }).click();
    await recordTestimony(sender, 'Witness C-3', STATEMENT, 'Second Test Office');
    await sender.getByRole('tab', { name: 'Evidence' }).click();
    const original = randomBytes(2 * 1024 * 1024 + 99);
    await sender
      .getByLabel('Files to add as evidence')
      .setInputFiles({ name: 'detention record.pdf', mimeType: 'application/pdf', buffer: original });
    await expect(sender.getByRole('status').filter({ hasText: 'detention record.pdf was added.' })).toBeVisible();
    // An incident of many cases, tied to this case, travels with it.
    await sender.getByRole('link', { name: 'Incidents' }).click();
    await sender.getByRole('button', { name: 'New incident' }).click();
    await fillIncident(sender, CONVOY, 'Transfer', '2014-02-10', 'Saydnaya Military Prison');
    await tieCases(sender, ['Karim Testperson']);
    await expect(sender.getByRole('table', { name: 'Cases it concerns (1)' })).toBeVisible();
    await sender.getByRole('link', { name: 'Cases' }).click();
    await sender.getByRole('row', { name: /Karim Testperson/ }).click();
    await sender.getByRole('button', { name: 'Export package…' }).click();
    await sender.getByRole('combobox', { name: 'Recipient' }).click();
    await sender.getByRole('option', { name: 'Second Test Office' }).click();
    const downloads: Download[] = [];
    sender.on('download', (d) => downloads.push(d));
    await sender.getByRole('button', { name: 'Produce package…' }).click();
    await expect(sender.getByRole('status').filter({ hasText: 'Package produced' })).toBeVisible();
    await expect.poll(() => downloads.length).toBe(2);
    const pkgPath = join(work, 'package.tar.gpg');
    await downloads.find((d) => d.suggestedFilename().endsWith('.tar.gpg'))!.saveAs(pkgPath);

    // A flipped byte: refused with the reason, and the colleague's vault gets nothing.
    const tampered = readFileSync(pkgPath);
    tampered[Math.floor(tampered.length / 2)]! ^= 0x04;
    writeFileSync(join(work, 'tampered.tar.gpg'), tampered);
    await checkPackage(colleague, join(work, 'tampered.tar.gpg'));
    const refused = colleague.getByRole('alert').filter({ hasText: 'The package was refused' });
    await expect(refused).toContainText('damaged, cut short or has been altered');
    await expect(refused).toContainText('Nothing was written');
    await colleague.getByRole('link', { name: 'Cases' }).click();
    await expect(colleague.getByText('Karim Testperson')).toHaveCount(0);

    // The real package: the report, what the import would do, then import.
    await checkPackage(colleague, pkgPath);
    const report = colleague.getByRole('list', { name: 'Verification report' });
    await expect(report).toContainText(/Signature valid, by \u2068?Test Documentation Centre/);
    await expect(report).toContainText('none is missing, none was added');
    const plan = colleague.getByRole('table', { name: 'What the import would do' });
    await expect(plan.getByRole('row', { name: /Cases/ })).toContainText('1');
    await expect(plan.getByRole('row', { name: /Ties of incidents to cases/ })).toContainText('1');
    await expect(colleague.getByText('1 original file(s) to store')).toBeVisible();
    await shot(colleague, 'open-package-report-en');
    await colleague.getByRole('button', { name: 'Import' }).click();
    await expect(colleague.getByRole('status').filter({ hasText: 'Imported' })).toContainText(
      '1 original file(s) stored',
    );

    await colleague.getByRole('link', { name: 'Go to cases' }).click();
    await colleague.getByText('Karim Testperson').click();
    await colleague.getByRole('tab', { name: 'Evidence' }).click();
    const card = colleague.getByRole('article', { name: 'detention record.pdf' });
    await expect(card.getByRole('list', { name: 'Chain of custody' })).toContainText('Imported');
    await card.getByRole('button', { name: 'Verify integrity' }).click();
    await expect(card).toContainText('hashes match');
    await colleague.getByRole('tab', { name: 'Events' }).click();
    await expect(colleague.getByRole('button', { name: `Open the incident ${CONVOY}` })).toBeVisible();
    await colleague.getByRole('tab', { name: 'Testimonies' }).click();
    await expect(colleague.getByText('Witness C-3')).toBeVisible();
    await expect(colleague.getByText('Witness C-3 Realname')).toHaveCount(0);

    // The colleague corrects the spelling; the same package then conflicts, shown side by side.
    await colleague.getByRole('tab', { name: 'Overview' }).click();
    await colleague.getByLabel('Name in Latin script').fill('Karim Testperson-Local');
    await colleague.getByRole('button', { name: 'Save' }).click();
    await expect(colleague.getByRole('status').filter({ hasText: /saved/i }).first()).toBeVisible();
    await checkPackage(colleague, pkgPath);
    const conflict = colleague.getByRole('article', { name: /Persons: Karim Testperson-Local/ });
    await expect(conflict.getByRole('table')).toContainText('Karim Testperson-Local');
    const row = conflict.getByRole('row', { name: /Name \(Latin script\)/ });
    await expect(row.getByRole('cell').nth(1)).toHaveText('Karim Testperson-Local');
    await expect(row.getByRole('cell').nth(2)).toHaveText('Karim Testperson');
    await expect(colleague.getByRole('button', { name: 'Import' })).toBeDisabled();
    await conflict.getByRole('radio', { name: 'Keep this vault’s' }).check();
    await colleague.getByRole('button', { name: 'Import' }).click();
    await expect(colleague.getByRole('status').filter({ hasText: 'Imported' })).toContainText(
      '0 records added, 0 updated',
    );
    await colleague.getByRole('link', { name: 'Go to cases' }).click();
    await expect(colleague.getByText('Karim Testperson-Local')).toBeVisible();

    await switchToArabic(colleague);
    await checkPackageArabic(colleague, pkgPath);
    await expect(colleague.getByRole('list', { name: 'تقرير التحقق' })).toContainText('التوقيع صحيح');
    await shot(colleague, 'open-package-report-ar');
  } finally {
    await sender.context().close();
    await colleague.context().close();
    rmSync(work, { recursive: true, force: true });
  }
});

async function checkPackageArabic(page: Page, file: string): Promise<void> {
  await page.getByRole('link', { name: 'فتح حزمة' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /ملف الحزمة/ }).click();
  await (await chooser).setFiles(file);
  await page.getByRole('button', { name: 'تحقّق من الحزمة' }).click();
}
