import { expect, test } from './fixtures';
import { createVault, dumpIndexedDb, newCase, PASSPHRASE, shot, unlock } from './helpers';

test('first start explains the passphrase honestly and refuses weak or mismatched input', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await expect(page.getByText('There is no way to recover a lost passphrase')).toBeVisible();
  await shot(page, 'vault-create-en');
  const create = page.getByRole('button', { name: 'Create vault' });
  await page.getByLabel(/^Passphrase/).fill('short');
  await page.getByLabel(/^Repeat the passphrase/).fill('short');
  await expect(create).toBeDisabled();
  await page.getByRole('checkbox', { name: /lost passphrase means/ }).check();
  await create.click();
  await expect(page.getByRole('alert')).toHaveText(/at least 12 characters/);
  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
  await expect(page.getByText(/^Strength:/)).toBeVisible();
  await page.getByLabel(/^Repeat the passphrase/).fill(`${PASSPHRASE}!`);
  await create.click();
  await expect(page.getByRole('alert')).toHaveText(/not the same/);
  await page.getByLabel(/^Repeat the passphrase/).fill(PASSPHRASE);
  await create.click();
  await expect(page.getByRole('heading', { name: 'Cases' })).toBeVisible({ timeout: 20_000 });
});

test('locks with the button and with Ctrl+L, hides everything, refuses a wrong passphrase', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Testperson Alpha', 'شخص تجريبي');
  await page.getByRole('button', { name: 'Lock vault' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await expect(page.getByText(/lock button/)).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Testperson');
  await shot(page, 'vault-locked-en');

  await unlock(page, 'not the passphrase');
  await expect(page.getByRole('alert')).toHaveText('That passphrase is not correct. Nothing was read or changed.');
  await unlock(page);
  await expect(page.getByRole('heading', { name: /Testperson Alpha/ })).toBeVisible();

  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await expect(page.getByText(/keyboard shortcut/)).toBeVisible();
});

test('slows down repeated wrong passphrases', async ({ page }) => {
  await createVault(page);
  await page.getByRole('button', { name: 'Lock vault' }).click();
  for (let i = 0; i < 3; i++) {
    await unlock(page, `wrong passphrase ${i}`);
    await expect(page.getByRole('alert')).toContainText('not correct');
  }
  await unlock(page);
  await expect(page.getByRole('alert')).toHaveText(/Too many wrong attempts\. Please wait \d+ seconds/);
});

test('locks itself after the idle time', async ({ page }) => {
  await page.clock.install();
  await createVault(page);
  await page.clock.fastForward('09:00');
  await expect(page.getByRole('heading', { name: 'Cases' })).toBeVisible();
  await page.clock.fastForward('01:10');
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await expect(page.getByText(/no activity/)).toBeVisible();
});

test('keeps the vault across restarts and stores nothing readable', async ({ page }) => {
  await createVault(page);
  const ref = await newCase(page, 'Zubayda Testcase', 'زبيدة اختبار');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await unlock(page);
  await expect(page.getByRole('heading', { name: /Zubayda Testcase/ })).toBeVisible();
  await expect(page.getByLabel('Reference')).toHaveText(ref);

  const stored = await dumpIndexedDb(page);
  expect(stored.length).toBeGreaterThan(1000);
  for (const secret of ['Zubayda', 'Testcase', 'زبيدة', ref, 'enforced-disappearance', 'Damascus', 'دمشق']) {
    expect(stored.includes(secret), secret).toBe(false);
  }
});
