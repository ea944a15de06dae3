import { expect, test } from './fixtures';
import { createVault, newCase, PASSPHRASE, shot, switchToArabic, unlock } from './helpers';

test('re-encrypting the vault under a new key keeps every record, is audited, and needs the passphrase', async ({
  page,
}) => {
  await createVault(page);
  await newCase(page, 'Test Person', 'شخص اختبار');
  await page.getByRole('link', { name: 'Settings' }).click();
  const panel = page.getByRole('form', { name: 'Re-encrypt the vault' });
  await panel.getByLabel('Current passphrase').fill('not the passphrase');
  await panel.getByRole('button', { name: 'Re-encrypt the vault…' }).click();
  await expect(panel.getByRole('alert')).toContainText('That passphrase is not correct');
  await shot(page, 'rekey-settings-en');

  await panel.getByLabel('Current passphrase').fill(PASSPHRASE);
  await panel.getByRole('button', { name: 'Re-encrypt the vault…' }).click();
  // The vault closes while every row is sealed again, then opens where the person was.
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible({ timeout: 30_000 });
  // Said once that it finished, and closed by hand.
  const done = page.getByRole('status').filter({ hasText: 'The vault was re-encrypted' });
  await expect(done).toContainText('the old key opens nothing');
  await shot(page, 'rekey-done-en');
  await done.getByRole('button', { name: 'Close this message' }).click();
  await expect(done).toHaveCount(0);
  await page.getByRole('link', { name: 'Cases' }).click();
  await expect(page.getByText('Test Person')).toBeVisible();
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('table', { name: 'Audit log' })).toContainText(
    'Every record and file sealed again under a new key',
  );
  await page.getByRole('button', { name: 'Verify audit log' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The audit log is intact' })).toBeVisible();

  // The same passphrase opens it, and nothing warns of tampering (the anchor was sealed again with the new key).
  await page.getByRole('button', { name: 'Lock vault' }).click();
  await unlock(page);
  await expect(page.getByRole('button', { name: 'Lock vault' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'tampered' })).toHaveCount(0);
  await expect(page.getByText('The vault was re-encrypted')).toHaveCount(0);

  await switchToArabic(page);
  await expect(page.getByRole('form', { name: 'إعادة تشفير الخزنة' })).toBeVisible();
  await shot(page, 'rekey-settings-ar');
});
