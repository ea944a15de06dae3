import { expect, test } from './fixtures';
import { createVault, dumpIndexedDb, newCase, shot, unlock } from './helpers';

test('opens a case from a family report with every field, then finds it in the list', async ({ page }) => {
  await createVault(page);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByLabel('Name in Arabic script').fill('سمير خليل الأحمد');
  await page.getByLabel('Name in Latin script').fill('Samir Khalil al-Ahmad');
  await page.getByLabel('Father’s name').fill('Khalil');
  await page.getByLabel('Mother’s name').fill('Mariam');
  const aliases = page.getByRole('combobox', { name: 'Other names and spellings' });
  await aliases.fill('Abu Khalil');
  await aliases.press('Enter');
  await aliases.fill('Sameer al Ahmed');
  await aliases.press('Enter');
  await page.getByLabel('Date of birth').fill('2013-02-30');
  await expect(page.getByText('This date does not exist.')).toBeVisible();
  await page.getByLabel('Date of birth').fill('about 1985');
  await expect(page.getByText('Understood as: about 1985')).toBeVisible();
  await page.getByRole('combobox', { name: 'Place of birth' }).fill('Hom');
  await page.getByRole('option', { name: 'Homs (حمص)', exact: true }).click();
  await page.getByLabel('Occupation').fill('Teacher');
  await page.getByRole('button', { name: 'Add identity document' }).click();
  await page.getByLabel('Document type').fill('National ID');
  await page.getByLabel('Number', { exact: true }).fill('01234567');
  await page.getByRole('combobox', { name: 'Kind of case' }).click();
  await page.getByRole('option', { name: 'Enforced disappearance' }).click();
  await page.getByRole('combobox', { name: 'Priority' }).click();
  await page.getByRole('option', { name: 'Urgent' }).click();
  // The member who opens a case is its assignee until someone else is chosen.
  await expect(page.getByRole('combobox', { name: 'Assigned caseworker' })).toHaveValue('Administrator');
  const tags = page.getByRole('combobox', { name: 'Tags' });
  await tags.fill('homs-2012');
  await tags.press('Enter');
  await page.getByLabel('How the case came to us').fill('Reported by his sister by phone');
  const summary = page.getByRole('textbox', { name: 'Case summary' });
  await summary.click();
  await page.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type('Taken at a checkpoint');
  await shot(page, 'case-new-en');
  await page.keyboard.press('Control+s');
  await expect(page.getByLabel('Reference')).toHaveText(/^ATH-\d{4}-00001$/);
  await expect(page.getByRole('heading', { name: 'Samir Khalil al-Ahmad (سمير خليل الأحمد)' })).toBeVisible();
  await expect(summary.locator('strong')).toHaveText('Taken at a checkpoint');
  await shot(page, 'case-saved-en');

  await newCase(page, 'Huda Testperson', 'هدى');
  await page.getByRole('link', { name: 'Cases' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Showing 2 of 2 cases' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: /^Disappeared/ }).click();
  await page.getByRole('combobox', { name: 'Tags' }).click();
  await page.getByRole('option', { name: /^homs-2012/ }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('status').filter({ hasText: 'Showing 1 of 2 cases' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Samir Khalil/ })).toBeVisible();
  await shot(page, 'case-list-en');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Showing 2 of 2 cases' })).toBeVisible();
  await page.getByRole('row', { name: /Samir Khalil/ }).click();
  await expect(page.getByLabel('Date of birth')).toHaveValue('~1985');
  await expect(page.getByRole('combobox', { name: 'Place of birth' })).toHaveValue(/Homs/);
  await expect(page.getByLabel('Number', { exact: true })).toHaveValue('01234567');
});

test('changes status with a reason and keeps the history', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Omar Testperson', 'عمر');
  await page.getByRole('combobox', { name: 'New status' }).click();
  await page.getByRole('option', { name: 'Released' }).click();
  await page.getByRole('button', { name: 'Apply status change' }).click();
  await expect(page.getByText('Give a reason for the status change.')).toBeVisible();
  await page.getByLabel('Reason for the change').fill('Released in a general amnesty; family confirmed');
  await page.getByRole('button', { name: 'Apply status change' }).click();
  await expect(page.getByText('Status change to “Released” will be recorded when you save.')).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  const history = page.getByRole('list', { name: 'Status history' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText('Released in a general amnesty');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('button', { name: 'Verify audit log' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The audit log is intact' })).toContainText(
    'entries, all linked',
  );
  await expect(
    page
      .getByRole('cell', { name: 'statusHistory' })
      .or(page.getByRole('cell', { name: /status, statusHistory/ }))
      .first(),
  ).toBeVisible();
  await shot(page, 'audit-en');
});

test('never loses unsaved edits silently', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Nadia Testperson', 'نادية');
  await page.getByLabel('Occupation').fill('Nurse');
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Cases' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Stay and keep editing' }).click();
  await expect(page.getByLabel('Occupation')).toHaveValue('Nurse');
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page.getByRole('heading', { name: 'Cases' })).toBeVisible();
  await page.getByRole('row', { name: /Nadia Testperson/ }).click();
  await expect(page.getByLabel('Occupation')).toHaveValue('');
});

test('works in Arabic, right to left', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Samir Testperson', 'سمير الاختبار');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radiogroup', { name: 'Interface language' }).getByText('العربية').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { name: 'الإعدادات' })).toBeVisible();
  // Switching direction in place must re-lay the shell: content stays clear of the navigation rail, now on the right.
  const heading = await page.getByRole('heading', { name: 'الإعدادات' }).boundingBox();
  const rail = await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).boundingBox();
  expect(heading!.x + heading!.width).toBeLessThanOrEqual(rail!.x);
  await shot(page, 'settings-ar');
  await page.getByRole('link', { name: 'الملفات' }).click();
  await expect(page.getByRole('row', { name: /سمير الاختبار \(Samir Testperson\)/ })).toBeVisible();
  // The navigation rail sits on the right in Arabic.
  const nav = await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).boundingBox();
  expect(nav!.x).toBeGreaterThan(600);
  await shot(page, 'case-list-ar');
  await page.getByRole('row', { name: /سمير الاختبار/ }).click();
  await expect(page.getByRole('heading', { name: 'الشخص' })).toBeVisible();
  await page.getByLabel('تاريخ الولادة').fill('حوالي ١٩٨٥');
  await expect(page.getByText('فُهم على أنه: حوالي 1985')).toBeVisible();
  await shot(page, 'case-ar');
  await page.getByRole('button', { name: 'قفل الخزنة' }).click();
  await expect(page.getByRole('heading', { name: 'فتح الخزنة' })).toBeVisible();
  await shot(page, 'vault-locked-ar');
});

test('seals unsaved edits when the vault locks and restores them after unlock', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Karim Testperson', 'كريم');
  await page.getByLabel('Occupation').fill('Pharmacist');
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Pharmacist');
  expect(await dumpIndexedDb(page)).not.toContain('Pharmacist');
  await unlock(page);
  await expect(page.getByText(/unsaved changes from before the vault was locked have been restored/)).toBeVisible();
  await expect(page.getByLabel('Occupation')).toHaveValue('Pharmacist');
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/restored/)).toHaveCount(0);
  await page.reload();
  await unlock(page);
  await expect(page.getByLabel('Occupation')).toHaveValue('Pharmacist');
  await expect(page.getByText(/restored/)).toHaveCount(0);
});
