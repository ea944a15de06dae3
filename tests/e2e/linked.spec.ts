import { expect, test } from './fixtures';
import { createVault, newCase, shot } from './helpers';

test('family contact with safety notes first, a contact log entry, and the follow-up across cases', async ({
  page,
}) => {
  await createVault(page);
  const ref = await newCase(page, 'Yasin Testperson', 'ياسين');
  await page.getByRole('tab', { name: 'People and contacts' }).click();
  await expect(page.getByText(/No family contacts yet/)).toBeVisible();
  await page.getByRole('button', { name: 'Add family contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Family contact' });
  await dialog.getByLabel('Safety notes').fill('Phone may be monitored. Never call before 20:00.');
  await dialog.getByLabel(/^Name/).fill('Amal Testrelative');
  await dialog.getByLabel('Relationship to the person').fill('sister');
  const phones = dialog.getByRole('combobox', { name: 'Phone numbers' });
  await phones.fill('+000 555 0101');
  await phones.press('Enter');
  await dialog.getByRole('checkbox', { name: 'Agrees to be contacted' }).check();
  await dialog.getByRole('checkbox', { name: 'Gave a DNA reference sample' }).check();
  await dialog.getByLabel('Sample given to').fill('Test Identification Lab');
  await dialog.getByLabel('Date of the sample').fill('2025-06');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByRole('article', { name: 'Amal Testrelative' });
  const safety = card.getByRole('note');
  await expect(safety).toContainText('Never call before 20:00');
  // The safety note comes before the phone number in reading order.
  const text = (await card.textContent()) ?? '';
  expect(text.indexOf('Never call before')).toBeLessThan(text.indexOf('+000 555 0101'));
  await expect(card).toContainText('DNA reference sample given to Test Identification Lab, June 2025');

  await card.getByRole('button', { name: 'Add contact log entry for Amal Testrelative' }).click();
  const log = page.getByRole('dialog', { name: 'Contact log entry' });
  await log.getByLabel('What was said').fill('Family heard he was moved; will ask the lawyer.');
  const soon = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
  await log.getByLabel('Follow up on').fill(soon);
  await log.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByRole('list', { name: 'Contact log' }).getByRole('listitem')).toHaveCount(1);
  await expect(card).toContainText(`Follow up on ${soon}`);
  await shot(page, 'contacts-en');

  await page.getByRole('link', { name: 'Follow-ups' }).click();
  const row = page.getByRole('row', { name: new RegExp(ref) });
  await expect(row).toContainText('Amal Testrelative (sister)');
  await expect(row).toContainText(soon);
  await shot(page, 'follow-ups-en');
  await row.getByRole('button', { name: new RegExp(`^${ref} · Yasin Testperson.* — open contacts$`) }).click();
  await expect(page.getByRole('tab', { name: 'People and contacts' })).toHaveAttribute('aria-selected', 'true');
});

test('events build the detention timeline, with gaps and contradictions shown', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Fares Testperson', 'فارس');
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByText(/No arrest, detention, transfer or sighting recorded yet/)).toBeVisible();

  const addEvent = async (kind: string, date: string, place: string | null, newPlace?: string): Promise<void> => {
    await page.getByRole('button', { name: 'Add event' }).click();
    const d = page.getByRole('dialog', { name: 'Event' });
    await d.getByRole('combobox', { name: 'What happened' }).click();
    await page.getByRole('option', { name: kind, exact: true }).click();
    await d.getByLabel('When').fill(date);
    if (place) {
      await d.getByRole('combobox', { name: 'Where (place or facility)' }).fill(place);
      await page
        .getByRole('option', { name: new RegExp(`^${place}`) })
        .first()
        .click();
    }
    if (newPlace) {
      await d.getByRole('button', { name: 'Add a place not in the list' }).click();
      await d.getByLabel('Place name in Latin script').fill(newPlace);
      await d.getByRole('button', { name: 'Add place' }).click();
      await expect(d.getByRole('combobox', { name: 'Where (place or facility)' })).toHaveValue(newPlace);
    }
    await d.getByRole('button', { name: 'Save' }).click();
    await expect(d).toBeHidden();
  };

  await addEvent('Arrest', '2012-03-05', null, 'Test Checkpoint Branch');
  await addEvent('Sighting', '2012-06', 'Test Checkpoint Branch');
  await addEvent('Sighting', '2014', 'Homs Central Prison');

  const timeline = page.getByRole('list', { name: 'Detention timeline' });
  await expect(timeline.getByRole('listitem')).toHaveCount(2);
  await expect(timeline.getByRole('listitem').first()).toContainText('Test Checkpoint Branch');
  await expect(timeline.getByRole('listitem').first()).toContainText('5 March 2012 – June 2012');
  await expect(
    page.getByRole('note').filter({ hasText: 'Gap: nothing known between June 2012 and 2014' }),
  ).toBeVisible();

  await addEvent('Sighting', '2012-06-10', 'Homs Central Prison');
  await addEvent('Sighting', '2012-06-10', 'Test Checkpoint Branch');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Contradiction: recorded in two places on the same day' }),
  ).toBeVisible();
  await shot(page, 'timeline-en');

  await page
    .getByRole('button', { name: /^Delete event: Sighting — 10 June 2012/ })
    .first()
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete event' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Contradiction' })).toHaveCount(0);

  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByRole('list', { name: 'Detention timeline' })).toBeVisible();
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(
    page.getByRole('table', { name: 'History' }).getByRole('row', { name: /Deleted\s*Event/ }),
  ).toBeVisible();
});

test('contacts, events, timeline and evidence in Arabic, right to left', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Maher Testperson', 'ماهر');
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('button', { name: 'Add event' }).click();
  const d = page.getByRole('dialog', { name: 'Event' });
  await d.getByLabel('When').fill('2013-04');
  await d.getByRole('combobox', { name: 'Where (place or facility)' }).fill('Homs Central');
  await page.getByRole('option', { name: /^Homs Central Prison/ }).click();
  await d.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radiogroup', { name: 'Interface language' }).getByText('العربية').click();
  await page.getByRole('link', { name: 'الملفات' }).click();
  await page.getByRole('row', { name: /ماهر/ }).click();
  const timeline = page.getByRole('list', { name: 'مسار الاحتجاز' });
  await expect(timeline).toContainText('سجن حمص المركزي (Homs Central Prison)');
  await expect(timeline).toContainText('نيسان 2013');
  await shot(page, 'overview-ar');
  await page.getByRole('tab', { name: 'الأشخاص وجهات الاتصال' }).click();
  await page.getByRole('button', { name: 'إضافة جهة اتصال من العائلة' }).click();
  const dialog = page.getByRole('dialog', { name: 'جهة اتصال من العائلة' });
  await dialog.getByLabel('ملاحظات السلامة').fill('لا تتصل قبل الساعة 20:00');
  await dialog.getByLabel(/^الاسم/).fill('سعاد');
  await dialog.getByLabel('صلة القرابة بالشخص').fill('الأم');
  await dialog.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByRole('article', { name: 'سعاد' }).getByRole('note')).toContainText('لا تتصل قبل الساعة 20:00');
  await shot(page, 'contacts-ar');
  await page.getByRole('tab', { name: 'الأدلة' }).click();
  await expect(page.getByRole('button', { name: 'اختر ملفات' })).toBeVisible();
  await shot(page, 'evidence-ar');
});
