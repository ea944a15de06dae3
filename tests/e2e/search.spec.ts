import { expect, test } from './fixtures';
import { createVault, newCase, shot, switchToArabic } from './helpers';

test('one search box finds persons across scripts and spellings, cases by reference, and opens them', async ({
  page,
}) => {
  await createVault(page);
  await newCase(page, 'Mohammed Abdul Rahman Al-Hassan', 'محمد عبد الرحمن الحسن');
  const other = await newCase(page, 'Hussein Ali Khatib', 'حسين علي الخطيب');

  await page.getByRole('link', { name: 'Cases' }).click();
  await page.keyboard.press('Control+K');
  const box = page.getByRole('combobox', { name: 'Search' });
  await expect(box).toBeFocused();

  // A Latin spelling finds the Arabic record; Hasan does not bring Husayn.
  await box.fill('Mhd Abd al-Rahman el Hasan');
  const persons = page.getByRole('group', { name: 'Persons' });
  await expect(persons.getByRole('option')).toHaveCount(1);
  await expect(persons.getByRole('option').first()).toContainText('Mohammed Abdul Rahman Al-Hassan');
  await expect(persons.getByRole('option').first().locator('mark').first()).toBeVisible();
  await shot(page, 'search-latin');

  // An Arabic spelling with vowel marks, then Enter opens the case.
  await box.fill('مُحَمَّد الحسن');
  await expect(persons.getByRole('option').first()).toContainText('محمد عبد الرحمن الحسن');
  await box.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Search everything' })).toBeHidden();
  await expect(page.getByLabel('Name in Latin script')).toHaveValue('Mohammed Abdul Rahman Al-Hassan');

  // The header button, a reference code, and arrows.
  await page.getByRole('button', { name: /Search… \(Ctrl\+K\)/ }).click();
  await box.fill(other);
  const cases = page.getByRole('group', { name: 'Cases' });
  await expect(cases.getByRole('option').first()).toContainText(other);
  await box.press('Enter');
  await expect(page.getByLabel('Name in Latin script')).toHaveValue('Hussein Ali Khatib');

  // A record saved after unlock is found at once (the index follows changes).
  await newCase(page, 'Fatmeh Yusuf el Ali', 'فاطمة يوسف العلي');
  await page.keyboard.press('Control+K');
  await box.fill('Fatima Youssef');
  await expect(page.getByRole('group', { name: 'Persons' }).getByRole('option').first()).toContainText(
    'Fatmeh Yusuf el Ali',
  );
  await box.fill('zzzz qqqq');
  await expect(page.getByText('Nothing found. Try another spelling or fewer words.')).toBeVisible();
});

test('search works in Arabic, right to left', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Ahmad Khalil Haddad', 'أحمد خليل الحداد');
  await switchToArabic(page);
  await page.keyboard.press('Control+K');
  const box = page.getByRole('combobox', { name: 'بحث' });
  await box.fill('Ahmed Khaleel');
  const persons = page.getByRole('group', { name: 'أشخاص' });
  await expect(persons.getByRole('option').first()).toContainText('أحمد خليل الحداد (Ahmad Khalil Haddad)');
  await shot(page, 'search-ar');
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(page.getByLabel('الاسم بالحروف العربية')).toHaveValue('أحمد خليل الحداد');
});
