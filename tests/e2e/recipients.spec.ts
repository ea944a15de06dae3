import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { createVault, shot } from './helpers';

// A recipient's key made with GnuPG, as a mechanism would send it.
function gpgKey(): { publicKey: string; privateKey: string; fingerprint: string } {
  const home = mkdtempSync(join(tmpdir(), 'athar-gpg-e2e-'));
  const gpg = (...a: string[]): string =>
    execFileSync('gpg', [
      '--homedir',
      home,
      '--batch',
      '--quiet',
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      '',
      ...a,
    ]).toString('utf8');
  try {
    gpg('--quick-gen-key', 'Test Mechanism Intake <intake@mechanism.example>', 'default', 'default', 'never');
    const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(
      gpg('--with-colons', '--fingerprint', 'intake@mechanism.example'),
    )![1]!;
    return {
      publicKey: gpg('--armor', '--export', fingerprint),
      privateKey: gpg('--armor', '--export-secret-keys', fingerprint),
      fingerprint,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const grouped = (fp: string): string => fp.replace(/(.{4})/g, '$1 ').trim();

test('recipients with their public keys and fingerprints; the organisation signing key; a private key is refused', async ({
  page,
}) => {
  const key = gpgKey();
  await createVault(page);
  await page.getByRole('link', { name: 'Recipients and keys' }).click();

  await page.getByLabel('Organisation name').fill('Test Documentation Centre');
  await page.getByLabel('Email (optional)').fill('evidence@test-org.example');
  await page.getByRole('button', { name: 'Generate signing key' }).click();
  const signing = page.getByRole('region', { name: 'Your organisation’s signing key' });
  await expect(signing).toContainText('Test Documentation Centre <evidence@test-org.example>');
  await expect(signing.getByRole('link', { name: 'Export public key (.asc)' })).toHaveAttribute('download', /\.asc$/);

  await page.getByRole('button', { name: 'Add recipient' }).click();
  const dialog = page.getByRole('dialog', { name: 'Recipient' });
  await dialog.getByLabel('Mechanism or unit').fill('Test Mechanism');
  await dialog.getByLabel('Their OpenPGP public key').fill(key.privateKey);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('This is a private key.');
  await dialog.getByLabel('Their OpenPGP public key').fill('hello');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('This is not an OpenPGP key.');
  await dialog.getByLabel('Their OpenPGP public key').fill(key.publicKey);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const card = page.getByRole('article', { name: 'Test Mechanism' });
  await expect(card).toContainText(grouped(key.fingerprint));
  await expect(card).toContainText('intake@mechanism.example');
  await shot(page, 'recipients-en');
});
