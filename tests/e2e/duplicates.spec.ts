import { expect, test } from './fixtures';
import { createVault, newCase, shot, switchToArabic } from './helpers';

test('warns of a likely duplicate while typing, with reasons; a merge is confirmed, shown on both sides, and undone', async ({
  page,
}) => {
  await createVault(page);
  const first = await newCase(page, 'Mohammed Abdul Rahman Al-Hassan', '');
  await page.getByLabel('Date of birth').fill('1985');
  await page.getByLabel('Father’s name').fill('Abdul Rahman');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();

  // A second file for the same man, written in Arabic by another caseworker.
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Name in Arabic script').fill('محمد عبد الرحمن الحسن');
  await page.getByLabel('Date of birth').fill('1985');
  const warning = page.getByRole('region', { name: /may already be on file/ });
  await expect(warning).toBeVisible();
  const candidate = warning.getByRole('listitem', { name: /Mohammed Abdul Rahman Al-Hassan/ });
  await expect(candidate).toContainText(first);
  await expect(candidate.getByRole('list', { name: 'Why these records match' })).toContainText('Given name: agrees');
  await expect(candidate.getByRole('list', { name: 'Why these records match' })).toContainText('Birth year: agrees');
  await shot(page, 'duplicate-warning');

  // Saving anyway is allowed (it may be a different man); nothing merges by itself.
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Reference')).toHaveText(/^ATH-/);
  const second = (await page.getByLabel('Reference').textContent())!;
  expect(second).not.toBe(first);

  await warning.getByRole('button', { name: /Same person: merge/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge into an existing record?' });
  await expect(dialog).toContainText('Nothing is deleted');
  await dialog.getByRole('button', { name: 'Merge' }).click();
  const banner = page.getByRole('region', { name: 'Merged records' });
  await expect(banner).toContainText('Recorded as the same person as');
  await expect(banner).toContainText(first);

  // Searching the merged record's name leads to the person it was merged into.
  await page.keyboard.press('Control+K');
  await page.getByRole('combobox', { name: 'Search' }).fill('محمد الحسن');
  await expect(page.getByRole('group', { name: 'Persons' }).getByRole('option')).toHaveCount(1);
  await expect(page.getByRole('group', { name: 'Persons' }).getByRole('option').first()).toContainText(first);
  await page.keyboard.press('Escape');

  // The other side shows it too, and Undo there restores both.
  await banner.getByRole('link').click();
  const otherBanner = page.getByRole('region', { name: 'Merged records' });
  await expect(otherBanner).toContainText('Also recorded as');
  await expect(otherBanner).toContainText(second);
  await shot(page, 'merge-banner');
  await otherBanner.getByRole('button', { name: 'Undo merge' }).click();
  await expect(otherBanner).toBeHidden();

  // Both the merge and its undoing are in the audit log.
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('row', { name: /mergedInto/ })).toHaveCount(2);
});

test('the duplicate warning in Arabic', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Ahmad Khalil Haddad', 'أحمد خليل الحداد');
  await switchToArabic(page);
  await page.getByRole('link', { name: 'الملفات' }).click();
  await page.getByRole('button', { name: 'ملف جديد' }).first().click();
  await page.getByLabel('الاسم بالحروف اللاتينية').fill('Ahmed Khaleel al-Haddad');
  const warning = page.getByRole('region', { name: /قد يكون هذا الشخص مسجلاً من قبل/ });
  await expect(warning).toContainText('أحمد خليل الحداد (Ahmad Khalil Haddad)');
  await expect(warning.getByRole('list', { name: 'أسباب التطابق' })).toContainText('الاسم الأول: متطابق');
  await shot(page, 'duplicate-warning-ar');
});
