import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type { FileChooser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVault, shot, switchToArabic } from './helpers';

const fixture = (name: string): string => resolve(process.cwd(), 'tests/fixtures/sanctions', name);

/** Picks files as a person does: the field's button opens the system's file chooser. */
async function choose(page: Page, label: string, files: Parameters<FileChooser['setFiles']>[0]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: label }).click();
  await (await chooser).setFiles(files);
}

test('sanctions lists: two authorities imported, a newer list that de-lists one officer, a damaged file refused', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await createVault(page);
  // A synthetic officer on file, before any list.
  await page.getByRole('link', { name: 'Units and perpetrators' }).click();
  await page.getByRole('button', { name: 'Add suspected perpetrator' }).click();
  const perp = page.getByRole('dialog', { name: 'Suspected perpetrator' });
  await perp.getByLabel('Name in Latin script').fill('Jamil Testkhoury');
  await perp.getByLabel('Name in Arabic script').fill('جميل تستخوري');
  await perp.getByRole('button', { name: 'Save' }).click();
  await expect(perp).toBeHidden();
  await page.getByRole('link', { name: 'Sanctions lists' }).click();
  await expect(page.getByRole('heading', { name: 'Sanctions lists', level: 1 })).toBeVisible();

  // A damaged list is refused with its line, and nothing is saved.
  const broken = readFileSync(fixture('ofac-sdn.xml'), 'utf8').replace('<uid>90003</uid>', '');
  await choose(page, 'List file', { name: 'sdn.xml', mimeType: 'text/xml', buffer: Buffer.from(broken) });
  const refusal = page.getByRole('alert').filter({ hasText: 'An entry lacks a field its format requires: uid.' });
  await expect(refusal).toContainText(/Line \d+, sdnEntry\. Nothing was saved\./);
  await expect(page.getByText('No list imported yet.')).toBeVisible();

  // OFAC's SDN list: three new designations, shown before anything is saved.
  await choose(page, 'List file', fixture('ofac-sdn.xml'));
  const review = page.getByLabel('What this import would change');
  await expect(review).toContainText(
    'United States (OFAC) (SDN list, XML), published 28 November 2026: 3 designations.',
  );
  await expect(review).toContainText('Newly listed: 3');
  await expect(review.getByText('Jamil TESTKHOURY')).toBeVisible();
  await review.getByRole('button', { name: 'Save the list' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved: the list of United States (OFAC), 3 designations.' }),
  ).toBeVisible();

  // The EU's list, with the officer's Arabic-script alias.
  await choose(page, 'List file', fixture('eu-fsf.xml'));
  await expect(review).toContainText('Newly listed: 2');
  await review.getByRole('button', { name: 'Save the list' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved: the list of European Union, 2 designations.' }),
  ).toBeVisible();

  const designations = page.getByRole('table', { name: 'Designations', exact: true });
  await expect(designations.getByRole('row')).toHaveCount(6);
  await page.getByRole('textbox', { name: 'Search names or reference' }).fill('جميل');
  await expect(designations.getByRole('row')).toHaveCount(2);
  await designations.getByRole('button', { name: 'Jamil Testkhoury' }).click();
  const detail = page.getByRole('dialog', { name: 'Designation: Jamil Testkhoury' });
  await expect(detail).toContainText('جميل تستخوري');
  await expect(detail).toContainText('Passport · N0000111');
  await expect(detail).toContainText('23 May 2011');
  await page.waitForTimeout(400);
  await shot(page, 'sanctions-detail-en');
  await page.keyboard.press('Escape');

  // On his page, both designations are proposed, each with its reasons, and confirmed by a person.
  await page.getByRole('link', { name: 'Units and perpetrators' }).click();
  await page.getByRole('link', { name: 'Jamil Testkhoury' }).click();
  await expect(page.getByRole('heading', { name: 'Jamil Testkhoury', level: 1 })).toBeVisible();
  const sanctions = page.getByRole('region', { name: 'Sanctions designations' });
  await expect(sanctions).toContainText("No authority's designation has been confirmed as him.");
  const proposals = sanctions.getByLabel('Designations that may be him');
  const fromEu = proposals.getByLabel('Proposed: Jamil Testkhoury, European Union');
  const fromUs = proposals.getByLabel('Proposed: Jamil TESTKHOURY, United States (OFAC)');
  await expect(fromEu.getByRole('list', { name: 'Why these records match' })).toBeVisible();
  await shot(page, 'sanctions-proposals-en');
  await fromEu.getByRole('button', { name: 'Same person' }).click();
  await fromUs.getByRole('button', { name: 'Same person' }).click();
  const confirmed = sanctions.getByLabel('Designations confirmed as him');
  await expect(confirmed).toContainText('European Union');
  await expect(confirmed).toContainText('United States (OFAC)');
  await expect(confirmed).toContainText('Designated since 23 May 2011');
  await expect(confirmed).toContainText('Test Street 1, Testville');
  await expect(confirmed).toContainText('Passport N0000111');
  await expect(proposals).toBeHidden();
  await page.getByRole('link', { name: 'Sanctions lists' }).click();

  // The consolidated view: one row for him, with both authorities.
  const consolidated = page.getByRole('table', { name: 'Consolidated designations' });
  const him = consolidated.getByRole('row', { name: /^Jamil Testkhoury \(جميل تستخوري\)/ });
  await expect(him).toHaveCount(1);
  await expect(him).toContainText('Listed 23 May 2011');
  await expect(him).toContainText('Listed');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await download).path())!, 'utf8');
  expect(csv).toMatch(/Jamil Testkhoury \(جميل تستخوري\),yes,Listed \(no date given\),Listed 23 May 2011/);

  // A newer EU list without him: he is shown as de-listed by the EU before it is saved, and after.
  await choose(page, 'List file', fixture('eu-fsf-2027.xml'));
  await expect(review).toContainText('De-listed (in the list on file, not in this one): 1');
  await expect(review.getByText('Jamil Testkhoury')).toBeVisible();
  await expect(review).toContainText('Unchanged: 1');
  await shot(page, 'sanctions-review-en');
  await review.getByRole('button', { name: 'Save the list' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved: the list of European Union, 1 designations.' }),
  ).toBeVisible();
  const row = designations.getByRole('row', { name: /Jamil Testkhoury/ });
  await expect(row).toContainText('European Union');
  await expect(row).toContainText('De-listed 15 January 2027');
  await expect(him).toContainText('De-listed 15 January 2027');
  await expect(him).toContainText('Not designated by European Union');
  const lists = page.getByRole('table', { name: 'Lists on file' });
  await expect(lists.getByRole('row')).toHaveCount(4);
  await expect(lists).toContainText('1 designations: 0 new, 0 changed, 1 de-listed, 0 listed again');
  await shot(page, 'sanctions-en');

  // His page says so too: designated by the EU until the newer list.
  await page.getByRole('link', { name: 'Jamil Testkhoury (جميل تستخوري)' }).click();
  await expect(page.getByLabel('Designations confirmed as him')).toContainText(
    'Designated 23 May 2011 – de-listed 15 January 2027',
  );
  await page.getByRole('link', { name: 'Sanctions lists' }).click();

  // An older list than the one on file is flagged before it can undo later changes.
  await choose(page, 'List file', fixture('eu-fsf.xml'));
  await expect(review.getByRole('alert')).toContainText(
    'This list was published before the one on file (15 January 2027).',
  );
  await expect(review).toContainText('Listed again: 1');
  await expect(review.getByRole('button', { name: 'Save the list' })).toBeDisabled();
  await expect(review.getByRole('checkbox', { name: /Import it anyway/ })).toBeVisible();
  await review.getByRole('button', { name: 'Discard' }).click();

  await switchToArabic(page);
  await page.getByRole('link', { name: 'قوائم العقوبات' }).click();
  await expect(page.getByRole('heading', { name: 'قوائم العقوبات', level: 1 })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'الإدراجات', exact: true }).getByRole('row', { name: /Jamil Testkhoury/ }),
  ).toContainText('رُفع في');
  await choose(page, 'ملف القائمة', fixture('uk-sanctions-list.csv'));
  await expect(page.getByLabel('ما سيغيّره هذا الاستيراد')).toContainText('أُدرج حديثًا: 2');
  await shot(page, 'sanctions-review-ar');
  await page.getByRole('button', { name: 'حفظ القائمة' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'حُفظت قائمة المملكة المتحدة' })).toBeVisible();
  // The UK's designation of him is another row until someone decides it is him: found across the lists, on request.
  await page.getByRole('button', { name: 'ابحث في القوائم عن شخص واحد لدى جهتين' }).click();
  const pair = page
    .getByLabel(/^ربما الشخص نفسه: /)
    .filter({ hasText: 'SYR9001' })
    .first();
  await expect(pair.getByRole('list', { name: 'أسباب التطابق' })).toBeVisible();
  await shot(page, 'sanctions-across-ar');
  await pair.getByRole('button', { name: 'الشخص نفسه' }).click();
  await expect(page.getByLabel(/^ربما الشخص نفسه: /).filter({ hasText: 'SYR9001' })).toHaveCount(0);
  const hisRow = page
    .getByRole('table', { name: 'الإدراجات الموحّدة' })
    .getByRole('row', { name: /^جميل تستخوري \(Jamil Testkhoury\)/ });
  await expect(hisRow).toContainText('أُدرج 9 أيار 2011');
  await shot(page, 'sanctions-ar');
  await page.getByRole('link', { name: 'جميل تستخوري (Jamil Testkhoury)' }).click();
  await expect(page.getByRole('region', { name: 'الإدراجات في قوائم العقوبات' })).toContainText(
    'أُدرج 23 أيار 2011 – رُفع 15 كانون الثاني 2027',
  );
  // The UK's designation is his now too, through the decision on the lists, and is no longer proposed.
  const hisSanctions = page.getByRole('region', { name: 'الإدراجات في قوائم العقوبات' });
  await expect(hisSanctions.getByLabel('إدراجات أُكّد أنها هو')).toContainText('المملكة المتحدة');
  await expect(hisSanctions).toContainText('تقرّر أنه الشخص نفسه في إدراج جهة أخرى له');
  await expect(hisSanctions.getByLabel('إدراجات قد تكون هو')).toBeHidden();
  await shot(page, 'sanctions-perpetrator-ar');
});
