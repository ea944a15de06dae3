import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVault, newCase, shot } from './helpers';

async function open(profile: string, info: TestInfo): Promise<BrowserContext> {
  const use = info.project.use;
  return chromium.launchPersistentContext(profile, {
    ...use.launchOptions,
    ...(use.baseURL ? { baseURL: use.baseURL } : {}),
    viewport: use.viewport ?? null,
  });
}

// Chromium deletes an IndexedDB database it finds damaged and starts it empty. The app must not then greet the
// caseworker with "create your vault" as if nothing had been there: it says what happened and offers the backup.
test('a vault the browser engine deleted as damaged is named at start, with the way to a backup', async ({}, info) => {
  test.setTimeout(120_000);
  const profile = mkdtempSync(join(tmpdir(), 'athar-lost-'));
  try {
    let context = await open(profile, info);
    let page = context.pages()[0] ?? (await context.newPage());
    await createVault(page);
    await newCase(page, 'Lost Vault Testperson', 'شخص خزنة مفقودة');
    await context.close();

    // Garbage in LevelDB's manifest: damage the engine cannot recover from.
    const root = join(profile, 'Default', 'IndexedDB');
    const db = join(
      root,
      readdirSync(root).find((f) => f.endsWith('.indexeddb.leveldb'))!,
    );
    const manifest = join(
      db,
      readdirSync(db).find((f) => f.startsWith('MANIFEST-'))!,
    );
    writeFileSync(manifest, Buffer.alloc(statSync(manifest).size, 0x5a));

    context = await open(profile, info);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    const alert = page.getByRole('alert').filter({ hasText: 'deleted by the storage engine' });
    await expect(alert).toBeVisible({ timeout: 20_000 });
    await expect(alert).toContainText('Restore your newest encrypted backup');
    await shot(page, 'vault-lost-en');
    await page.getByRole('radiogroup', { name: 'Interface language' }).getByText('العربية').click();
    await expect(page.getByRole('alert').filter({ hasText: 'حذف محرّك التخزين خزنتك' })).toBeVisible();
    await shot(page, 'vault-lost-ar');
    await page.getByRole('radiogroup', { name: 'لغة الواجهة' }).getByText('English').click();
    await alert.getByRole('button', { name: /Restore from a backup/ }).click();
    await expect(page.getByRole('heading', { name: 'Restore from a backup' })).toBeVisible();

    // The engine says it only once; the app keeps saying it, after a reload and a new start, until a vault is
    // made or restored.
    await page.reload();
    await expect(alert).toBeVisible({ timeout: 20_000 });
    await context.close();
    context = await open(profile, info);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await expect(page.getByRole('alert').filter({ hasText: 'deleted by the storage engine' })).toBeVisible({
      timeout: 20_000,
    });
    const mark = (): Promise<string | null> => page.evaluate(() => localStorage.getItem('athar.vault-lost'));
    expect(await mark()).not.toBeNull();
    await createVault(page);
    expect(await mark()).toBeNull();
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
