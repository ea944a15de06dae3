import { execFileSync } from 'node:child_process';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addEvent, createVault, newCase, pdfText, shot, switchToArabic } from './helpers';

// Synthetic secrets that a family summary must never carry.
const WITNESS = 'Kamal Hiddenname';
const PHONE = '+000 555 0101';
const SAFETY = 'Never call before 20:00';
const INTERNAL = 'Source inside the branch';
const OUT = 'tests/e2e/screenshots';

async function seedCase(page: Page): Promise<string> {
  await createVault(page);
  const ref = await newCase(page, 'Samir Khalil Testperson', 'سمير خليل الاختبار');
  // Internal notes in the case summary.
  await page.getByRole('textbox', { name: 'Case summary' }).click();
  await page.keyboard.type(`${INTERNAL}, do not disclose.`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  // A family contact with a phone and a safety note.
  await page.getByRole('tab', { name: 'People and contacts' }).click();
  await page.getByRole('button', { name: 'Add family contact' }).click();
  const contact = page.getByRole('dialog', { name: 'Family contact' });
  await contact.getByLabel('Safety notes').fill(`Phone may be monitored. ${SAFETY}.`);
  await contact.getByLabel(/^Name/).fill('Amal Testrelative');
  await contact.getByLabel('Relationship to the person').fill('sister');
  const phones = contact.getByRole('combobox', { name: 'Phone numbers' });
  await phones.fill(PHONE);
  await phones.press('Enter');
  await contact.getByRole('button', { name: 'Save' }).click();
  await expect(contact).toBeHidden();
  // A protected witness's testimony.
  await page.getByRole('tab', { name: 'Testimonies' }).click();
  await page.getByRole('button', { name: 'Record testimony' }).click();
  const form = page.getByRole('form', { name: 'Testimony' });
  await form.getByRole('button', { name: 'New witness' }).click();
  await form.getByLabel(/^Pseudonym/).fill('Witness K-7');
  await form.getByLabel('Witness’s name in Latin script').fill(WITNESS);
  await form.getByRole('button', { name: 'Save testimony' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Testimony saved.' })).toBeVisible();
  await form.getByRole('button', { name: 'Close testimony' }).click();
  // Arrest and a sighting.
  await page.getByRole('tab', { name: 'Events' }).click();
  for (const [kind, date, place] of [
    ['Arrest', '2012-03-05', 'Homs'],
    ['Sighting', '2013-06', 'Homs Central Prison'],
  ] as const)
    await addEvent(page, kind, date, place);
  return ref;
}

test('family summary in English and Arabic: the facts, never a witness, a phone, a safety note or internal notes', async ({
  page,
}) => {
  const ref = await seedCase(page);
  // Proof of life: the sighting cites nothing; a later one cites the witness's testimony.
  await page.getByRole('tab', { name: 'Overview' }).click();
  const proof = page.getByRole('region', { name: 'Proof of life' });
  await expect(proof).toContainText(/Last seen alive: June 2013 — Homs Central Prison .*\(Sighting\)/);
  await expect(proof).toContainText('Independent sources: 0.');
  await expect(proof).toContainText('No source is cited for this sighting');
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('button', { name: 'Add event' }).click();
  const event = page.getByRole('dialog', { name: 'Event' });
  await event.getByRole('combobox', { name: 'What happened' }).click();
  await page.getByRole('option', { name: 'Sighting', exact: true }).click();
  await event.getByLabel('When').fill('2013-09');
  await event.getByRole('combobox', { name: 'Where (place or facility)' }).fill('Homs Central Prison');
  await page
    .getByRole('option', { name: /^Homs Central Prison/ })
    .first()
    .click();
  await event.getByRole('combobox', { name: 'Sources (testimonies and documents that support it)' }).click();
  await page.getByRole('option').first().click();
  await event.getByRole('button', { name: 'Save' }).click();
  await expect(event).toBeHidden();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(proof).toContainText(/Last seen alive: September 2013/);
  await expect(proof).toContainText('Independent sources: 1.');
  await expect(proof.getByRole('list', { name: 'Sources cited' }).getByRole('listitem')).toHaveCount(1);
  await shot(page, 'proof-of-life-en');
  await switchToArabic(page);
  await page.goBack();
  await page.getByRole('tab', { name: 'نظرة عامة' }).click();
  await expect(page.getByRole('region', { name: 'دليل الحياة' })).toContainText('المصادر المستقلة: 1.');
  await shot(page, 'proof-of-life-ar');
  await page.getByRole('link', { name: 'الإعدادات' }).click();
  await page.getByRole('radiogroup', { name: 'لغة الواجهة' }).getByText('English').click();
  await page.goBack();
  await page.getByRole('button', { name: 'Print summary…' }).click();
  await expect(page.getByRole('combobox', { name: 'Profile' })).toHaveValue('Family summary');
  await page
    .getByLabel('What is being done and next steps (for this print only)')
    .fill('We have asked the ICRC about the central prison.');
  // The preview shows what the profile keeps out.
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('region', { name: 'Kept out of this print' })).toContainText(
    'family contact(s) with their phone numbers',
  );
  await expect(preview).not.toContainText(WITNESS);
  await shot(page, 'print-preview-family-en');

  let text = await pdfText(page, 'family-en');
  expect(text).toContain('Samir Khalil Testperson');
  expect(text).toContain('Homs Central Prison');
  expect(text).toContain('We have asked the ICRC');
  expect(text).toContain(ref);
  expect(text).toMatch(/Independent sources\s+1 \(witnesses: 1, documents: 0\)/);
  // One short summary, one page: no empty page after it.
  expect(text).toMatch(/Page 1 of 1/);
  for (const secret of [WITNESS, PHONE, SAFETY, INTERNAL, 'Kept out of this print']) expect(text).not.toContain(secret);

  // Arabic: right to left, shaped, extractable.
  await page.getByRole('radiogroup', { name: 'Language of the print' }).getByText('العربية').click();
  await expect(preview.getByRole('article')).toHaveAttribute('dir', 'rtl');
  // Every value, Latin ones included, sits at the right beside its label, not pushed to the far left.
  const offsets = await preview.getByRole('article').evaluate((doc) =>
    [...doc.querySelectorAll('section dd, section td, section li, section p')].map((el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        text: el.textContent ?? '',
        gap: box.right - parseFloat(style.paddingRight) - r.getBoundingClientRect().right,
      };
    }),
  );
  expect(offsets.some((o) => /We have asked the ICRC/.test(o.text))).toBe(true);
  for (const o of offsets) expect(o.gap, o.text).toBeLessThan(2);
  text = await pdfText(page, 'family-ar');
  expect(text).toContain('سمير خليل الاختبار');
  expect(text).toContain('مسار الاحتجاز');
  expect(text).toContain(ref);
  for (const secret of [WITNESS, PHONE, SAFETY, INTERNAL]) expect(text).not.toContain(secret);
  // Shaped text, not boxes: no replacement or presentation-form-free garbage, and the glyphs come from the shipped font.
  expect(text).not.toMatch(/[\uFFFD\u25A1]/);
  const fonts = execFileSync('pdffonts', [`${OUT}/family-ar.pdf`]).toString('utf8');
  expect(fonts).toMatch(/NotoNaskhArabic/);

  // The print is in the audit log with its profile and choices.
  await page.getByRole('button', { name: 'Print…' }).click();
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('row', { name: /Printed/ }).first()).toContainText('profile:family');
});

test('legal summary: witnesses by pseudonym, sources; internal record has everything; several cases in one PDF', async ({
  page,
}) => {
  const ref = await seedCase(page);
  await page.getByRole('button', { name: 'Print summary…' }).click();
  await page.getByRole('combobox', { name: 'Profile' }).click();
  await page.getByRole('option', { name: 'Legal summary' }).click();
  let text = await pdfText(page, 'legal-en');
  expect(text).toContain('Witness K-7');
  expect(text).not.toContain(WITNESS);
  expect(text).not.toContain(PHONE);

  await page.getByRole('combobox', { name: 'Profile' }).click();
  await page.getByRole('option', { name: 'Internal full record' }).click();
  text = await pdfText(page, 'internal-en');
  for (const s of [WITNESS, PHONE, SAFETY, INTERNAL]) expect(text).toContain(s);
  expect(text).toContain('CONFIDENTIAL');

  // Batch: every case in the list, one document, each with its own reference on its pages.
  const second = await newCase(page, 'Rana Testperson', 'رنا الاختبار');
  await page.getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('button', { name: 'Print summaries of these 2…' }).click();
  await expect(page.getByRole('region', { name: 'Preview' }).getByRole('article')).toHaveCount(2);
  text = await pdfText(page, 'batch-en');
  expect(text).toContain(ref);
  expect(text).toContain(second);
  expect(text).toContain('Rana Testperson');
  // One page each, numbered through the document, no empty page between or after.
  expect(text).toMatch(/Page 1 of 2/);
  expect(text).toMatch(/Page 2 of 2/);
});

test('the print screen works in Arabic, right to left, and prints English if asked', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Huda Testperson', 'هدى الاختبار');
  await switchToArabic(page);
  await page.getByRole('link', { name: 'الملفات' }).click();
  await page.getByRole('row', { name: /هدى الاختبار/ }).click();
  await page.getByRole('button', { name: 'طباعة ملخص…' }).click();
  await expect(page.getByRole('combobox', { name: 'النموذج' })).toHaveValue('ملخص للعائلة');
  const doc = page.getByRole('region', { name: 'معاينة' }).getByRole('article');
  await expect(doc).toHaveAttribute('dir', 'rtl');
  await expect(doc).toContainText('هدى الاختبار (Huda Testperson)');
  await shot(page, 'print-screen-ar');
  await page.getByRole('radiogroup', { name: 'لغة المطبوع' }).getByText('English').click();
  await expect(doc).toHaveAttribute('dir', 'ltr');
  await expect(doc).toContainText('Huda Testperson (هدى الاختبار)');
  await expect(doc).toContainText('Detention timeline');
});
