import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addDevice, SYNC_DB, type DeviceCredentials } from '../../sync-server/admin';
import { startSyncServer, type SyncServer } from '../sync/server-process';
import { createVault, newCase, shot, switchToArabic } from './helpers';

/** What must never reach the server in clear: names in both scripts, a phone number, a safety note. */
const LATIN = 'Zubaida Canarywoman';
const ARABIC = 'زبيدة الكناري';
const PHONE = '+963 944 123 987';
const SAFETY = 'Safety: never call before noon';

let server: SyncServer;
let device: DeviceCredentials;
test.beforeEach(async () => {
  server = await startSyncServer();
  device = await addDevice(server.admin, 'laptop-a');
});
test.afterEach(async () => {
  await server.stop();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Everything the server's operator could look at: its answers, its files, and each document's one field decoded. */
async function serverHoldings(): Promise<Buffer[]> {
  const auth = {
    authorization: `Basic ${Buffer.from(`${server.admin.user}:${server.admin.password}`).toString('base64')}`,
  };
  const all = await (await fetch(`${server.url}/${SYNC_DB}/_all_docs?include_docs=true`, { headers: auth })).text();
  const docs = (JSON.parse(all) as { rows: Array<{ doc: { c?: string } }> }).rows;
  return [
    Buffer.from(all),
    ...docs.map((r) => Buffer.from(r.doc.c ?? '', 'base64')),
    ...filesUnder(server.dir).map((f) => readFileSync(f)),
  ];
}

async function connect(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  const panel = page.getByRole('region', { name: 'Sync server' });
  await panel.getByLabel('Server address').fill(server.url);
  await panel.getByLabel('Device user name').fill(device.user);
  await panel.getByLabel(/^Device password/).fill(device.password);
  await panel.getByRole('button', { name: 'Connect and send' }).click();
}

test('a device sends its work to the sync server as ciphertext only, says so in the header, and catches up after the server was down', async ({
  page,
}) => {
  await createVault(page);
  await connect(page);
  const badge = page.getByRole('status', { name: /^Sync: / });
  await expect(badge).toHaveText('Synced', { timeout: 20_000 });

  await newCase(page, LATIN, ARABIC);
  await page.getByRole('tab', { name: 'People and contacts' }).click();
  await page.getByRole('button', { name: 'Add family contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Family contact' });
  await dialog.getByLabel('Safety notes').fill(SAFETY);
  await dialog.getByLabel(/^Name/).fill('Relative Canaryname');
  await dialog.getByLabel('Relationship to the person').fill('sister');
  const phones = dialog.getByRole('combobox', { name: 'Phone numbers' });
  await phones.fill(PHONE);
  await phones.press('Enter');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(badge).toHaveText('Synced', { timeout: 20_000 });
  await shot(page, 'sync-header-synced-en');

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('Synced: the server has everything');
  await shot(page, 'sync-settings-en');

  // The server goes away: the work is saved here, the header says since when, and it is sent once it is back.
  await server.stop('SIGKILL');
  await newCase(page, 'Second Person', 'شخص ثان');
  await expect(badge).toContainText('Offline since', { timeout: 20_000 });
  await shot(page, 'sync-offline-en');
  server = await startSyncServer({ dir: server.dir, port: server.port });
  await expect(badge).toHaveText('Synced', { timeout: 60_000 });

  for (const canary of [LATIN, ARABIC, PHONE, SAFETY, 'Relative Canaryname', 'Second Person', 'شخص ثان'])
    for (const held of await serverHoldings()) expect(held.includes(Buffer.from(canary)), canary).toBe(false);

  await switchToArabic(page);
  const ar = page.getByRole('region', { name: 'خادم المزامنة' });
  await expect(ar.getByRole('status', { name: 'حالة المزامنة' })).toContainText('متزامن');
  await expect(page.getByRole('status', { name: /^المزامنة: / })).toHaveText('متزامن');
  await shot(page, 'sync-settings-ar');
});

test('a refused device password is named, with what to do, and nothing is marked sent', async ({ page }) => {
  await createVault(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  const panel = page.getByRole('region', { name: 'Sync server' });
  await panel.getByLabel('Server address').fill('http://192.0.2.7:5984');
  await expect(panel.getByText('A server on another computer must be reached over https.')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Connect and send' })).toBeDisabled();
  await panel.getByLabel('Server address').fill(server.url);
  await panel.getByLabel('Device user name').fill(device.user);
  await panel.getByLabel(/^Device password/).fill('not the password');
  await panel.getByRole('button', { name: 'Connect and send' }).click();
  await expect(panel.getByRole('status', { name: 'Sync status' })).toContainText(
    'The server refused this device’s user name or password',
    { timeout: 20_000 },
  );
  await expect(page.getByRole('status', { name: /^Sync: / })).toHaveText('Sync error');
});
