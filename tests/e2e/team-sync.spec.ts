import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Download, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addDevice, revokeDevice } from '../../sync-server/admin';
import { startSyncServer, type SyncServer } from '../sync/server-process';
import { createNamedVault, newCase, shot, switchToArabic } from './helpers';

/**
 * Two laptops, each its own browser profile, and a real sync server on loopback: the administrator's laptop
 * invites the second, the member reads out its fingerprint, and from then on what each makes reaches the other.
 */
let server: SyncServer;
test.beforeEach(async () => {
  server = await startSyncServer();
});
test.afterEach(async () => {
  await server.stop();
});

const PASS_A = 'olive tram window seventeen';
const PASS_B = 'cedar lantern harbour ninety';

async function connect(page: Page, user: string, password: string): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  const panel = page.getByRole('region', { name: 'Sync server' });
  await panel.getByLabel('Server address').fill(server.url);
  await panel.getByLabel('Device user name').fill(user);
  await panel.getByLabel(/^Device password/).fill(password);
  await panel.getByRole('button', { name: 'Connect and send' }).click();
  await expect(page.getByRole('status', { name: /^Sync: / })).toHaveText('Synced', { timeout: 20_000 });
}

test('an administrator invites a second laptop, confirms its fingerprint by phone, and cases go both ways', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  const deviceA = await addDevice(server.admin, 'laptop-a');
  const deviceB = await addDevice(server.admin, 'laptop-b');

  await createNamedVault(a, 'Amal Testadmin', PASS_A);
  await connect(a, deviceA.user, deviceA.password);
  const reference = await newCase(a, 'Samir Fromoffice', 'سمير من المكتب');

  // A: the invitation, with the device user made for B on the server.
  await a.getByRole('link', { name: 'Members' }).click();
  await a.getByRole('button', { name: 'Invite a laptop…' }).click();
  const invite = a.getByRole('dialog', { name: 'Invite a member’s laptop' });
  await invite.getByLabel('Full name').fill('Basma Testcaseworker');
  await invite.getByLabel(/^Reference prefix for this laptop’s cases/).fill('bey');
  await invite.getByLabel(/^The laptop’s device user on the server/).fill(deviceB.user);
  await invite.getByLabel(/^The laptop’s device password/).fill(deviceB.password);
  await invite.getByRole('button', { name: 'Make the invitation code' }).click();
  const code = await invite.getByRole('textbox', { name: 'Invitation code' }).inputValue();
  expect(code).toMatch(/^ATHAR-INVITE-1:/);
  await shot(a, 'enrol-code-en');
  await a.keyboard.press('Escape');

  // B: a new laptop joins with the code and shows its fingerprint.
  await b.goto('/');
  await b.getByRole('button', { name: 'Join a team with an invitation…' }).click();
  await b.getByRole('textbox', { name: 'Invitation code' }).fill(code);
  await b.getByRole('button', { name: 'Ask to join' }).click();
  const fingerprint = (await b.getByLabel('This laptop’s fingerprint').textContent())!.trim().replace(/\s+/g, ' ');
  expect(fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
  await expect(b.getByRole('status').filter({ hasText: 'Waiting for your administrator' })).toBeVisible();
  await shot(b, 'enrol-fingerprint-en');

  // A: the laptop has asked; a wrong reading lets nothing in, the right one does.
  const row = a.getByRole('row', { name: /Basma Testcaseworker/ });
  await expect(row).toContainText('The laptop has asked', { timeout: 20_000 });
  await a.getByRole('button', { name: 'Confirm the laptop of Basma Testcaseworker' }).click();
  const confirm = a.getByRole('dialog', { name: 'Confirm the laptop of Basma Testcaseworker' });
  const wrong = fingerprint.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  await confirm.getByLabel(/^Fingerprint read out by the member/).fill(wrong);
  await confirm.getByRole('button', { name: 'Confirm and let the laptop in' }).click();
  await expect(confirm.getByRole('alert')).toContainText('That is not this laptop’s fingerprint');
  await shot(a, 'enrol-mismatch-en');
  await confirm.getByLabel(/^Fingerprint read out by the member/).fill(fingerprint.toLowerCase());
  await confirm.getByRole('button', { name: 'Confirm and let the laptop in' }).click();
  await expect(a.getByRole('status').filter({ hasText: 'laptop was let in' })).toBeVisible({ timeout: 20_000 });
  await expect(a.getByRole('row', { name: /Basma Testcaseworker/ }).first()).toContainText('Works on their own laptop');

  // B: its own passphrase; then the team's records arrive, and the case made on A is in its list.
  await b.getByLabel('Name on the lock screen').fill('Basma');
  await b.getByLabel(/^Passphrase/).fill(PASS_B);
  await b.getByLabel(/^Repeat the passphrase/).fill(PASS_B);
  await b.getByRole('button', { name: 'Open the team’s vault' }).click();
  await expect(b.getByRole('heading', { name: 'Cases' })).toBeVisible({ timeout: 30_000 });
  await expect(b.getByRole('status', { name: 'Working: Basma Testcaseworker' })).toBeVisible();
  await expect(b.getByRole('row', { name: new RegExp(`^${reference} `) })).toBeVisible({ timeout: 20_000 });
  await shot(b, 'team-sync-list-b-en');

  // B makes a case: it reaches A.
  const fromB = await newCase(b, 'Nadia Frombeirut', 'نادية من بيروت');
  expect(fromB).toMatch(/^ATH-BEY-\d{4}-00001$/);
  await a.getByRole('link', { name: 'Cases' }).click();
  await expect(a.getByRole('row', { name: new RegExp(`^${fromB} `) })).toBeVisible({ timeout: 20_000 });

  // Nothing either laptop received was held back.
  await a.getByRole('link', { name: 'Settings' }).click();
  await expect(a.getByRole('status', { name: 'Sync status' })).toContainText('Synced');
  await expect(a.getByRole('heading', { name: 'Held back from other laptops (0)' })).toBeVisible();

  // Someone with the server's admin password writes a document of their own: both laptops hold it back, say why,
  // and apply nothing of it.
  const auth = `Basic ${Buffer.from(`${server.admin.user}:${server.admin.password}`).toString('base64')}`;
  const forged = await fetch(`${server.url}/athar/${'f'.repeat(32)}`, {
    method: 'PUT',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ v: 1, c: Buffer.alloc(8300, 7).toString('base64') }),
  });
  expect(forged.ok).toBe(true);
  const heldA = a.getByRole('region', { name: 'Sync server' }).getByRole('table', { name: /Held back/ });
  await expect(heldA).toContainText('It does not open with the team’s key', { timeout: 20_000 });
  await shot(a, 'sync-quarantine-en');

  // The same on B, in Arabic.
  await switchToArabic(b);
  await b.getByRole('link', { name: 'الملفات' }).click();
  await expect(b.getByRole('row', { name: new RegExp(`^${reference} `) })).toBeVisible();
  await shot(b, 'team-sync-list-b-ar');
  await b.getByRole('link', { name: 'الإعدادات' }).click();
  await expect(b.getByRole('table', { name: /ما حُجز من الحواسيب الأخرى/ })).toContainText('لا يُفتح بمفتاح الفريق', {
    timeout: 20_000,
  });
  await shot(b, 'sync-quarantine-ar');
  await b.getByRole('link', { name: 'الأعضاء' }).click();
  await expect(b.getByRole('row', { name: /Amal Testadmin/ })).toContainText('يعمل على حاسوبه');
  await shot(b, 'team-sync-members-b-ar');
});

test('removing a member, in Arabic: their laptop is named for the server, and nothing sent afterwards opens on it', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { a, b } = await twoLaptops(browser);
  await switchToArabic(a);
  await a.getByRole('link', { name: 'الأعضاء' }).click();
  await a.getByRole('button', { name: 'إزالة Basma Testcaseworker' }).click();
  const dialog = a.getByRole('dialog', { name: 'إزالة Basma Testcaseworker' });
  // The laptop's server user, to be revoked there, and the command that does it.
  await expect(dialog.getByRole('note')).toContainText('«laptop-b»');
  await expect(dialog.getByText('npm run sync-server -- revoke-device laptop-b --data <dir>')).toBeVisible();
  // Once the dialog has finished opening.
  await a.waitForTimeout(400);
  await shot(a, 'members-remove-remote-ar');
  await dialog.getByRole('button', { name: 'إزالة العضو' }).click();
  await expect(dialog).toBeHidden();

  // A's own vault is still under the key the team began with, which B's laptop knows: A is told to re-encrypt.
  await a.getByRole('link', { name: 'الإعدادات' }).click();
  await expect(a.getByRole('note').filter({ hasText: 'أُزيل عضو من الفريق' })).toBeVisible();
  await a.getByRole('heading', { name: 'إعادة تشفير الخزنة' }).scrollIntoViewIfNeeded();
  await shot(a, 'rekey-advised-ar');

  // What A sends from now on is sealed under a key B's laptop was not given: B holds it back, unread.
  await a.getByRole('link', { name: 'الملفات' }).click();
  await a.getByRole('button', { name: 'ملف جديد' }).first().click();
  await a.getByLabel('الاسم بالحروف العربية').fill('نبيل بعد الإزالة');
  await a.getByLabel('الاسم بالحروف اللاتينية').fill('Nabil Afterremoval');
  await a.getByRole('button', { name: 'حفظ' }).click();
  await expect(a.getByLabel('الرقم المرجعي')).toHaveText(/^ATH-\d{4}-\d{5}$/);
  const later = (await a.getByLabel('الرقم المرجعي').textContent())!;
  await shot(a, 'team-sync-after-removal-ar');
  await b.getByRole('link', { name: 'Settings' }).click();
  await expect(b.getByRole('table', { name: /Held back from other laptops/ })).toContainText(
    'It does not open with the team’s key',
    { timeout: 30_000 },
  );
  await b.getByRole('link', { name: 'Cases' }).click();
  await expect(b.getByRole('row', { name: new RegExp(`^${later} `) })).toHaveCount(0);

  // Revoked on the server, B's laptop is refused there, and says so.
  await revokeDevice(server.admin, 'laptop-b');
  await expect(b.getByRole('status', { name: /^Sync: / })).toHaveText('Sync error', { timeout: 30_000 });

  // A re-encrypts: the advice goes, and A's vault opens with nothing B's laptop ever held.
  await a.getByRole('link', { name: 'الإعدادات' }).click();
  const rekey = a.getByRole('form', { name: 'إعادة تشفير الخزنة' });
  await rekey.getByLabel('عبارة المرور الحالية').fill(PASS_A);
  await rekey.getByRole('button', { name: 'أعد تشفير الخزنة…' }).click();
  await expect(a.getByRole('heading', { name: 'الإعدادات' })).toBeVisible({ timeout: 60_000 });
  await expect(a.getByRole('note').filter({ hasText: 'أُزيل عضو من الفريق' })).toHaveCount(0);
  await expect(a.getByRole('status', { name: /^المزامنة: / })).toHaveText('متزامن', { timeout: 30_000 });
});

test('the whole enrolment in Arabic: the invitation, the fingerprint read out, the new laptop’s passphrase, and cases both ways', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  const deviceA = await addDevice(server.admin, 'laptop-a');
  const deviceB = await addDevice(server.admin, 'laptop-b');
  await createNamedVault(a, 'Amal Testadmin', PASS_A);
  await connect(a, deviceA.user, deviceA.password);
  await switchToArabic(a);

  await a.getByRole('link', { name: 'الأعضاء' }).click();
  await a.getByRole('button', { name: 'دعوة حاسوب…' }).click();
  const invite = a.getByRole('dialog', { name: 'دعوة حاسوب عضو' });
  await invite.getByLabel('الاسم الكامل').fill('باسمة اختبار');
  await invite.getByLabel(/^بادئة أرقام ملفات هذا الحاسوب/).fill('BEY');
  await invite.getByLabel(/^مستخدم جهاز الحاسوب على الخادم/).fill(deviceB.user);
  await invite.getByLabel(/^كلمة مرور جهاز الحاسوب/).fill(deviceB.password);
  await invite.getByRole('button', { name: 'أنشئ رمز الدعوة' }).click();
  const code = await invite.getByRole('textbox', { name: 'رمز الدعوة' }).inputValue();
  await shot(a, 'enrol-code-ar');
  await a.keyboard.press('Escape');

  await b.goto('/');
  await b.getByRole('radiogroup', { name: 'Interface language' }).getByText('العربية').click();
  await b.getByRole('button', { name: 'الانضمام إلى فريق بدعوة…' }).click();
  await b.getByRole('textbox', { name: 'رمز الدعوة' }).fill(code);
  await b.getByRole('button', { name: 'اطلب الانضمام' }).click();
  const fingerprint = (await b.getByLabel('بصمة هذا الحاسوب').textContent())!;
  await shot(b, 'enrol-fingerprint-ar');

  await a.getByRole('button', { name: 'تأكيد حاسوب باسمة اختبار' }).click({ timeout: 20_000 });
  const confirm = a.getByRole('dialog', { name: 'تأكيد حاسوب باسمة اختبار' });
  await confirm.getByLabel(/^البصمة كما قرأها العضو/).fill(fingerprint);
  await a.waitForTimeout(400);
  await shot(a, 'enrol-confirm-ar');
  await confirm.getByRole('button', { name: 'أكّد وأدخل الحاسوب' }).click();

  await b.getByLabel('الاسم على شاشة القفل').fill('Basma');
  await b
    .getByLabel(/^عبارة المرور/)
    .first()
    .fill(PASS_B);
  await b.getByLabel(/^أعد كتابة عبارة المرور/).fill(PASS_B);
  await shot(b, 'enrol-passphrase-ar');
  await b.getByRole('button', { name: 'افتح خزنة الفريق' }).click();
  await expect(b.getByRole('heading', { name: 'الملفات' })).toBeVisible({ timeout: 30_000 });

  // A case made on A appears on B, in Arabic; one made on B carries B's prefix and reaches A.
  await a.getByRole('link', { name: 'الملفات' }).click();
  await a.getByRole('button', { name: 'ملف جديد' }).first().click();
  await a.getByLabel('الاسم بالحروف العربية').fill('سمير من المكتب');
  await a.getByLabel('الاسم بالحروف اللاتينية').fill('Samir Fromoffice');
  await a.getByRole('button', { name: 'حفظ' }).click();
  const fromA = (await a.getByLabel('الرقم المرجعي').textContent())!;
  await expect(b.getByRole('row', { name: new RegExp(`^${fromA} `) })).toBeVisible({ timeout: 30_000 });
  await b.getByRole('button', { name: 'ملف جديد' }).first().click();
  await b.getByLabel('الاسم بالحروف العربية').fill('نادية من بيروت');
  await b.getByLabel('الاسم بالحروف اللاتينية').fill('Nadia Frombeirut');
  await b.getByRole('button', { name: 'حفظ' }).click();
  await expect(b.getByLabel('الرقم المرجعي')).toHaveText(/^ATH-BEY-\d{4}-\d{5}$/);
  const fromB = (await b.getByLabel('الرقم المرجعي').textContent())!;
  await a.getByRole('link', { name: 'الملفات' }).click();
  await expect(a.getByRole('row', { name: new RegExp(`^${fromB} `) })).toBeVisible({ timeout: 30_000 });
  await shot(a, 'team-sync-list-a-ar');
});

/** The founder's laptop A (connected, with one case) and laptop B enrolled into its team, both open. */
async function twoLaptops(browser: Browser): Promise<{ a: Page; b: Page; reference: string }> {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  const deviceA = await addDevice(server.admin, 'laptop-a');
  const deviceB = await addDevice(server.admin, 'laptop-b');
  await createNamedVault(a, 'Amal Testadmin', PASS_A);
  await connect(a, deviceA.user, deviceA.password);
  const reference = await newCase(a, 'Samir Fromoffice', 'سمير من المكتب');
  await a.getByRole('link', { name: 'Members' }).click();
  await a.getByRole('button', { name: 'Invite a laptop…' }).click();
  const invite = a.getByRole('dialog', { name: 'Invite a member’s laptop' });
  await invite.getByLabel('Full name').fill('Basma Testcaseworker');
  await invite.getByLabel(/^Reference prefix for this laptop’s cases/).fill('BEY');
  await invite.getByLabel(/^The laptop’s device user on the server/).fill(deviceB.user);
  await invite.getByLabel(/^The laptop’s device password/).fill(deviceB.password);
  await invite.getByRole('button', { name: 'Make the invitation code' }).click();
  const code = await invite.getByRole('textbox', { name: 'Invitation code' }).inputValue();
  await a.keyboard.press('Escape');
  await b.goto('/');
  await b.getByRole('button', { name: 'Join a team with an invitation…' }).click();
  await b.getByRole('textbox', { name: 'Invitation code' }).fill(code);
  await b.getByRole('button', { name: 'Ask to join' }).click();
  const fingerprint = (await b.getByLabel('This laptop’s fingerprint').textContent())!;
  await a.getByRole('button', { name: 'Confirm the laptop of Basma Testcaseworker' }).click({ timeout: 20_000 });
  const confirm = a.getByRole('dialog', { name: 'Confirm the laptop of Basma Testcaseworker' });
  await confirm.getByLabel(/^Fingerprint read out by the member/).fill(fingerprint);
  await confirm.getByRole('button', { name: 'Confirm and let the laptop in' }).click();
  await b.getByLabel('Name on the lock screen').fill('Basma');
  await b.getByLabel(/^Passphrase/).fill(PASS_B);
  await b.getByLabel(/^Repeat the passphrase/).fill(PASS_B);
  await b.getByRole('button', { name: 'Open the team’s vault' }).click();
  await expect(b.getByRole('row', { name: new RegExp(`^${reference} `) })).toBeVisible({ timeout: 30_000 });
  return { a, b, reference };
}

async function setSync(page: Page, action: 'Pause sync' | 'Resume sync'): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('region', { name: 'Sync server' }).getByRole('button', { name: action }).click();
}

async function openCase(page: Page, reference: string): Promise<void> {
  await page.getByRole('link', { name: 'Cases', exact: true }).click();
  await page.getByRole('row', { name: new RegExp(`^${reference} `) }).click();
  await expect(page.getByLabel('Reference')).toHaveText(reference);
}

test('a case changed on both laptops while apart shows its two versions on both, and one choice settles it', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { a, b, reference } = await twoLaptops(browser);
  await setSync(a, 'Pause sync');
  await setSync(b, 'Pause sync');

  await openCase(a, reference);
  await a.getByRole('combobox', { name: 'Priority' }).click();
  await a.getByRole('option', { name: 'Urgent' }).click();
  await a.getByRole('button', { name: 'Save' }).click();
  await expect(a.getByRole('status').filter({ hasText: /Saved/ }).first()).toBeVisible();
  await openCase(b, reference);
  const tags = b.getByRole('combobox', { name: 'Tags' });
  await tags.fill('from-beirut');
  await tags.press('Enter');
  await b.getByRole('button', { name: 'Save' }).click();
  await expect(b.getByRole('status').filter({ hasText: /Saved/ }).first()).toBeVisible();

  await setSync(a, 'Resume sync');
  await setSync(b, 'Resume sync');
  // Both laptops keep both versions; neither was written over.
  for (const page of [a, b])
    await expect(page.getByRole('heading', { name: 'Versions to choose from (1)' })).toBeVisible({ timeout: 30_000 });
  await openCase(b, reference);
  await expect(b.getByRole('alert').filter({ hasText: 'This case has 2 versions' })).toBeVisible();
  await shot(b, 'sync-conflict-case-en');

  // On A, a person compares them field by field and takes A's priority and B's tags.
  await a.getByRole('link', { name: 'Settings' }).click();
  await a.getByRole('button', { name: new RegExp(`^Choose between the versions of .*${reference}$`) }).click();
  const chooser = a.getByRole('dialog', { name: `Choose between the versions of ${reference}` });
  await chooser
    .getByRole('radiogroup', { name: 'Priority' })
    .getByRole('radio', { name: /On this laptop/ })
    .check();
  await chooser
    .getByRole('radiogroup', { name: 'Tags' })
    .getByRole('radio', { name: /By Basma Testcaseworker/ })
    .check();
  await shot(a, 'sync-conflict-chooser-en');
  await chooser.getByRole('button', { name: 'Save my choice' }).click();
  await expect(a.getByRole('heading', { name: 'Versions to choose from (0)' })).toBeVisible();

  // The choice reaches B and settles it there too.
  await b.getByRole('link', { name: 'Settings' }).click();
  await expect(b.getByRole('heading', { name: 'Versions to choose from (0)' })).toBeVisible({ timeout: 30_000 });
  await openCase(b, reference);
  await expect(b.getByRole('combobox', { name: 'Priority' })).toHaveValue('Urgent');
  await expect(b.getByText('from-beirut')).toBeVisible();
  // What A's chain brought, the choice included, is checked again on B, link by link and signature by signature.
  await b.getByRole('link', { name: 'Audit log' }).click();
  await b.getByRole('button', { name: 'Verify audit log' }).click();
  await expect(b.getByRole('status').filter({ hasText: 'The audit log is intact' })).toBeVisible({ timeout: 30_000 });
  await expect(b.getByText(/^What 1 other laptop\(s\) sent was checked again: \d+ entries/)).toBeVisible();
  // And listed, apart from B's own chain: A's change of the case's priority, and the choice that settled it.
  const others = b.getByRole('table', { name: /^What other laptops did \(\d+\)$/ });
  const byAmal = others.getByRole('row').filter({ hasText: 'Amal Testadmin' });
  await expect(byAmal.filter({ hasText: /Updated\s*Case.*priority/ }).first()).toBeVisible();
  await expect(byAmal.filter({ hasText: 'Kept beside, to choose' })).toHaveCount(1);
  await switchToArabic(b);
  await b.getByRole('link', { name: 'سجل التدقيق' }).click();
  await b.getByRole('button', { name: 'التحقق من سجل التدقيق' }).click();
  await expect(b.getByText(/^أُعيد التحقق مما أرسلته الحواسيب الأخرى/)).toBeVisible({ timeout: 30_000 });
  await expect(b.getByRole('table', { name: /^ما فعلته الحواسيب الأخرى/ })).toContainText('أُبقي جانبًا للاختيار');
  await shot(b, 'sync-audit-others-ar');
  await b.getByRole('link', { name: 'الإعدادات' }).click();
  await expect(b.getByRole('heading', { name: 'نسخ للاختيار بينها (0)' })).toBeVisible();
});

test('an event deleted on one laptop while the other changes it is kept on both until a person chooses, in Arabic there', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { a, b, reference } = await twoLaptops(browser);
  // Events are an investigator's to write: A gives Basma the role too.
  await a.getByRole('link', { name: 'Members' }).click();
  await a.getByRole('button', { name: 'Roles of Basma Testcaseworker' }).click();
  const roles = a.getByRole('dialog', { name: 'Roles of Basma Testcaseworker' });
  await roles.getByRole('checkbox', { name: /^Investigator/ }).check();
  await roles.getByRole('button', { name: 'Save roles' }).click();
  await openCase(a, reference);
  await a.getByRole('tab', { name: 'Events' }).click();
  await a.getByRole('button', { name: 'Add event' }).click();
  const made = a.getByRole('dialog', { name: 'Event' });
  await made.getByRole('combobox', { name: 'What happened' }).click();
  await a.getByRole('option', { name: 'Arrest', exact: true }).click();
  await made.getByLabel('When').fill('2013-04-02');
  await made.getByLabel('Description').fill('Taken at the checkpoint');
  await made.getByRole('button', { name: 'Save' }).click();
  await expect(made).toBeHidden();
  await openCase(b, reference);
  await b.getByRole('tab', { name: 'Events' }).click();
  await expect(b.getByText('Taken at the checkpoint')).toBeVisible({ timeout: 30_000 });
  await setSync(a, 'Pause sync');
  await setSync(b, 'Pause sync');

  await openCase(a, reference);
  await a.getByRole('tab', { name: 'Events' }).click();
  await a.getByRole('button', { name: /^Delete event: / }).click();
  await a.getByRole('dialog', { name: 'Delete event' }).getByRole('button', { name: 'Delete event' }).click();
  await expect(a.getByText('Taken at the checkpoint')).toBeHidden();
  await openCase(b, reference);
  await b.getByRole('tab', { name: 'Events' }).click();
  await b.getByRole('button', { name: /^Edit event: / }).click();
  const edit = b.getByRole('dialog', { name: 'Event' });
  await edit.getByLabel('Description').fill('Taken at the checkpoint, then to the airport');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();

  await setSync(a, 'Resume sync');
  await setSync(b, 'Resume sync');
  // Neither undid the other: A keeps it deleted, B keeps its change, and each holds the other's beside its own.
  for (const page of [a, b])
    await expect(page.getByRole('heading', { name: 'Versions to choose from (1)' })).toBeVisible({ timeout: 30_000 });
  await a.getByRole('button', { name: 'Choose between the versions of Events: Arrest' }).click();
  const onA = a.getByRole('dialog', { name: 'Choose between the versions of Arrest' });
  await expect(onA.getByRole('radiogroup', { name: /Keep it, or delete it\?$/ })).toBeVisible();
  await expect(onA.getByRole('radio', { name: /^Delete it \(Deleted on this laptop, / })).toBeVisible();
  await expect(onA.getByRole('radio', { name: /^Keep the record \(By Basma Testcaseworker, / })).toBeVisible();
  await shot(a, 'sync-conflict-deleted-en');
  await a.keyboard.press('Escape');

  // On B, in Arabic, a person chooses the deletion; it is signed, sent and settles it on A too.
  await switchToArabic(b);
  await b.getByRole('button', { name: 'الاختيار بين نسخ الوقائع: اعتقال' }).click();
  const onB = b.getByRole('dialog', { name: 'الاختيار بين نسخ اعتقال' });
  await onB.getByRole('radio', { name: /^الحذف \(حذفه Amal Testadmin، / }).check();
  await shot(b, 'sync-conflict-deleted-ar');
  await onB.getByRole('button', { name: 'احفظ اختياري' }).click();
  await expect(b.getByRole('heading', { name: 'نسخ للاختيار بينها (0)' })).toBeVisible();
  await expect(a.getByRole('heading', { name: 'Versions to choose from (0)' })).toBeVisible({ timeout: 30_000 });
  await openCase(a, reference);
  await a.getByRole('tab', { name: 'Events' }).click();
  await expect(a.getByText(/Taken at the checkpoint/)).toBeHidden();
  await expect(a.getByText('No events yet.', { exact: false })).toBeVisible();
});

test('an evidence original taken in on one laptop reaches the other in pieces and verifies there, in Arabic', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { a, b, reference } = await twoLaptops(browser);
  await switchToArabic(b);
  await setSyncArabic(b, 'أوقف المزامنة مؤقتاً');

  // A takes in a recording of 24 MiB: six chunks on the server.
  await openCase(a, reference);
  await a.getByRole('tab', { name: 'Evidence' }).click();
  const bytes = Buffer.alloc(24 * 1024 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 11)) & 0xff;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await a
    .getByLabel('Files to add as evidence')
    .setInputFiles({ name: 'interview-recording.mp4', mimeType: 'video/mp4', buffer: bytes });
  await expect(a.getByRole('status').filter({ hasText: 'interview-recording.mp4 was added.' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(a.getByRole('status', { name: /^Sync: / })).toHaveText('Synced', { timeout: 60_000 });

  // B, in Arabic: the record and its original come; the original is checked against its signed hashes.
  await setSyncArabic(b, 'استأنف المزامنة');
  await b.getByRole('link', { name: 'الملفات' }).click();
  await b.getByRole('row', { name: new RegExp(`^${reference} `) }).click();
  await b.getByRole('tab', { name: 'الأدلة' }).click();
  const card = b.getByRole('article', { name: 'interview-recording.mp4' });
  await expect(card).toContainText(sha256, { timeout: 60_000 });
  await expect(card.getByRole('status').filter({ hasText: 'ما زال هذا الأصل يصل' })).toBeHidden({ timeout: 60_000 });
  await expect(b.getByRole('status', { name: /^المزامنة: / })).toHaveText('متزامن', { timeout: 60_000 });
  await card.getByRole('button', { name: 'التحقق من السلامة: interview-recording.mp4' }).click();
  await expect(card.getByRole('status').filter({ hasText: 'تم التحقق' })).toBeVisible({ timeout: 30_000 });
  await shot(b, 'sync-evidence-b-ar');
});

async function setSyncArabic(page: Page, action: string): Promise<void> {
  await page.getByRole('link', { name: 'الإعدادات' }).click();
  await page.getByRole('region', { name: 'خادم المزامنة' }).getByRole('button', { name: action }).click();
}

test('a package from another of the team’s offices is recognised as records the team’s sync already carried', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const work = mkdtempSync(join(tmpdir(), 'athar-team-package-'));
  const { a, b, reference } = await twoLaptops(browser);
  // The organisation's signing key, made on A; an office of the team as a recipient of its own packages.
  await a.getByRole('link', { name: 'Recipients and keys' }).click();
  await a.getByLabel('Organisation name').fill('Test Documentation Centre');
  await a.getByRole('button', { name: 'Generate signing key' }).click();
  const download = a.waitForEvent('download');
  await a.getByRole('link', { name: 'Export public key (.asc)' }).click();
  const ownKey = join(work, 'own.asc');
  await (await download).saveAs(ownKey);
  await a.getByRole('button', { name: 'Add recipient' }).click();
  const dialog = a.getByRole('dialog', { name: 'Recipient' });
  await dialog.getByLabel('Mechanism or unit').fill('Our Beirut office');
  await dialog.getByLabel('Their OpenPGP public key').fill(readFileSync(ownKey, 'utf8'));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await openCase(a, reference);
  await a.getByRole('button', { name: 'Export package…' }).click();
  await a.getByRole('combobox', { name: 'Recipient' }).click();
  await a.getByRole('option', { name: 'Our Beirut office' }).click();
  const downloads: Download[] = [];
  a.on('download', (d) => downloads.push(d));
  await a.getByRole('button', { name: 'Produce package…' }).click();
  await expect(a.getByRole('status').filter({ hasText: 'Package produced' })).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => downloads.length).toBe(2);
  const pkg = join(work, 'package.tar.gpg');
  await downloads.find((d) => d.suggestedFilename().endsWith('.tar.gpg'))!.saveAs(pkg);

  // B has the case through sync, and has changed it since: the package's version is an earlier one.
  await expect(a.getByRole('status', { name: /^Sync: / })).toHaveText('Synced', { timeout: 30_000 });
  await openCase(b, reference);
  await b.getByRole('combobox', { name: 'Priority' }).click();
  await b.getByRole('option', { name: 'Urgent' }).click();
  await b.getByRole('button', { name: 'Save' }).click();
  await expect(b.getByRole('status').filter({ hasText: /Saved/ }).first()).toBeVisible();

  await b.getByRole('link', { name: 'Open a package' }).click();
  const chooser = b.waitForEvent('filechooser');
  await b.getByRole('button', { name: /Package file/ }).click();
  await (await chooser).setFiles(pkg);
  await b.getByRole('button', { name: 'Check package' }).click();
  const plan = b.getByRole('table', { name: 'What the import would do' });
  await expect(plan.getByRole('columnheader', { name: 'Already in the team’s history' })).toBeVisible({
    timeout: 60_000,
  });
  // The case, changed here since, is not offered as a conflict: sync carried its version, and a later one.
  await expect(plan.getByRole('row', { name: /^Cases/ })).toHaveText(/^Cases\s*0\s*0\s*1\s*0$/);
  await expect(b.getByRole('heading', { name: /^Conflicts/ })).toHaveCount(0);
  await shot(b, 'team-package-synced-en');
  await b.getByRole('button', { name: 'Import' }).click();
  await expect(b.getByRole('status').filter({ hasText: 'Imported' })).toContainText(
    'already in the team’s history through sync',
  );
  await openCase(b, reference);
  await expect(b.getByRole('combobox', { name: 'Priority' })).toHaveValue('Urgent');
  rmSync(work, { recursive: true, force: true });
});
