import { expect, test } from './fixtures';
import { createVault, newCase, shot, switchToArabic } from './helpers';

test('a tracing request is matched against everyone on file and reviewed to a recorded decision', async ({ page }) => {
  await createVault(page);
  const ref = await newCase(page, 'Mohammed Abdul Rahman Al-Hassan', 'محمد عبد الرحمن الحسن');
  await page.getByLabel('Date of birth').fill('1985');
  await page.getByLabel('Mother’s name').fill('Fatima');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await newCase(page, 'Rana Halabi', 'رنا الحلبي');

  await page.getByRole('link', { name: 'Tracing requests' }).click();
  await page.getByRole('button', { name: 'New tracing request' }).click();
  const form = page.getByRole('form', { name: 'Tracing request' });
  await form.getByLabel('Name in Latin script').fill('Muhammad Abdelrahman Alhasan');
  await form.getByLabel('Mother’s name').fill('فاطمة');
  await form.getByLabel('Birth year').fill('1986');
  // A missing requester is refused with a message; nothing is saved.
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Say who is asking.')).toBeVisible();
  await form.getByLabel('Name of the person asking').fill('Umm Mohammed');
  await form.getByLabel('Relationship to the person sought').fill('mother');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Tracing: Muhammad Abdelrahman Alhasan' })).toBeVisible();
  // The list is the review queue: one candidate waits.
  await page.getByRole('link', { name: 'Back to tracing requests' }).click();
  await expect(
    page
      .getByRole('row', { name: /Muhammad Abdelrahman Alhasan/ })
      .getByRole('cell')
      .nth(4),
  ).toHaveText('1');
  await page.getByRole('link', { name: 'Muhammad Abdelrahman Alhasan' }).click();

  // Scored and explained; the unrelated person is not offered.
  const card = page.getByRole('article', { name: /Mohammed Abdul Rahman Al-Hassan/ });
  await expect(card).toBeVisible();
  await expect(card).toContainText(ref);
  await expect(card.getByRole('list', { name: 'Why these records match' })).toContainText('Mother: agrees');
  await expect(card.getByRole('list', { name: 'Why these records match' })).toContainText('Birth year: close');
  await expect(page.getByRole('article', { name: /Rana Halabi/ })).toHaveCount(0);
  await shot(page, 'tracing-candidates');

  // Nothing is chosen for the person, so nothing can be recorded until someone decides.
  await expect(card.getByRole('button', { name: 'Record decision' })).toBeDisabled();
  for (const option of ['Match', 'Not a match', 'Unsure'])
    await expect(card.getByRole('radio', { name: option, exact: true })).not.toBeChecked();
  // Unsure first, then a match: the latest decision stands, both are recorded.
  await card.getByText('Unsure', { exact: true }).click();
  await card.getByRole('button', { name: 'Record decision' }).click();
  const decided = page.getByRole('region', { name: 'Decided' });
  await expect(decided.getByRole('article', { name: /Mohammed/ })).toContainText('Unsure');
  await decided.getByRole('button', { name: 'Change' }).click();
  await decided.getByText('Match', { exact: true }).click();
  await decided.getByLabel('Note (why)').fill('Mother confirmed the photo');
  await decided.getByRole('button', { name: 'Record decision' }).click();
  await expect(decided.getByRole('article', { name: /Mohammed/ })).toContainText('Mother confirmed the photo');

  await page.getByRole('link', { name: 'Back to tracing requests' }).click();
  const row = page.getByRole('row', { name: /Muhammad Abdelrahman Alhasan/ });
  await expect(row).toContainText('1 match · 0 unsure · 0 not a match');
  await expect(row.getByRole('cell').nth(4)).toHaveText('0');
  // No record was merged or changed by the matcher: the case still stands alone.
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('row', { name: /decisions/ })).toHaveCount(2);
});

test('tracing works in Arabic', async ({ page }) => {
  await createVault(page);
  await newCase(page, 'Ahmad Khalil Haddad', 'أحمد خليل الحداد');
  await switchToArabic(page);
  await page.getByRole('link', { name: 'طلبات البحث' }).click();
  await page.getByRole('button', { name: 'طلب بحث جديد' }).click();
  await page.getByLabel('الاسم بالحروف العربية').fill('احمد خليل حداد');
  await page.getByLabel('اسم مقدّم الطلب').fill('أم أحمد');
  await page.getByRole('button', { name: 'حفظ' }).click();
  const card = page.getByRole('article', { name: /أحمد خليل الحداد/ });
  await expect(card).toBeVisible();
  await expect(card.getByRole('button', { name: 'تسجيل القرار' })).toBeDisabled();
  await expect(card.getByRole('radio', { name: 'غير متأكد' })).not.toBeChecked();
  await shot(page, 'tracing-ar');
  await card.getByText('لا تطابق', { exact: true }).click();
  await expect(card.getByRole('button', { name: 'تسجيل القرار' })).toBeEnabled();
});
