import { expect, test } from './fixtures';
import { createVault, newCase, shot, unlock, switchToArabic } from './helpers';

test('records a testimony with a pseudonymous witness, consent and a mention that links the record', async ({
  page,
}) => {
  await createVault(page);
  await newCase(page, 'Bassam Testperson', 'بسام');
  await page.getByRole('tab', { name: 'Testimonies' }).click();
  await expect(page.getByText(/No testimonies yet/)).toBeVisible();
  await page.getByRole('button', { name: 'Record testimony' }).click();
  const form = page.getByRole('form', { name: 'Testimony' });
  await form.getByRole('button', { name: 'Save testimony' }).click();
  await expect(form.getByRole('alert')).toHaveText('Choose the witness, or add a new one.');
  await form.getByRole('button', { name: 'New witness' }).click();
  await form.getByLabel(/^Pseudonym/).fill('Witness K-7');
  await form.getByLabel('Witness’s name in Latin script').fill('Kamal Hiddenname');
  await form.getByLabel('Date of the testimony').fill('2025-11-03');
  await form.getByLabel('Interpreter').fill('None needed');
  const statement = form.getByRole('textbox', { name: 'Statement' });
  await statement.click();
  await page.keyboard.type('I saw him in ');
  await page.keyboard.type('@Homs Cent');
  await expect(page.getByRole('listbox', { name: 'Records to mention' }).getByRole('option').first()).toContainText(
    'Homs Central Prison',
  );
  await page.keyboard.press('Enter');
  await page.keyboard.type(' in the winter.');
  await expect(statement.locator('[data-type="mention"]')).toContainText('Homs Central Prison');
  await form.getByRole('radiogroup', { name: 'Consent covers' }).getByText('Named mechanisms').click();
  // Consent names recipients on record, and there are none yet: the form says where to add them.
  await expect(form.getByText('No recipients on record yet')).toBeVisible();
  await form.getByLabel('How consent was obtained').fill('Oral, recorded on audio');
  await form.getByRole('button', { name: 'Save testimony' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Testimony saved.' })).toBeVisible();
  await expect(form.getByRole('list', { name: 'Mentioned records' })).toContainText('Homs Central Prison');
  await shot(page, 'testimony-en');
  await form.getByRole('button', { name: 'Close testimony' }).click();

  const card = page.getByRole('article', { name: 'Witness K-7' });
  await expect(card).toContainText('Named mechanisms');
  await expect(card).not.toContainText('Kamal');
  await card.getByRole('button', { name: 'Show identity of Witness K-7' }).click();
  await expect(card).toContainText('Identity: Kamal Hiddenname');

  // Withdrawal, confirmed with its consequence spelled out.
  await card.getByRole('button', { name: 'Open testimony of Witness K-7' }).click();
  await page.getByRole('button', { name: 'Record withdrawal of consent' }).click();
  await expect(page.getByRole('dialog', { name: 'Withdraw consent?' })).toContainText('left out of every export');
  await page.getByRole('dialog').getByRole('button', { name: 'Record withdrawal of consent' }).click();
  await page.getByRole('button', { name: 'Save testimony' }).click();
  await page.getByRole('button', { name: 'Close testimony' }).click();
  await expect(page.getByRole('article', { name: 'Witness K-7' })).toContainText('Consent withdrawn on');
});

test('autosave keeps a testimony’s text through a crash', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Ruba Testperson', 'ربى');
  await page.getByRole('tab', { name: 'Testimonies' }).click();
  await page.getByRole('button', { name: 'Record testimony' }).click();
  const form = page.getByRole('form', { name: 'Testimony' });
  await form.getByRole('button', { name: 'New witness' }).click();
  await form.getByLabel(/^Pseudonym/).fill('Witness R-2');
  await form.getByRole('textbox', { name: 'Statement' }).click();
  await page.keyboard.type('They took us to the basement at night');
  await expect(form.getByRole('status').filter({ hasText: /Draft kept safe/ })).toBeVisible();
  // A crash: the page goes away without saving.
  await page.reload();
  await unlock(page);
  await page.getByRole('tab', { name: 'Testimonies' }).click();
  await page.getByRole('button', { name: 'Record testimony' }).click();
  await expect(
    page.getByText('Unsaved text from your last session with this testimony has been restored.'),
  ).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Statement' })).toContainText('They took us to the basement at night');
  await expect(page.getByLabel(/^Pseudonym/)).toHaveValue('Witness R-2');
});

test('an event sourced by a testimony, and links followed from both ends', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Adnan Testperson', 'عدنان');
  await page.getByRole('tab', { name: 'Testimonies' }).click();
  await page.getByRole('button', { name: 'Record testimony' }).click();
  const form = page.getByRole('form', { name: 'Testimony' });
  await form.getByRole('button', { name: 'New witness' }).click();
  await form.getByLabel(/^Pseudonym/).fill('Witness A-1');
  await form.getByLabel('Date of the testimony').fill('2024-02');
  await form.getByRole('button', { name: 'Save testimony' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Testimony saved.' })).toBeVisible();
  await form.getByRole('button', { name: 'Close testimony' }).click();

  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('button', { name: 'Add event' }).click();
  const d = page.getByRole('dialog', { name: 'Event' });
  await d.getByRole('combobox', { name: 'What happened' }).click();
  await page.getByRole('option', { name: 'Sighting', exact: true }).click();
  await d.getByLabel('When').fill('2013-08');
  await d.getByRole('combobox', { name: 'Where (place or facility)' }).fill('Homs Central');
  await page.getByRole('option', { name: /^Homs Central Prison/ }).click();
  await d.getByRole('combobox', { name: 'People involved' }).click();
  await page.getByRole('option', { name: 'Adnan Testperson (عدنان)' }).click();
  await d.getByRole('combobox', { name: /^Sources/ }).click();
  await page.getByRole('option', { name: /^Witness A-1/ }).click();
  await page.keyboard.press('Escape');
  await d.getByLabel(/^Reliability of Witness A-1/).fill('Saw him in the same cell for a week');
  await d.getByRole('button', { name: 'Save' }).click();
  await expect(d).toBeHidden();
  await expect(page.getByText('Adnan Testperson (عدنان) (victim)')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Detention timeline' })).toContainText('sources: 1');

  await page.getByRole('tab', { name: 'Linked records' }).click();
  const list = page.getByRole('list', { name: 'Linked records' });
  await expect(list).toContainText('supports');
  await expect(list).toContainText('Saw him in the same cell for a week');
  // Follow the link from the event end, then from the testimony end.
  await list.getByRole('button', { name: /^Open Sighting/ }).click();
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Linked records' }).click();
  await page
    .getByRole('list', { name: 'Linked records' })
    .getByRole('button', { name: /^Open Witness A-1/ })
    .click();
  await expect(page.getByRole('tab', { name: 'Testimonies' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('tab', { name: 'Linked records' }).click();
  await page.getByRole('button', { name: 'Add link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link two records' });
  await dialog.getByRole('combobox', { name: 'From' }).click();
  await page.getByRole('option', { name: /^Witness A-1 · Person/ }).click();
  await dialog.getByRole('combobox', { name: 'Relation' }).click();
  await page.getByRole('option', { name: 'witnessed' }).click();
  await dialog.getByRole('combobox', { name: 'To' }).click();
  await page.getByRole('option', { name: /^Sighting/ }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('list', { name: 'Linked records' })).toContainText('witnessed');
  await shot(page, 'links-en');
  // The event itself shows what links to it.
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: /^Sighting — August 2013/ })
      .getByRole('list', { name: 'Linked records' }),
  ).toContainText('Witness A-1 (Person) → witnessed');
});

test('testimonies and units in Arabic, right to left', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Rasha Testperson', 'رشا');
  await switchToArabic(page);
  await page.getByRole('link', { name: 'الملفات' }).click();
  await page.getByRole('row', { name: /رشا/ }).click();
  await page.getByRole('tab', { name: 'الشهادات' }).click();
  await page.getByRole('button', { name: 'تسجيل شهادة' }).click();
  const form = page.getByRole('form', { name: 'شهادة' });
  await form.getByRole('button', { name: 'شاهد جديد' }).click();
  await form.getByLabel(/^الاسم المستعار/).fill('الشاهد س-٣');
  await form.getByRole('textbox', { name: 'الإفادة' }).click();
  await page.keyboard.type('رأيته في ');
  await page.keyboard.type('@سجن حمص');
  await page.keyboard.press('Enter');
  await form.getByRole('button', { name: 'حفظ الشهادة' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'حُفظت الشهادة.' })).toBeVisible();
  await expect(form.getByRole('list', { name: 'السجلات المشار إليها' })).toContainText('سجن حمص المركزي');
  await shot(page, 'testimony-ar');
  await page.getByRole('link', { name: 'الوحدات والجناة' }).click();
  await expect(page.getByRole('heading', { name: 'الوحدات والجناة' })).toBeVisible();
  const dialog = page.getByRole('dialog', { name: 'وحدة' });
  for (const [name, parent] of [
    ['إدارة الاختبار', null],
    ['فرع الاختبار', 'إدارة الاختبار'],
  ] as const) {
    await page.getByRole('button', { name: 'إضافة وحدة' }).click();
    await dialog.getByLabel('الاسم بالحروف العربية').fill(name);
    if (parent) {
      await dialog.getByRole('combobox', { name: 'تتبع لـ (الوحدة الأم)' }).click();
      await page.getByRole('option', { name: parent }).click();
    }
    await dialog.getByRole('button', { name: 'حفظ' }).click();
    await expect(dialog).toBeHidden();
  }
  await page.getByRole('button', { name: 'تعديل فرع الاختبار' }).click();
  await dialog.getByLabel('ملاحظات').fill('انتقل إلى مبنى جديد');
  await dialog.getByRole('button', { name: 'حفظ' }).click();
  await expect(dialog).toBeHidden();
  const units = page.getByRole('navigation', { name: 'الوحدات' });
  await expect(units.getByRole('listitem').filter({ hasText: 'إدارة الاختبار' }).getByRole('listitem')).toHaveText(
    'فرع الاختبار — انتقل إلى مبنى جديد',
  );
  await page.getByRole('button', { name: 'تعديل إدارة الاختبار' }).click();
  await dialog.getByRole('combobox', { name: 'تتبع لـ (الوحدة الأم)' }).click();
  await page.getByRole('option', { name: 'فرع الاختبار' }).click();
  await dialog.getByRole('button', { name: 'حفظ' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/لا يمكن أن تكون الوحدة جزءاً من نفسها/);
  await shot(page, 'units-ar');
});
