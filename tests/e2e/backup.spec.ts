import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVault, newCase, PASSPHRASE, shot } from './helpers';

const NEW_PASS = 'a new passphrase for the new computer';

async function chooseBackup(page: Page, file: string, label: RegExp): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: label }).click();
  await (await chooser).setFiles(file);
}

test('a backup made in Settings restores into a new vault with its records, files and audit chain; a wrong passphrase or a damaged backup leaves nothing', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const work = mkdtempSync(join(tmpdir(), 'athar-backup-e2e-'));
  try {
    await createVault(page);
    await newCase(page, 'Hala Testperson', 'هالة الاختبار');
    await page.getByRole('tab', { name: 'Evidence' }).click();
    const original = randomBytes(3 * 1024 * 1024 + 5);
    await page
      .getByLabel('Files to add as evidence')
      .setInputFiles({ name: 'letter.jpg', mimeType: 'image/jpeg', buffer: original });
    await expect(page.getByRole('status').filter({ hasText: 'letter.jpg was added.' })).toBeVisible();

    await page.getByRole('link', { name: 'Settings' }).click();
    const panel = page.getByRole('region', { name: 'Backups' });
    await panel.getByRole('button', { name: 'Back up now' }).click();
    await expect(panel.getByRole('alert')).toContainText('Make a recovery phrase first.');
    await panel.getByRole('button', { name: 'Make a recovery phrase' }).click();
    const phrase = (await panel.getByRole('note', { name: 'Recovery phrase', exact: true }).textContent())!.trim();
    expect(phrase).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    await shot(page, 'backup-recovery-phrase-en');
    await panel
      .getByLabel('Type the recovery phrase to confirm you have it')
      .fill(phrase.replace(/.$/, (c) => (c === '0' ? '1' : '0')));
    await panel.getByRole('button', { name: 'Use this recovery phrase' }).click();
    await expect(panel.getByText('That is not the phrase shown above.')).toBeVisible();
    await panel.getByLabel('Type the recovery phrase to confirm you have it').fill(phrase.toLowerCase());
    await panel.getByRole('button', { name: 'Use this recovery phrase' }).click();
    await expect(panel.getByText(/A recovery phrase is set/)).toBeVisible();
    await expect(panel.getByRole('note', { name: 'Recovery phrase', exact: true })).toHaveCount(0);
    await expect(
      panel.getByRole('checkbox', { name: /Include the secret of the organisation’s key/ }),
    ).not.toBeChecked();
    await panel
      .getByRole('radiogroup', { name: /Automatic backups/ })
      .getByText('Daily')
      .click();

    // To the backup folder (here the browser's private storage), then a copy saved where the user chooses.
    await panel.getByRole('button', { name: 'Back up now' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Backup saved' })).toContainText(
      'athar-backups/athar-backup-',
    );
    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Save a backup as…' }).click();
    const backupFile = join(work, (await download).suggestedFilename());
    await (await download).saveAs(backupFile);
    await expect(panel.getByText(/Last backup:/)).toBeVisible();
    await shot(page, 'backup-settings-en');

    // Without Athar: argon2 and GnuPG, as the README's script does it.
    const home = join(work, 'gnupg');
    spawnSync('mkdir', ['-m', '700', home]);
    const opened = spawnSync('bash', ['docs/recovery/open-backup.sh', backupFile, join(work, 'b.tar')], {
      env: { ...process.env, GNUPGHOME: home, ATHAR_RECOVERY_PHRASE: phrase },
    });
    expect(opened.status, opened.stderr.toString()).toBe(0);

    // A new computer: restore.
    const fresh = await (await browser.newContext()).newPage();
    await fresh.goto('/');
    await fresh.getByRole('button', { name: 'Restore from a backup…' }).click();
    await chooseBackup(fresh, backupFile, /Backup file/);
    await fresh.getByLabel('Recovery phrase (or an older backup’s passphrase)').fill('not the right passphrase');
    await fresh.getByRole('button', { name: 'Check backup' }).click();
    await expect(fresh.getByRole('alert')).toContainText('The passphrase does not open this package.');

    const damaged = readFileSync(backupFile);
    damaged[damaged.length - 100]! ^= 0x01;
    writeFileSync(join(work, 'damaged.tar.gpg'), damaged);
    await chooseBackup(fresh, join(work, 'damaged.tar.gpg'), /Backup file/);
    await fresh.getByLabel('Recovery phrase (or an older backup’s passphrase)').fill(phrase);
    await fresh.getByRole('button', { name: 'Check backup' }).click();
    await expect(fresh.getByRole('alert')).toContainText('damaged, cut short or has been altered');

    await chooseBackup(fresh, backupFile, /Backup file/);
    await fresh.getByRole('button', { name: 'Check backup' }).click();
    const report = fresh.getByRole('list', { name: 'What the backup holds' });
    await expect(report).toContainText('1 cases');
    await expect(report).toContainText('1 original file(s)');
    await expect(report).toContainText('intact and matching its recorded head');
    await expect(report).toContainText('Members: Administrator. The restore makes you a new administrator');
    await shot(fresh, 'restore-report-en');
    await fresh.getByLabel('Passphrase for the new vault', { exact: true }).fill(NEW_PASS);
    await fresh.getByLabel('Passphrase for the new vault, again').fill(NEW_PASS);
    await fresh.getByRole('button', { name: 'Restore into a new vault' }).click();
    await expect(fresh.getByRole('heading', { name: 'Cases' })).toBeVisible({ timeout: 30_000 });
    await fresh.getByText('Hala Testperson').click();
    await fresh.getByRole('tab', { name: 'Evidence' }).click();
    const card = fresh.getByRole('article', { name: 'letter.jpg' });
    await expect(card.getByRole('list', { name: 'Chain of custody' })).toContainText('Restored from backup');
    await card.getByRole('button', { name: 'Verify integrity' }).click();
    await expect(card).toContainText('hashes match');
    await fresh.getByRole('link', { name: 'Audit log' }).click();
    await fresh.getByRole('button', { name: 'Verify audit log' }).click();
    await expect(fresh.getByRole('status').filter({ hasText: 'The audit log is intact' })).toBeVisible();
    // The backup carried its member's record, not their slot: the Members screen says so and offers the reset.
    await fresh.getByRole('link', { name: 'Members' }).click();
    const cannot = fresh.getByRole('note').filter({ hasText: 'Members who cannot unlock here' });
    await expect(cannot).toContainText('Administrator: no key slot on this computer');
    await fresh.getByRole('button', { name: 'Reset passphrase of Administrator' }).click();
    const dialog = fresh.getByRole('dialog', { name: 'New passphrase for Administrator' });
    await expect(dialog.getByLabel('Name on the lock screen')).toBeVisible();
    await shot(fresh, 'restore-members-without-slot-en');
    await fresh.keyboard.press('Escape');

    // The restored vault opens with the new passphrase, not the old one.
    await fresh.getByRole('button', { name: 'Lock vault' }).click();
    await fresh.getByLabel(/^Passphrase/).fill(PASSPHRASE);
    await fresh.getByRole('button', { name: 'Unlock' }).click();
    await expect(fresh.getByRole('alert')).toContainText('not correct');
    await fresh.context().close();

    // The restore screen in Arabic.
    const ar = await (await browser.newContext()).newPage();
    await ar.goto('/');
    await ar.getByRole('radiogroup').getByText('العربية').click();
    await ar.getByRole('button', { name: 'استعادة من نسخة احتياطية…' }).click();
    await chooseBackup(ar, backupFile, /ملف النسخة الاحتياطية/);
    await ar.getByLabel('عبارة الاسترداد (أو عبارة مرور نسخة أقدم)').fill(phrase);
    await ar.getByRole('button', { name: 'افحص النسخة' }).click();
    await expect(ar.getByRole('list', { name: 'ما تحويه النسخة' })).toContainText('سليمة');
    await shot(ar, 'restore-report-ar');
    await ar.context().close();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('a restore cut short by a crash is never opened as a vault: it is offered for discarding, in both languages', async ({
  page,
}) => {
  await createVault(page);
  // What a restore leaves when the app dies part-way: a header and the unfinished mark.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('athar-vault');
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').put({ id: 'restore-pending', value: { startedAt: new Date().toISOString() } });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  await expect(page.getByRole('heading', { name: 'A restore did not finish' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('it will not be opened');
  await page.getByRole('radiogroup').getByText('العربية').click();
  await expect(page.getByRole('heading', { name: 'لم تكتمل عملية استعادة' })).toBeVisible();
  await shot(page, 'restore-interrupted-ar');
  await page.getByRole('button', { name: 'تخلّص منها وابدأ من جديد' }).click();
  await expect(page.getByRole('button', { name: 'استعادة من نسخة احتياطية…' })).toBeVisible();
});
