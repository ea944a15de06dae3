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
