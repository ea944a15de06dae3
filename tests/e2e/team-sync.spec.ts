import { expect, test, type Page } from '@playwright/test';
import { addDevice } from '../../sync-server/admin';
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

  // The same on B, in Arabic.
  await switchToArabic(b);
  await b.getByRole('link', { name: 'الملفات' }).click();
  await expect(b.getByRole('row', { name: new RegExp(`^${reference} `) })).toBeVisible();
  await shot(b, 'team-sync-list-b-ar');
  await b.getByRole('link', { name: 'الأعضاء' }).click();
  await expect(b.getByRole('row', { name: /Amal Testadmin/ })).toContainText('يعمل على حاسوبه');
  await shot(b, 'team-sync-members-b-ar');
});
