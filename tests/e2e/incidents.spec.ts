import { expect, test } from './fixtures';
import { addEvent, createVault, fillIncident, newCase, shot, switchToArabic, tieCases } from './helpers';

const PRISON = 'Homs Central Prison';
const CONVOY = 'Testconvoy to Homs';
const people = Array.from({ length: 12 }, (_, i) => `Convoy Testperson${String.fromCharCode(65 + i)}`);

test('an incident of many cases: written once, tied to twelve cases, on every timeline, offered instead of a duplicate', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await createVault(page);
  for (const [i, name] of people.entries()) await newCase(page, name, `شخص ${i + 1}`);
  // One case with an event of its own before the convoy: its timeline has both.
  await page.getByRole('tab', { name: 'Events' }).click();
  await addEvent(page, 'Arrest', '2014-01-05', null);

  await page.getByRole('link', { name: 'Incidents' }).click();
  await expect(page.getByText('No incident yet.')).toBeVisible();
  await page.getByRole('button', { name: 'New incident' }).click();
  const editor = page.getByRole('dialog', { name: 'New incident' });
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('alert')).toHaveText(/Give the incident a name/);
  await fillIncident(page, CONVOY, 'Transfer', '2014-02-10', PRISON);
  await expect(page.getByText('No case is tied to this incident yet.')).toBeVisible();

  // Eleven cases tied from the incident's page.
  await tieCases(page, people.slice(0, 11));
  await expect(page.getByRole('table', { name: 'Cases it concerns (11)' }).getByRole('row')).toHaveCount(12);

  // The twelfth is offered the incident when its own event is typed at that place and time.
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('row', { name: new RegExp(people[11]!) }).click();
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('button', { name: 'Add event' }).click();
  const form = page.getByRole('dialog', { name: 'Event' });
  await form.getByLabel('When').fill('2014-02');
  await form.getByRole('combobox', { name: 'Where (place or facility)' }).fill(PRISON);
  await page
    .getByRole('option', { name: new RegExp(`^${PRISON}`) })
    .first()
    .click();
  await expect(form.getByRole('status')).toContainText('This may be an incident already on file');
  await form.getByRole('button', { name: `Tie this case to ${CONVOY}` }).click();
  await expect(form).toBeHidden();
  // The case's own events are still only its own: the incident is listed apart, edited on its page.
  await expect(page.getByRole('list', { name: 'Events' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: `Open the incident ${CONVOY}` }).click();
  const concerned = page.getByRole('table', { name: 'Cases it concerns (12)' });
  await expect(concerned.getByRole('row')).toHaveCount(13);
  await shot(page, 'incident-en');

  // Every one of the twelve timelines shows the convoy's stay in the prison.
  for (const name of people) {
    await concerned.getByRole('button', { name: new RegExp(`^${name} `) }).click();
    const timeline = page.getByRole('list', { name: 'Detention timeline' });
    await expect(timeline).toContainText(PRISON);
    await expect(timeline).toContainText('Transfer');
    if (name === people[11]) await expect(timeline.getByRole('listitem')).toHaveCount(1);
    await page.goBack();
  }
  await page.getByRole('link', { name: 'Places of detention' }).click();
  await page.getByLabel('Find a place (any spelling)').fill('Homs Central');
  await expect(
    page.getByRole('table', { name: 'Places of detention' }).getByRole('row', { name: new RegExp(PRISON) }),
  ).toContainText(/12\s*0$/);

  // Untied, a case no longer has it.
  await page.getByRole('link', { name: 'Incidents' }).click();
  await expect(
    page.getByRole('table', { name: 'Incidents' }).getByRole('row', { name: new RegExp(CONVOY) }),
  ).toContainText(/12$/);
  await page.getByRole('button', { name: CONVOY }).click();
  await page.getByRole('button', { name: new RegExp(`^Untie ${people[0]} .*from this incident$`) }).click();
  await expect(page.getByRole('table', { name: 'Cases it concerns (11)' })).toBeVisible();

  await switchToArabic(page);
  await page.getByRole('link', { name: 'الوقائع' }).click();
  await page.getByRole('button', { name: CONVOY }).click();
  await expect(page.getByRole('table', { name: 'الحالات التي تخصّها (11)' }).getByRole('row')).toHaveCount(12);
  await expect(page.getByRole('region', { name: 'عن هذه الواقعة' })).toContainText('نقل');
  await shot(page, 'incident-ar');
});

test("an event already written in cases becomes one incident: made an incident from one case, the other's copy merged into it", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const ARRESTS = 'Testarrests of April';
  await createVault(page);
  await newCase(page, 'Marwan Testfirst', 'مروان');
  await page.getByRole('tab', { name: 'Events' }).click();
  await addEvent(page, 'Arrest', '2013-04-02', PRISON);
  const first = 'Arrest — 2 April 2013';
  await page.getByRole('button', { name: `Make it an incident: ${first}` }).click();
  const make = page.getByRole('dialog', { name: 'Make this event an incident of many cases' });
  await make.getByRole('button', { name: 'Save' }).click();
  await expect(make.getByRole('alert')).toHaveText(/Give the incident a name/);
  await make.getByRole('textbox', { name: 'Name of the incident' }).fill(ARRESTS);
  await make.getByRole('button', { name: 'Save' }).click();
  await expect(make).toBeHidden();
  // Still on the case's timeline, now as an incident of many cases.
  await expect(page.getByRole('list', { name: 'Events' }).getByRole('listitem')).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Open the incident ${ARRESTS}` })).toBeVisible();

  await newCase(page, 'Nizar Testsecond', 'نزار');
  await page.getByRole('tab', { name: 'Events' }).click();
  await addEvent(page, 'Arrest', '2013-04', PRISON);
  await page.getByRole('button', { name: 'Make it an incident: Arrest — April 2013' }).click();
  await expect(make.getByRole('status')).toContainText('may be this same happening');
  await make
    .getByRole('button', { name: `Same happening as ${ARRESTS}: tie this case to it and remove this copy` })
    .click();
  await expect(make).toBeHidden();
  await expect(page.getByRole('list', { name: 'Events' }).getByRole('listitem')).toHaveCount(0);
  await page.getByRole('button', { name: `Open the incident ${ARRESTS}` }).click();
  await expect(page.getByRole('table', { name: 'Cases it concerns (2)' }).getByRole('row')).toHaveCount(3);
});
