import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addEvent, addUnit, createVault, newCase, recordTestimony, shot, switchToArabic } from './helpers';

const PRISON = 'Homs Central Prison';

/** A suspected perpetrator in command of a unit from one date to another, with a rank then and a cited source. */
async function addCommander(
  page: Page,
  name: string,
  unit: string,
  from: string,
  to: string,
  source: RegExp | null,
): Promise<void> {
  await page.getByRole('button', { name: 'Add suspected perpetrator' }).click();
  const d = page.getByRole('dialog', { name: 'Suspected perpetrator' });
  await d.getByLabel('Name in Latin script').fill(name);
  await d.getByRole('button', { name: 'Add unit membership' }).click();
  const position = d.getByRole('group', { name: 'Position 1' });
  await position.getByRole('combobox', { name: 'Unit' }).click();
  await page.getByRole('option', { name: unit }).click();
  await position.getByLabel('Rank at the time').fill('Colonel');
  await position.getByRole('textbox', { name: 'From' }).fill(from);
  await position.getByRole('textbox', { name: 'To' }).fill(to);
  await position.getByRole('checkbox', { name: 'In command of this unit in this period' }).check();
  if (source) {
    await position.getByRole('combobox', { name: 'How sure' }).click();
    await page.getByRole('option', { name: 'Confirmed by documents' }).click();
    await position.getByRole('combobox', { name: 'What says so' }).click();
    await page.getByRole('option', { name: source }).click();
    await page.keyboard.press('Escape');
  }
  await d.getByRole('button', { name: 'Save' }).click();
  await expect(d).toBeHidden();
}

test('command over time: who commanded the unit that ran a prison on the day of a detention, with sources, in both languages', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await createVault(page);
  // A testimony to cite, in the case of the person detained.
  await newCase(page, 'Fadi Testdetained', 'فادي');
  await page.getByRole('tab', { name: 'Testimonies' }).click();
  await recordTestimony(page, 'Witness T-1', 'The branch head signed the transfer orders.', null);
  await page.getByRole('tab', { name: 'Events' }).click();
  await addEvent(page, 'Detention', '2012-05-10', PRISON);
  await addEvent(page, 'Torture', '2014-02', PRISON);

  await page.getByRole('link', { name: 'Units and perpetrators' }).click();
  await addUnit(page, 'Test Directorate');
  await addUnit(page, 'Test Branch 215', 'Test Directorate');
  await addCommander(page, 'Brigadier Testcommander', 'Test Branch 215', '2012-01', '2013-06', /^Testimony/);
  await addCommander(page, 'Colonel Testsuccessor', 'Test Branch 215', '2013-07', '2014-12', null);
  await addCommander(page, 'General Testdirector', 'Test Directorate', '2010', '2015', null);
  await expect(page.getByRole('article', { name: 'Brigadier Testcommander' })).toContainText(
    'In command of Test Branch 215 · January 2012 – June 2013',
  );

  // The chain on a date, as a graph and as a table: the branch under the directorate, each with its head then.
  await page.getByRole('textbox', { name: 'On this date' }).fill('2012-05');
  await expect(page.getByRole('img', { name: /^Graph of the units and their commanders on May 2012/ })).toBeVisible();
  const chain = page.getByRole('table', { name: 'Chain of command on May 2012' });
  await expect(chain.getByRole('row', { name: /Test Branch 215/ })).toContainText(
    /Test Branch 215\s*Test Directorate\s*Brigadier Testcommander$/,
  );
  await expect(chain.getByRole('row', { name: /^Test Directorate/ })).toContainText(/—\s*General Testdirector$/);
  await page.getByRole('textbox', { name: 'On this date' }).fill('2014-01');
  await expect(page.getByRole('table', { name: 'Chain of command on January 2014' })).toContainText(
    'Colonel Testsuccessor',
  );
  await shot(page, 'command-graph-en');

  // A period that ends before it starts is refused, by its row, and nothing is saved.
  await page.getByRole('button', { name: 'Edit Brigadier Testcommander' }).click();
  const d = page.getByRole('dialog', { name: 'Suspected perpetrator' });
  await d.getByRole('group', { name: 'Position 1' }).getByRole('textbox', { name: 'To' }).fill('2011');
  await d.getByRole('button', { name: 'Save' }).click();
  await expect(d.getByRole('alert')).toHaveText('Position 1: it ends before it starts.');
  await shot(page, 'perpetrator-dialog-en');
  await d.getByRole('button', { name: 'Cancel' }).click();

  // The prison was run by the branch from 2011 to 2014, as the testimony says.
  await page.getByRole('link', { name: 'Places of detention' }).click();
  await page
    .getByRole('table', { name: 'Places of detention' })
    .getByRole('button', { name: new RegExp(`^${PRISON}`) })
    .click();
  await page.getByRole('button', { name: 'Edit this place' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit this place' });
  await editor.getByRole('button', { name: 'Add a unit that ran it' }).click();
  const ranBy = editor.getByRole('group', { name: 'Unit that ran it (1)' });
  await ranBy.getByRole('combobox', { name: 'Unit' }).click();
  await page.getByRole('option', { name: 'Test Branch 215' }).click();
  await ranBy.getByRole('textbox', { name: 'From' }).fill('2011');
  await ranBy.getByRole('textbox', { name: 'To' }).fill('2014');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();

  // Who was in command on the day of the detention: the branch and its head then, with his source; above it, the directorate.
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('row', { name: /Fadi Testdetained/ }).click();
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('button', { name: 'Who was in command? (Detention — 10 May 2012)' }).click();
  const answer = page.getByRole('dialog', { name: 'Who was in command: Detention — 10 May 2012' });
  const table = answer.getByRole('table', { name: /^At Homs Central Prison .*, 10 May 2012$/ });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row').nth(1)).toContainText(
    /Test Branch 215\s*Ran the place.*Brigadier Testcommander\s*Colonel\s*January 2012 – June 2013\s*Certainly\s*Recorded as: Confirmed by documents\s*Testimony/,
  );
  await expect(table.getByRole('row').nth(2)).toContainText(
    /Test Directorate\s*Above Test Branch 215 then.*General Testdirector/,
  );
  await expect(table).not.toContainText('Colonel Testsuccessor');
  await shot(page, 'command-who-en');
  await page.keyboard.press('Escape');

  // Later, his successor.
  await page.getByRole('button', { name: 'Who was in command? (Torture — February 2014)' }).click();
  const later = page.getByRole('dialog', { name: 'Who was in command: Torture — February 2014' });
  await expect(later.getByRole('row').nth(1)).toContainText('Colonel Testsuccessor');
  await expect(later).not.toContainText('Brigadier Testcommander');

  // His page lists what happened under his command; the director's lists both, as superior.
  await later.getByRole('link', { name: 'Colonel Testsuccessor' }).click();
  await expect(page.getByRole('heading', { name: 'Colonel Testsuccessor', level: 1 })).toBeVisible();
  const under = page.getByRole('table', { name: 'Under his command', exact: true });
  await expect(under.getByRole('row')).toHaveCount(2);
  await expect(under.getByRole('row').nth(1)).toContainText(/February 2014\s*Torture/);
  // He took command while Fadi was held there: the stay began before his command and is still his to answer for.
  const heldUnder = page.getByRole('table', { name: 'Held under his command' });
  await expect(heldUnder.getByRole('row')).toHaveCount(2);
  await expect(heldUnder.getByRole('row').nth(1)).toContainText(
    /Fadi Testdetained \(فادي\) · ATH-\d{4}-\d{5}\s*Homs Central Prison.*10 May 2012 – February 2014\s*Test Branch 215\s*Certainly/,
  );
  await page.getByRole('link', { name: 'Back to units and perpetrators' }).click();
  await page.getByRole('link', { name: 'General Testdirector' }).click();
  await expect(under.getByRole('row')).toHaveCount(3);
  await expect(under.getByRole('row').nth(1)).toContainText(/10 May 2012\s*Detention.*Test Directorate\s*as superior/);
  await expect(page.getByRole('table', { name: 'Positions over time' })).toContainText(/Test Directorate\s*In command/);
  await shot(page, 'perpetrator-en');

  await switchToArabic(page);
  await page.getByRole('link', { name: 'الملفات' }).click();
  await page.getByRole('row', { name: /فادي/ }).click();
  await page.getByRole('tab', { name: 'الأحداث' }).click();
  await page.getByRole('button', { name: /^من كان في القيادة؟ \(احتجاز/ }).click();
  const ar = page.getByRole('dialog', { name: /^من كان في القيادة: احتجاز/ });
  await expect(ar.getByRole('row').nth(1)).toContainText(/كانت تدير المكان.*بالتأكيد/);
  // Let the dialog's opening transition finish, so the picture shows it and not the page through it.
  await page.waitForTimeout(400);
  await shot(page, 'command-who-ar');
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'الوحدات والجناة' }).click();
  await page.getByRole('textbox', { name: 'في هذا التاريخ' }).fill('2012-05');
  await expect(page.getByRole('table', { name: /^تسلسل القيادة في/ })).toContainText('Brigadier Testcommander');
  await shot(page, 'command-graph-ar');
  await page.getByRole('link', { name: 'General Testdirector' }).click();
  await expect(page.getByRole('table', { name: 'محتجزون تحت قيادته' })).toContainText(/فادي.*بالتأكيد/);
  await shot(page, 'perpetrator-ar');
});
