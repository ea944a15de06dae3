import { expect, test } from '@playwright/test';
import { createVault } from './helpers';

test('screenshot tour', async ({ page }) => {
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await createVault(page);
  await page.screenshot({ path: 'tests/e2e/screenshots/empty-list.png' });
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Name in Arabic script').fill('سمير خليل الأحمد');
  await page.getByLabel('Name in Latin script').fill('Samir Khalil Al-Ahmad');
  await page.getByLabel('Date of birth').fill('about 1985');
  await page.screenshot({ path: 'tests/e2e/screenshots/new-case.png', fullPage: true });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/ATH-\d{4}-00001/).first()).toBeVisible();
  await page.screenshot({ path: 'tests/e2e/screenshots/saved-case.png', fullPage: true });
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radiogroup', { name: 'Interface language' }).getByText('العربية').click();
  await page.getByRole('link', { name: 'الملفات' }).click();
  await page.screenshot({ path: 'tests/e2e/screenshots/list-ar.png' });
  await page.getByRole('row').nth(1).click();
  await page.screenshot({ path: 'tests/e2e/screenshots/case-ar.png', fullPage: true });
});
