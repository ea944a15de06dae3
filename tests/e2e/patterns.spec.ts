import { readFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addEvent, createVault, fillIncident, newCase, pdfText, shot, switchToArabic, tieCases } from './helpers';

const PRISON = 'Saydnaya Military Prison';
const OTHER = 'Homs Central Prison';
const ARRESTS = 'Testarrests at the checkpoint';
const people = Array.from({ length: 14 }, (_, i) => `Pattern Test${String.fromCharCode(65 + i)}`);

async function ownEvent(page: Page, name: string, date: string | null, place: string): Promise<void> {
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('row', { name: new RegExp(`${name} `) }).click();
  await page.getByRole('tab', { name: 'Events' }).click();
  await addEvent(page, 'Detention', date, place);
}

test('patterns: people held by place and quarter, undated and loosely dated apart, each number opening its cases, in both languages', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await createVault(page);
  for (const [i, name] of people.entries()) await newCase(page, name, `نمط ${i + 1}`);
  // Two known only by the year, two with no date, three in May 2014, one elsewhere in August.
  for (const name of people.slice(0, 2)) await ownEvent(page, name, '2014', PRISON);
  for (const name of people.slice(2, 4)) await ownEvent(page, name, null, PRISON);
  for (const name of people.slice(4, 7)) await ownEvent(page, name, '2014-05-03', PRISON);
  await ownEvent(page, people[7]!, '2014-08', OTHER);

  // One incident of seven cases in February 2014: six new to the prison, and one of those held there in May.
  await page.getByRole('link', { name: 'Incidents' }).click();
  await page.getByRole('button', { name: 'New incident' }).click();
  await fillIncident(page, ARRESTS, 'Arrest', '2014-02-10', PRISON);
  await tieCases(page, [people[4]!, ...people.slice(8, 14)]);
  await expect(page.getByRole('table', { name: 'Cases it concerns (7)' }).getByRole('row')).toHaveCount(8);

  await page.getByRole('link', { name: 'Patterns' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Patterns' })).toBeVisible();
  await expect(page.getByText('People counted: 14')).toBeVisible();
  await page.getByRole('combobox', { name: 'Count by' }).click();
  await page.getByRole('option', { name: 'Quarter' }).click();

  const held = page.getByRole('table', { name: 'People held, by place and period' });
  const header = held.getByRole('row').first();
  await expect(header).toContainText(
    /2014 Q1\s*2014 Q2\s*2014 Q3\s*Undated\s*Not placed in one quarter\s*All held there/,
  );
  const prison = held.getByRole('row', { name: new RegExp(`^${PRISON}`) });
  // Q1: the incident's seven; Q2: the three of May; two undated; two known only as "2014"; thirteen in all.
  await expect(prison.getByRole('cell')).toHaveText(['7', '3', '0', '2', '2', '13']);
  await expect(held.getByRole('row', { name: new RegExp(`^${OTHER}`) }).getByRole('cell')).toHaveText([
    '0',
    '0',
    '1',
    '0',
    '0',
    '1',
  ]);
  // By year, the two known only as "2014" are placed.
  await page.getByRole('combobox', { name: 'Count by' }).click();
  await page.getByRole('option', { name: 'Year' }).click();
  await expect(prison.getByRole('cell')).toHaveText(['11', '2', '0', '13']);
  await page.getByRole('combobox', { name: 'Count by' }).click();
  await page.getByRole('option', { name: 'Quarter' }).click();

  // A number opens the cases behind it, and each opens.
  await prison.getByRole('button', { name: new RegExp(`^${PRISON} .*, 2014 Q1: 7\\. Show the cases$`) }).click();
  const behind = page.getByRole('dialog', { name: new RegExp(`^Cases behind: ${PRISON} .*, 2014 Q1$`) });
  await expect(behind.getByRole('table').getByRole('row')).toHaveCount(8);
  await expect(behind).toContainText(people[4]!);
  await expect(behind).not.toContainText(people[5]!);
  await page.keyboard.press('Escape');
  await expect(behind).toBeHidden();

  // A period filter counts only who is certainly in it, and says how many it could not place.
  await page.getByRole('textbox', { name: 'From' }).fill('2014-04');
  await page.getByRole('textbox', { name: 'To', exact: true }).fill('2014-06');
  await expect(page.getByText('People counted: 3')).toBeVisible();
  await expect(page.getByText(/^People who could not be placed in the chosen period.*: 4\.$/)).toBeVisible();
  await page.getByRole('textbox', { name: 'From' }).fill('2015');
  await page.getByRole('textbox', { name: 'To', exact: true }).fill('2014');
  await expect(page.getByRole('alert').filter({ hasText: 'The period ends before it starts.' })).toBeVisible();
  // Nothing here writes: the vault's integrity check finds every record as the audit chain says.
  await expect(page.getByRole('alert', { name: /tampered/ })).toHaveCount(0);
  await page.getByRole('textbox', { name: 'From' }).fill('');
  await page.getByRole('textbox', { name: 'To', exact: true }).fill('');

  // The charts are drawn, and say what they show.
  const chart = page.getByRole('img', { name: 'Chart: People held, by place and period' });
  await expect(chart.locator('canvas')).toHaveCount(1);
  await expect(page.getByRole('table', { name: 'People by sex' }).getByRole('row', { name: /^Unknown/ })).toContainText(
    '14',
  );
  await shot(page, 'patterns-en');

  // The counts as CSV: one long table, with every count; the chart as SVG.
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export counts as CSV' }).click();
  const csv = readFileSync((await (await csvDownload).path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(`"People held, by place and period",${PRISON} (سجن صيدنايا العسكري),2014 Q1,7\r\n`);
  expect(csv).toContain(`"People held, by place and period",${PRISON} (سجن صيدنايا العسكري),Undated,2\r\n`);
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export counts as XLSX' }).click();
  const xlsx = readFileSync((await (await xlsxDownload).path())!);
  expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as SVG: Chart: People held, by place and period' }).click();
  const svg = readFileSync((await (await svgDownload).path())!, 'utf8');
  expect(svg).toMatch(/^<svg/);
  expect(svg).toContain('Saydnaya');
  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as PNG: Chart: People by sex' }).click();
  const png = readFileSync((await (await pngDownload).path())!);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');

  // The advocacy sheet: the counts and how they were counted, and no name of anyone, in the PDF's own text.
  // Every case here is an enforced disappearance: the filter changes no count, and the sheet says it was applied.
  await page.getByRole('combobox', { name: 'Kind of case' }).click();
  await page.getByRole('option', { name: 'Enforced disappearance' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Print advocacy sheet…' }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('Advocacy sheet: detention patterns');
  await page.getByRole('checkbox', { name: 'People by kind of case' }).uncheck();
  await expect(preview.getByRole('heading', { name: 'People by kind of case' })).toHaveCount(0);
  let text = await pdfText(page, 'advocacy-en');
  expect(text).toContain('People counted: 14');
  expect(text).toContain('People held, by place and period');
  expect(text).toMatch(/Saydnaya Military Prison.*\s7\s+3\s+0\s+2\s+2\s+13\b/);
  expect(text).toContain('These numbers are a floor');
  expect(text).toContain('Kind of case: Enforced disappearance');
  expect(text).not.toContain('People by kind of case');
  for (const name of [...people, ARRESTS, 'نمط', 'ATH-']) expect(text).not.toContain(name);
  await page.getByRole('radiogroup', { name: 'Language of the print' }).getByText('العربية').click();
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('ورقة مناصرة: أنماط الاحتجاز');
  text = await pdfText(page, 'advocacy-ar');
  expect(text).toContain('المحتجزون بحسب المكان والفترة');
  expect(text).toContain('لا تقدير');
  for (const name of [...people, ARRESTS, 'نمط', 'ATH-']) expect(text).not.toContain(name);
  await page.getByRole('button', { name: 'Back to patterns' }).click();

  await switchToArabic(page);
  await page.getByRole('link', { name: 'الأنماط' }).click();
  await expect(page.getByText('الأشخاص المعدودون: 14')).toBeVisible();
  await page.getByRole('combobox', { name: 'العدّ بحسب' }).click();
  await page.getByRole('option', { name: 'الربع' }).click();
  const heldAr = page.getByRole('table', { name: 'المحتجزون بحسب المكان والفترة' });
  await expect(heldAr.getByRole('row', { name: /^سجن صيدنايا العسكري/ }).getByRole('cell')).toHaveText([
    '7',
    '3',
    '0',
    '2',
    '2',
    '13',
  ]);
  await expect(page.getByRole('img', { name: 'مخطط: المحتجزون بحسب المكان والفترة' }).locator('canvas')).toHaveCount(1);
  await shot(page, 'patterns-ar');
});
