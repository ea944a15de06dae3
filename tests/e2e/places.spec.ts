import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addEvent, createVault, newCase, shot, switchToArabic } from './helpers';

async function caseHeld(
  page: Page,
  nameLatin: string,
  nameAr: string,
  events: Array<[string, string | null, string | null]>,
) {
  await newCase(page, nameLatin, nameAr);
  await page.getByRole('tab', { name: 'Events' }).click();
  for (const [kind, date, place] of events) await addEvent(page, kind, date, place);
}

test('places of detention: who was held in a facility, and who was there at the same time, in both languages', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await createVault(page);
  await page.getByRole('link', { name: 'Units and perpetrators' }).click();
  await page.getByRole('button', { name: 'Add unit' }).click();
  const unitForm = page.getByRole('dialog', { name: 'Unit' });
  await unitForm.getByLabel('Name in Latin script').fill('Test Prisons Directorate');
  await unitForm.getByRole('button', { name: 'Save' }).click();
  await expect(unitForm).toBeHidden();
  const prison = 'Homs Central Prison';
  await caseHeld(page, 'Samir Testheld', 'سمير', [
    ['Detention', '2014-03', prison],
    ['Sighting', '2014-09-12', prison],
  ]);
  await caseHeld(page, 'Karim Testwith', 'كريم', [['Detention', '2014-06', prison]]);
  await caseHeld(page, 'Walid Testbefore', 'وليد', [
    ['Detention', '2012-05', prison],
    ['Release', '2013-12-31', null],
  ]);
  await caseHeld(page, 'Nabil Testundated', 'نبيل', [['Detention', null, prison]]);

  await page.getByRole('link', { name: 'Places of detention' }).click();
  const register = page.getByRole('table', { name: 'Places of detention' });
  // Found by another spelling, and from the Arabic script.
  for (const spelling of ['Hums', 'حمص']) {
    await page.getByLabel('Find a place (any spelling)').fill(spelling);
    await expect(register.getByRole('row', { name: /Homs Central Prison/ })).toContainText(/3\s*1$/);
  }
  await page.getByLabel('Find a place (any spelling)').fill('Tadmur Nowhere');
  await expect(page.getByText('No place matches.')).toBeVisible();
  await page.getByLabel('Find a place (any spelling)').fill('');
  await register.getByRole('button', { name: /^Homs Central Prison/ }).click();

  const held = page.getByRole('table', { name: 'Held here (3)' });
  await expect(held.getByRole('row')).toHaveCount(4);
  await expect(held.getByRole('row', { name: /Walid Testbefore/ })).toContainText('released');
  await expect(page.getByText(/^Cases with events here that have no date, not placed in time \(1\)/)).toBeVisible();
  await page.getByRole('button', { name: /^Who else was here then\? \(Samir Testheld/ }).click();
  const withSamir = page.getByRole('table', { name: /^Held here at the same time as Samir Testheld/ });
  await expect(withSamir.getByRole('row')).toHaveCount(2);
  await expect(withSamir).toContainText('Karim Testwith');
  await shot(page, 'facility-en');

  // The register entry: another spelling, and where it is (both halves, or it says so).
  await page.getByRole('button', { name: 'Edit this place' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit this place' });
  const aliases = editor.getByRole('combobox', { name: 'Other names and spellings' });
  await aliases.fill('Birket Testprison');
  await aliases.press('Enter');
  await editor.getByRole('textbox', { name: 'Latitude' }).fill('34.73');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('alert')).toHaveText('Give both latitude and longitude, or neither.');
  await editor.getByRole('textbox', { name: 'Longitude' }).fill('36.71');
  await editor.getByLabel('How the position was established').fill('Test satellite image, 2015');
  // The unit that ran it, from when to when: a period that ends before it starts is refused.
  await editor.getByRole('button', { name: 'Add a unit that ran it' }).click();
  const ranBy = editor.getByRole('group', { name: 'Unit that ran it (1)' });
  await ranBy.getByRole('textbox', { name: 'From' }).fill('2016');
  await ranBy.getByRole('textbox', { name: 'To' }).fill('2011-03');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('alert')).toHaveText(
    'Choose the unit in row 1 of the units that ran it, or remove the row.',
  );
  await ranBy.getByRole('combobox', { name: 'Unit' }).click();
  await page.getByRole('option', { name: 'Test Prisons Directorate' }).click();
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('alert')).toHaveText('Row 1 of the units that ran it ends before it starts.');
  await ranBy.getByRole('textbox', { name: 'From' }).fill('2011-03');
  await ranBy.getByRole('textbox', { name: 'To' }).fill('2016');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole('table', { name: 'Units that ran it' }).getByRole('row').nth(1)).toContainText(
    /Test Prisons Directorate\s*March 2011\s*2016\s*No source cited/,
  );
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const details = page.getByRole('region', { name: 'About this place' });
  await expect(details).toContainText('34.73000, 36.71000');
  await expect(details).toContainText('Birket Testprison');
  await page.getByRole('button', { name: 'Back to places of detention' }).click();
  await page.getByLabel('Find a place (any spelling)').fill('birket');
  await expect(register.getByRole('row')).toHaveCount(2);
  await expect(register.getByRole('row', { name: /Homs Central Prison/ })).toBeVisible();
  // On the map, the one place with coordinates; its marker opens its page.
  await page.getByLabel('Find a place (any spelling)').fill('');
  const map = page.getByRole('img', { name: /^Map of places of detention: 1 places with coordinates/ });
  await expect(map.locator('path[fill="#c92a2a"]')).toHaveCount(1);
  await expect(page.getByText(/^Places without coordinates, not on the map \(listed below\): \d+\./)).toBeVisible();
  await shot(page, 'facility-map-en');
  await map.locator('path[fill="#c92a2a"]').click();
  await expect(page.getByRole('heading', { level: 1, name: /^Homs Central Prison/ })).toBeVisible();
  await page.getByRole('button', { name: 'Back to places of detention' }).click();

  await switchToArabic(page);
  await page.getByRole('link', { name: 'أماكن الاحتجاز' }).click();
  await expect(
    page.getByRole('img', { name: /^خريطة أماكن الاحتجاز: 1 / }).locator('path[fill="#c92a2a"]'),
  ).toHaveCount(1);
  await shot(page, 'facility-map-ar');
  await page
    .getByRole('table', { name: 'أماكن الاحتجاز' })
    .getByRole('button', { name: /^سجن حمص المركزي/ })
    .click();
  await expect(page.getByRole('table', { name: 'احتُجزوا هنا (3)' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'الوحدات التي أدارته' })).toContainText('Test Prisons Directorate');
  await page.getByRole('button', { name: /^من كان هنا أيضًا حينها؟ \(سمير/ }).click();
  await expect(page.getByRole('table', { name: /^احتُجزوا هنا في الوقت نفسه مع سمير/ })).toContainText('كريم');
  await shot(page, 'facility-ar');
});
