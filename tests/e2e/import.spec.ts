import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVault, newCase, shot, switchToArabic } from './helpers';

/** Windows-1256 bytes, as Arabic Excel writes "CSV": built from the platform's decoder table. */
function windows1256(text: string): Buffer {
  const table = new Map<string, number>();
  [...new TextDecoder('windows-1256').decode(Uint8Array.from({ length: 256 }, (_, i) => i))].forEach((ch, i) => {
    if (!table.has(ch)) table.set(ch, i);
  });
  return Buffer.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /List file \(CSV or XLSX\)/ }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer });
}

// Synthetic names only.
const LIST = [
  'الاسم,Name,اسم الأب,تاريخ الولادة,الجنس',
  'محمد عبد الرحمن الحسن,Mhd Abd al-Rahman el Hasan,عبد الرحمن,1985,ذكر',
  'رنا الحلبي,Rana Halabi,خالد,1990,أنثى',
  ',,سليم,1970,ذكر',
  'خالد المصري,Khaled Masri,إبراهيم,1975,ذكر',
].join('\r\n');

test('imports a Windows-1256 CSV: mapping, a broken row, a duplicate decided by a person, one transaction, a report', async ({
  page,
}) => {
  await createVault(page);
  const existing = await newCase(page, 'Mohammed Abdul Rahman Al-Hassan', '');
  await page.getByLabel('Date of birth').fill('1985');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Import a list' }).click();
  await chooseFile(page, 'released-list.csv', windows1256(LIST));
  await expect(page.getByText('4 rows, 5 columns.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Text encoding' })).toHaveValue('Windows-1256 (Arabic)');
  await expect(page.getByRole('combobox', { name: 'Column “الاسم”' })).toHaveValue('Name (Arabic script)');
  await expect(page.getByRole('combobox', { name: 'Column “Name”' })).toHaveValue('Name (Latin script)');
  await expect(page.getByRole('combobox', { name: 'Column “اسم الأب”' })).toHaveValue('Father’s name');
  const preview = page.getByRole('table', { name: 'Preview (first rows)' });
  await expect(preview).toContainText('رنا الحلبي');
  await expect(preview).toContainText('No name.');
  await shot(page, 'import-mapping');

  await page.getByRole('button', { name: 'Check rows' }).click();
  await expect(
    page.getByText('2 rows are new, 1 may already be on file, 1 have errors and will not be imported.'),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Rows with errors (1)' })).toContainText('Row 4: No name.');
  const flagged = page.getByRole('article', { name: 'Row 2' });
  await expect(flagged).toContainText(existing);
  await expect(flagged.getByRole('list', { name: 'Why these records match' })).toContainText('Birth year: agrees');
  // Nothing is imported until a person decides about the likely duplicate.
  await expect(page.getByRole('button', { name: 'Import 2 rows' })).toBeDisabled();
  await flagged.getByText('Link to existing').click();
  await shot(page, 'import-review');
  await page.getByRole('button', { name: 'Import 3 rows' }).click();
  const report = page.getByRole('status').filter({ hasText: 'Import finished' });
  await expect(report).toContainText(
    '2 new cases created, 1 rows linked to existing records, 0 skipped, 1 rows with errors not imported.',
  );
  await expect(report).toContainText('list:released-list');

  await page.getByRole('link', { name: 'Open the case list' }).click();
  await expect(page.getByRole('row', { name: /Rana Halabi/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Khaled Masri/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Mhd Abd/ })).toHaveCount(0);
  // The linked record gained the list's spellings.
  await page.getByRole('row', { name: /Mohammed Abdul Rahman Al-Hassan/ }).click();
  await expect(page.getByText('Mhd Abd al-Rahman el Hasan')).toBeVisible();
});

test('a file that is not a list, and an empty one, are refused with a clear message and change nothing', async ({
  page,
}) => {
  await createVault(page);
  await page.getByRole('link', { name: 'Import a list' }).click();
  await chooseFile(
    page,
    'photo.csv',
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  );
  await expect(page.getByRole('alert')).toContainText('This is not a text list.');
  await chooseFile(page, 'empty.csv', Buffer.from(''));
  await expect(page.getByRole('alert')).toContainText('The file is empty.');
  await page.getByRole('link', { name: 'Cases' }).click();
  await expect(page.getByText(/Showing 0 of 0/)).toBeVisible();
});

test('the import works in Arabic, right to left', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Mohammed Abdul Rahman Al-Hassan', 'محمد عبد الرحمن الحسن');
  await switchToArabic(page);
  await page.getByRole('link', { name: 'استيراد قائمة' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /ملف القائمة/ }).click();
  await (
    await chooser
  ).setFiles({ name: 'قائمة.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${LIST}`, 'utf8') });
  await expect(page.getByRole('combobox', { name: 'ترميز النص' })).toHaveValue('UTF-8 (يونيكود)');
  await page.getByRole('button', { name: 'فحص الصفوف' }).click();
  await expect(page.getByRole('article', { name: 'الصف 2' })).toBeVisible();
  await page.getByRole('article', { name: 'الصف 2' }).getByText('ربط بالسجل القائم').click();
  await shot(page, 'import-review-ar');
  await page.getByRole('button', { name: 'استيراد 3 صفاً' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'انتهى الاستيراد' })).toBeVisible();
});
