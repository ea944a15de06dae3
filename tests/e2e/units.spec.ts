import { expect, test } from './fixtures';
import { addUnit, createVault, newCase, shot } from './helpers';

test('units form a hierarchy; a suspected perpetrator has rank, sanctions and unit membership over time; events name both', async ({
  page,
}) => {
  await createVault(page);
  await page.getByRole('link', { name: 'Units and perpetrators' }).click();
  await expect(page.getByText(/No units yet/)).toBeVisible();

  await addUnit(page, 'Test Intelligence Directorate');
  await addUnit(page, 'Test Branch 999', 'Test Intelligence Directorate');
  const tree = page.getByRole('navigation', { name: 'Units' });
  await expect(
    tree.getByRole('listitem').filter({ hasText: 'Test Intelligence Directorate' }).getByRole('listitem'),
  ).toHaveText('Test Branch 999');

  await page.getByRole('button', { name: 'Add suspected perpetrator' }).click();
  const d = page.getByRole('dialog', { name: 'Suspected perpetrator' });
  await d.getByLabel('Name in Latin script').fill('Colonel Testofficer');
  await d.getByLabel('Rank').fill('Colonel');
  const sanctions = d.getByRole('combobox', { name: 'Sanctions references' });
  await sanctions.fill('TEST-SANCTION-001');
  await sanctions.press('Enter');
  await d.getByRole('button', { name: 'Add unit membership' }).click();
  await d.getByRole('combobox', { name: 'Unit' }).click();
  await page.getByRole('option', { name: 'Test Branch 999' }).click();
  await d.getByLabel('Role or position').fill('Head of interrogation');
  await d.getByLabel('From').fill('2011');
  await d.getByLabel('To').fill('2014-06');
  await d.getByRole('button', { name: 'Save' }).click();
  const card = page.getByRole('article', { name: 'Colonel Testofficer' });
  await expect(card).toContainText('Test Branch 999 · Head of interrogation · 2011 – June 2014');
  await expect(card).toContainText('TEST-SANCTION-001');
  await shot(page, 'units-en');

  await newCase(page, 'Ghassan Testperson', 'غسان');
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('button', { name: 'Add event' }).click();
  const e = page.getByRole('dialog', { name: 'Event' });
  await e.getByRole('combobox', { name: 'What happened' }).click();
  await page.getByRole('option', { name: 'Interrogation', exact: true }).click();
  await e.getByLabel('When').fill('2012-05');
  await e.getByRole('combobox', { name: 'People involved' }).click();
  await page.getByRole('option', { name: 'Colonel Testofficer' }).click();
  await page.keyboard.press('Escape');
  await e.getByRole('combobox', { name: 'Role of Colonel Testofficer' }).click();
  await page.getByRole('option', { name: 'perpetrator' }).click();
  await e.getByRole('combobox', { name: 'Units involved' }).click();
  await page.getByRole('option', { name: 'Test Branch 999' }).click();
  await page.keyboard.press('Escape');
  await e.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Colonel Testofficer (perpetrator)')).toBeVisible();
  await expect(page.getByText('Units involved: Test Branch 999')).toBeVisible();

  // A unit is edited in place: same record, new values; a loop in the hierarchy is refused with a message.
  await page.getByRole('link', { name: 'Units and perpetrators' }).click();
  await page.getByRole('button', { name: 'Edit Test Branch 999' }).click();
  const edit = page.getByRole('dialog', { name: 'Unit' });
  await expect(edit.getByLabel('Name in Latin script')).toHaveValue('Test Branch 999');
  await edit.getByLabel('Name in Arabic script').fill('الفرع ٩٩٩');
  await edit.getByLabel('Notes').fill('Moved to a new building in 2013');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  // Still under its parent, renamed in both scripts, with its notes.
  const branch = tree.getByRole('listitem').filter({ hasText: 'Test Intelligence Directorate' }).getByRole('listitem');
  await expect(branch).toHaveText('Test Branch 999 (الفرع ٩٩٩) — Moved to a new building in 2013');
  await expect(tree.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('article', { name: 'Colonel Testofficer' })).toContainText('Test Branch 999 (الفرع ٩٩٩)');

  await page.getByRole('button', { name: 'Edit Test Intelligence Directorate' }).click();
  await edit.getByRole('combobox', { name: 'Part of (parent unit)' }).click();
  await page.getByRole('option', { name: 'Test Branch 999' }).click();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByRole('alert')).toHaveText(/cannot be part of itself or of one of its own sub-units/);
  await shot(page, 'units-edit-en');
});
