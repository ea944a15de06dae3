import { expect, test } from './fixtures';
import { addMember, createNamedVault, newCase, shot, switchToArabic, unlockAs } from './helpers';

const A_PASS = 'administrator olive passphrase';
const B_PASS = 'caseworker tram passphrase';

test('members: each unlocks with their own passphrase, acts within their roles, signs what they do, and a removed member is shut out', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await createNamedVault(page, 'Amal Testadmin', A_PASS);
  await expect(page.getByRole('status', { name: 'Working: Amal Testadmin' })).toBeVisible();

  await addMember(page, 'Basel Testworker', 'BT', ['Caseworker'], B_PASS);
  const table = page.getByRole('table', { name: 'Members of this vault' });
  await expect(table.getByRole('row', { name: /Basel Testworker/ })).toContainText('Caseworker');
  await expect(table.getByRole('row', { name: /Amal Testadmin/ })).toContainText('Administrator');
  await expect(table.getByRole('row', { name: /Basel Testworker/ })).toContainText(/([0-9A-F]{4}\s){7}[0-9A-F]{4}/);
  await shot(page, 'members-en');

  // The lock screen now asks who is unlocking; a wrong passphrase for B does not slow A down.
  await page.getByRole('button', { name: 'Lock vault' }).click();
  await unlockAs(page, /^\W*BT\W+·/, 'not the passphrase of B');
  await expect(page.getByRole('alert')).toContainText('That passphrase is not correct');
  await shot(page, 'members-lock-en');
  await unlockAs(page, /^\W*BT\W+·/, B_PASS);
  await expect(page.getByRole('status', { name: 'Working: Basel Testworker' })).toBeVisible({ timeout: 20_000 });
  await newCase(page, 'Hadi Testperson', 'هادي');

  // A caseworker cannot change the team: the screen says so, and offers nothing to change.
  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByText('Only an administrator can add, change or remove members.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add a member…' })).toHaveCount(0);

  // The audit log names who signed each entry.
  await page.getByRole('link', { name: 'Audit log' }).click();
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log.getByRole('row').filter({ hasText: 'Signed by Basel Testworker' }).first()).toBeVisible();
  await expect(log.getByRole('row').filter({ hasText: 'Signed by Amal Testadmin' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Verify audit log' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'signed by a member who was allowed' })).toBeVisible({
    timeout: 30_000,
  });

  // A removes B: B is gone from the lock screen and their passphrase opens nothing.
  await page.getByRole('button', { name: 'Lock vault' }).click();
  await unlockAs(page, /^\W*Administrator\W+·/, A_PASS);
  await expect(page.getByRole('status', { name: 'Working: Amal Testadmin' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('button', { name: 'Remove Basel Testworker' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove member' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Basel Testworker was removed.' })).toBeVisible();
  await expect(table.getByRole('row', { name: /Basel Testworker/ })).toContainText('Removed');
  await expect(page.getByRole('button', { name: 'Remove Amal Testadmin' })).toHaveCount(0);

  await switchToArabic(page);
  await page.getByRole('link', { name: 'الأعضاء' }).click();
  await expect(page.getByRole('table', { name: 'أعضاء هذه الخزنة' })).toBeVisible();
  await shot(page, 'members-ar');
  await page.getByRole('link', { name: 'سجل التدقيق' }).click();
  await expect(page.getByText(/وقّعه Amal Testadmin/).first()).toBeVisible();
  await shot(page, 'members-audit-ar');
  await page.getByRole('button', { name: 'قفل الخزنة' }).click();
  // Only one member left: no choice to make.
  await expect(page.getByRole('combobox', { name: 'من يفتح الخزنة؟' })).toHaveCount(0);
  await page.getByLabel(/^عبارة المرور/).fill(B_PASS);
  await page.getByRole('button', { name: 'فتح' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await shot(page, 'members-lock-ar');
});

test('a member removed after the organisation’s signing key was made: the key is to be replaced, and is, in Arabic', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await createNamedVault(page, 'Amal Testadmin', A_PASS);
  await page.getByRole('link', { name: 'Recipients and keys' }).click();
  await page.getByLabel('Organisation name').fill('Test Documentation Centre');
  await page.getByRole('button', { name: 'Generate signing key' }).click();
  const signing = page.getByRole('region', { name: 'Your organisation’s signing key' });
  const fingerprint = signing.getByText(/^([0-9A-F]{4}\s){9}[0-9A-F]{4}$/);
  const before = await fingerprint.textContent();
  // Nothing to replace while no one who held it has left.
  await expect(signing.getByRole('alert')).toHaveCount(0);

  await addMember(page, 'Basel Testworker', 'BT', ['Caseworker'], B_PASS);
  await page.getByRole('button', { name: 'Remove Basel Testworker' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove member' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Basel Testworker was removed.' })).toBeVisible();

  await switchToArabic(page);
  await page.getByRole('link', { name: 'الجهات المستلمة والمفاتيح' }).click();
  const region = page.getByRole('region', { name: 'مفتاح التوقيع الخاص بمنظمتك' });
  await expect(region.getByRole('alert')).toContainText('أُزيل منذ صُنع هذا المفتاح: Basel Testworker.');
  await shot(page, 'signing-key-replace-ar');
  await region.getByRole('button', { name: 'استبدال مفتاح التوقيع…' }).click();
  await region.getByLabel('اسم المنظمة').fill('Test Documentation Centre');
  await region.getByRole('button', { name: 'إنشاء مفتاح توقيع' }).click();
  await expect(region.getByRole('alert')).toHaveCount(0);
  const after = region.getByText(/^([0-9A-F]{4}\s){9}[0-9A-F]{4}$/);
  await expect(after).toBeVisible();
  expect(await after.textContent()).not.toBe(before);
  // One key, the new one: the old one is no longer the organisation's.
  await expect(after).toHaveCount(1);
});
