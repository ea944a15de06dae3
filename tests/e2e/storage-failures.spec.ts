import { expect, test } from './fixtures';
import { createVault, dumpIndexedDb, newCase } from './helpers';

// IndexedDB failures are simulated in the page (Chromium cannot be made to run out of disk on demand):
// opening fails as after a crash, or writes fail with QuotaExceededError as on a full disk.

test('a vault that cannot be opened is explained, never wiped, and opens on retry', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Rania Testperson', 'رانيا');
  const before = await dumpIndexedDb(page);
  await page.addInitScript(() => {
    if (sessionStorage.getItem('healed')) return;
    const realOpen = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
      if (sessionStorage.getItem('healed')) return realOpen.apply(this, args);
      throw new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError');
    };
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'The vault could not be opened' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Nothing was deleted');
  await expect(page.getByText(/Do not delete the application’s data folder/)).toBeVisible();
  await page.evaluate(() => sessionStorage.setItem('healed', '1'));
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  expect(await dumpIndexedDb(page)).toBe(before);
});

test('a full disk while saving says so and keeps the form and everything saved before', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Tamer Testperson', 'تامر');
  await page.evaluate(() => {
    const fail = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.put = fail;
    IDBObjectStore.prototype.add = fail;
  });
  await page.getByLabel('Occupation').fill('Carpenter');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'The disk is full, so the change was not saved. Everything saved before is intact. Free some space and try again.',
  );
  await expect(page.getByLabel('Occupation')).toHaveValue('Carpenter');
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  await page.reload();
  await page.getByLabel(/^Passphrase/).fill('olive tram window seventeen');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: /Tamer Testperson/ })).toBeVisible();
  await expect(page.getByLabel('Occupation')).toHaveValue('');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('button', { name: 'Verify audit log' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The audit log is intact' })).toBeVisible();
});
