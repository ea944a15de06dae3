import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVault, newCase, PASSPHRASE, shot, switchToArabic, unlock } from './helpers';
import { editAuditEntry } from './forge';

/** What someone with the disk but not the key can do: delete the newest audit rows from IndexedDB. */
async function deleteNewestAuditEntries(page: Page, n: number): Promise<void> {
  await page.evaluate(
    (count) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('athar-vault');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('audit', 'readwrite');
          let left = count;
          const cursor = tx.objectStore('audit').openCursor(null, 'prev');
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (c && left-- > 0) {
              c.delete();
              c.continue();
            }
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    n,
  );
}

test('audit entries removed while the vault was locked are seen at unlock, recorded, and named by Verify', async ({
  page,
}) => {
  await createVault(page);
  await newCase(page, 'Test Person', 'شخص اختبار');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('button', { name: 'Verify audit log' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The audit log is intact' })).toContainText(
    'records hold what the audit chain last wrote',
  );
  await page.getByRole('button', { name: 'Lock vault' }).click();

  await deleteNewestAuditEntries(page, 1);
  await unlock(page);
  const banner = page.getByRole('alert').filter({ hasText: 'This vault may have been tampered with' });
  await expect(banner).toContainText('The newest audit entries were removed');
  await shot(page, 'integrity-banner-en');

  await banner.getByRole('link', { name: 'Open the audit log' }).click();
  // The unlock wrote what it found into the chain itself.
  await expect(page.getByRole('table', { name: 'Audit log' })).toContainText('The newest audit entries were removed');
  await page.getByRole('button', { name: 'Verify audit log' }).click();
  const named = page.getByRole('list', { name: /record\(s\) do not match the audit chain/ });
  await expect(named).toContainText('the audit chain never wrote it');
  await expect(page.getByRole('status').filter({ hasText: 'The audit log is intact' })).toHaveCount(0);
  await shot(page, 'integrity-verify-en');

  await switchToArabic(page);
  await page.getByRole('link', { name: 'سجل التدقيق', exact: true }).click();
  await page.getByRole('button', { name: 'التحقق من سجل التدقيق' }).click();
  await expect(page.getByRole('list', { name: /سجلًا لا تطابق سلسلة التدقيق/ })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'ربما عُبث بهذه الخزنة' })).toBeVisible();
  await shot(page, 'integrity-verify-ar');
});

test('an audit entry edited on disk, its stored hash and signature kept, is named by Verify (the verify workers hash every entry)', async ({
  page,
}) => {
  await createVault(page);
  await newCase(page, 'Test Person', 'شخص اختبار');
  await newCase(page, 'Other Person', 'شخص آخر');
  await editAuditEntry(page, 'Administrator', PASSPHRASE, 1);
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('button', { name: 'Verify audit log' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: /The audit log is broken at entry 2 of \d+: the entry was altered/ }),
  ).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'The audit log is intact' })).toHaveCount(0);

  await switchToArabic(page);
  await page.getByRole('link', { name: 'سجل التدقيق', exact: true }).click();
  await page.getByRole('button', { name: 'التحقق من سجل التدقيق' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'عُدّل القيد' })).toBeVisible();
});
