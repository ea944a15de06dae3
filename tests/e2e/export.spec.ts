import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, createPublicKey, randomBytes, verify as verifyEd25519 } from 'node:crypto';
import { custodyMessage, type SignableCustody } from '../../shared/crypto/custody-signatures';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Download } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  addMember,
  createVault,
  newCase,
  PASSPHRASE,
  recordTestimony as testimony,
  shot,
  switchToArabic,
  unlockAs,
} from './helpers';

// The recipient's side: GnuPG, tar and coreutils only, in a throwaway keyring. Every step checks the exit status.
const CONSENTED = 'Consented statement about the transfer to the airport branch';
const NOT_CONSENTED = 'Statement kept internal: the guard at gate three';

function recipientKeyring(): {
  home: string;
  gpg: (...a: string[]) => ReturnType<typeof spawnSync>;
  publicKey: string;
} {
  const home = mkdtempSync(join(tmpdir(), 'athar-recipient-'));
  execFileSync('chmod', ['700', home]);
  const gpg = (...a: string[]) =>
    spawnSync(
      'gpg',
      ['--homedir', home, '--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', '', ...a],
      { cwd: home },
    );
  gpg('--quick-gen-key', 'Test Mechanism Intake <intake@mechanism.example>', 'default', 'default', 'never');
  return { home, gpg, publicKey: gpg('--armor', '--export', 'intake@mechanism.example').stdout.toString() };
}

test('an evidence package the recipient decrypts and checks with gpg, tar and coreutils alone; consent decides what goes in', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const r = recipientKeyring();
  const work = mkdtempSync(join(tmpdir(), 'athar-export-e2e-'));
  try {
    await createVault(page);
    // The organisation's key and the recipient.
    await page.getByRole('link', { name: 'Recipients and keys' }).click();
    await page.getByLabel('Organisation name').fill('Test Documentation Centre');
    await page.getByRole('button', { name: 'Generate signing key' }).click();
    const orgKeyDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export public key (.asc)' }).click();
    await (await orgKeyDownload).saveAs(join(work, 'org.asc'));
    expect(r.gpg('--import', join(work, 'org.asc')).status).toBe(0);
    await page.getByRole('button', { name: 'Add recipient' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recipient' });
    await dialog.getByLabel('Mechanism or unit').fill('Test Mechanism');
    await dialog.getByLabel('Their OpenPGP public key').fill(r.publicKey);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    // A case with two testimonies (one consented to this recipient, one internal) and an original file.
    await newCase(page, 'Yusuf Testperson', 'يوسف الاختبار');
    await page.getByRole('tab', { name: 'Testimonies' }).click();
    await testimony(page, 'Witness A-1', CONSENTED, 'Test Mechanism');
    await testimony(page, 'Witness B-2', NOT_CONSENTED, null);
    await page.getByRole('tab', { name: 'Evidence' }).click();
    const original = randomBytes(5 * 1024 * 1024 + 123);
    await page
      .getByLabel('Files to add as evidence')
      .setInputFiles({ name: 'transfer order.pdf', mimeType: 'application/pdf', buffer: original });
    await expect(page.getByRole('status').filter({ hasText: 'transfer order.pdf was added.' })).toBeVisible();

    // The wizard: recipient, what to hide, review, produce.
    await page.getByRole('button', { name: 'Export package…' }).click();
    await page.getByRole('combobox', { name: 'Recipient' }).click();
    await page.getByRole('option', { name: 'Test Mechanism' }).click();
    const goesIn = page.getByRole('table', { name: 'What goes in' });
    await expect(goesIn.getByRole('row', { name: /Testimonies/ })).toContainText('1');
    await expect(goesIn.getByRole('row', { name: /Evidence files/ })).toContainText('1');
    const leftOut = page.getByRole('table', { name: 'What is left out' });
    await expect(leftOut).toContainText('Witness B-2');
    await expect(leftOut).toContainText('The witness did not consent to sharing with this recipient');
    await shot(page, 'export-review-en');
    // A passphrase package is for a recipient on record too (consent names recipients by record, never by a
    // name typed here): the same choice, the same consent decision, and no field to type a name into.
    await page.getByRole('radio', { name: /A passphrase/ }).check();
    await expect(page.getByRole('textbox', { name: /Recipient \(mechanism or unit\)/ })).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Recipient' })).toHaveValue('Test Mechanism');
    await page.getByLabel('Passphrase', { exact: true }).fill('a package passphrase of some length');
    await page.getByLabel('Passphrase again', { exact: true }).fill('a package passphrase of some length');
    await expect(goesIn.getByRole('row', { name: /Testimonies/ })).toContainText('1');
    await expect(leftOut).toContainText('Witness B-2');
    await shot(page, 'export-passphrase-en');
    await page.getByRole('radio', { name: /public key/ }).check();
    const downloads: Array<Promise<Download>> = [];
    page.on('download', (d) => downloads.push(Promise.resolve(d)));
    await page.getByRole('button', { name: 'Produce package…' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Package produced' })).toBeVisible();
    await expect.poll(() => downloads.length).toBe(2);
    const files = await Promise.all(downloads);
    const pkg = files.find((d) => d.suggestedFilename().endsWith('.tar.gpg'))!;
    const readme = files.find((d) => d.suggestedFilename().endsWith('.README.txt'))!;
    await pkg.saveAs(join(r.home, pkg.suggestedFilename()));
    await readme.saveAs(join(r.home, readme.suggestedFilename()));
    await shot(page, 'export-done-en');

    // The recipient follows the instructions.
    const instructions = readFileSync(join(r.home, readme.suggestedFilename()), 'utf8');
    expect(instructions).toContain(
      `gpg --output ${pkg.suggestedFilename().replace(/\.gpg$/, '')} --decrypt ${pkg.suggestedFilename()}`,
    );
    // The copy that travels in clear names nobody; the one inside the package does.
    expect(instructions).not.toContain('Test Mechanism');
    expect(r.gpg('--output', 'package.tar', '--decrypt', pkg.suggestedFilename()).status).toBe(0);
    expect(spawnSync('tar', ['-xf', 'package.tar'], { cwd: r.home }).status).toBe(0);
    const bagName = readdirSync(r.home).find((n) => n.startsWith('athar-export-') && !n.includes('.'))!;
    const bag = join(r.home, bagName);
    expect(readFileSync(join(bag, 'data/README.txt'), 'utf8')).toContain('For:            Test Mechanism');
    const verify = r.gpg('--verify', join(bag, 'tagmanifest-sha512.txt.asc'), join(bag, 'tagmanifest-sha512.txt'));
    expect(verify.status).toBe(0);
    for (const [tool, manifest] of [
      ['sha512sum', 'tagmanifest-sha512.txt'],
      ['sha256sum', 'manifest-sha256.txt'],
      ['sha512sum', 'manifest-sha512.txt'],
    ] as const) {
      expect(spawnSync(tool, ['-c', '--strict', '--quiet', manifest], { cwd: bag }).status).toBe(0);
    }
    // Step 5 of the instructions: nothing added.
    expect(
      spawnSync(
        'sh',
        [
          '-c',
          "find data -type f | sort > ../present.txt && cut -d' ' -f3- manifest-sha256.txt | sort > ../listed.txt && diff ../present.txt ../listed.txt",
        ],
        { cwd: bag },
      ).status,
    ).toBe(0);

    // The original, byte for byte, with its intake hash; the consented testimony in, the other nowhere in the decrypted bytes.
    const copied = readdirSync(join(bag, 'data/files')).map((id) => join(bag, 'data/files', id, 'transfer order.pdf'));
    expect(copied).toHaveLength(1);
    expect(createHash('sha256').update(readFileSync(copied[0]!)).digest('hex')).toBe(
      createHash('sha256').update(original).digest('hex'),
    );
    const plain = readFileSync(join(r.home, 'package.tar'));
    expect(plain.includes(CONSENTED)).toBe(true);
    expect(plain.includes(NOT_CONSENTED)).toBe(false);
    expect(plain.includes('Witness B-2')).toBe(false);
    expect(plain.includes('Witness A-1 Realname')).toBe(false);
    const custody = JSON.parse(readFileSync(join(bag, 'data/custody.json'), 'utf8')) as Array<{
      document: string;
      custody: Array<SignableCustody>;
    }>;
    expect(custody[0]!.custody.at(-1)).toMatchObject({ action: 'exported' });
    // The export log names the member who made it by their key's fingerprint; their signature on the file's
    // "exported" entry checks with that key, outside Athar.
    const log = JSON.parse(readFileSync(join(bag, 'data/export-log.json'), 'utf8')) as {
      member: { id: string; name: string; fingerprint: string; signingKey: string };
    };
    expect(log.member.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    const entries = custody[0]!.custody;
    const exported = entries.at(-1)!;
    expect(exported.member).toBe(log.member.id);
    const spki = Buffer.concat([
      Buffer.from('302a300506032b6570032100', 'hex'),
      Buffer.from(log.member.signingKey, 'hex'),
    ]);
    const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const message = custodyMessage(custody[0]!.document, entries.length - 1, exported, entries.at(-2)?.sig ?? '');
    expect(verifyEd25519(null, message, publicKey, Buffer.from(exported.sig!, 'hex'))).toBe(true);
    expect(verifyEd25519(null, message, publicKey, Buffer.from('00'.repeat(64), 'hex'))).toBe(false);
    expect(readFileSync(join(bag, 'bag-info.txt'), 'utf8')).toMatch(/Audit-Chain-Head: \d+ [0-9a-f]{64}/);

    // A flipped byte: gpg fails, and says so in its exit status.
    const tampered = readFileSync(join(r.home, pkg.suggestedFilename()));
    tampered[Math.floor(tampered.length / 2)]! ^= 0x20;
    writeFileSync(join(r.home, 't.tar.gpg'), tampered);
    expect(r.gpg('--output', 't.tar', '--decrypt', 't.tar.gpg').status).not.toBe(0);

    // Back in Athar: the file's chain of custody records the export.
    await page.goBack();
    await page.getByRole('tab', { name: 'Evidence' }).click();
    const card = page.getByRole('article', { name: 'transfer order.pdf' });
    await expect(card.getByRole('list', { name: 'Chain of custody' })).toContainText('Test Mechanism');
    // The attempt was on record before the first byte was written, and the package vouches for a verified chain.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('table', { name: 'Audit log' })).toContainText(
      'started, recipient:Test Mechanism, cases:1',
    );
    await page.getByRole('button', { name: 'Verify audit log' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The audit log is intact' })).toBeVisible();
    await page.goBack();

    await switchToArabic(page);
    await page.goBack();
    await page.getByRole('button', { name: 'تصدير حزمة…' }).click();
    await page.getByRole('combobox', { name: 'الجهة المستلمة' }).click();
    await page.getByRole('option', { name: 'Test Mechanism' }).click();
    await expect(page.getByRole('table', { name: 'ما يُستبعد' })).toContainText(
      'لم يوافق الشاهد على المشاركة مع هذه الجهة',
    );
    await shot(page, 'export-review-ar');
  } finally {
    rmSync(r.home, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
});

test('where the organisation requires it, a package is made only once a reviewer approved exactly that export', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const r = recipientKeyring();
  await createVault(page);
  await page.getByRole('link', { name: 'Recipients and keys' }).click();
  await page.getByLabel('Organisation name').fill('Test Documentation Centre');
  await page.getByRole('button', { name: 'Generate signing key' }).click();
  await page.getByRole('button', { name: 'Add recipient' }).click();
  const dialog = page.getByRole('dialog', { name: 'Recipient' });
  await dialog.getByLabel('Mechanism or unit').fill('Test Mechanism');
  await dialog.getByLabel('Their OpenPGP public key').fill(r.publicKey);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await addMember(page, 'Carla Testreviewer', 'CR', ['Reviewer'], 'reviewer harbour passphrase');
  await page.getByRole('link', { name: 'Settings' }).click();
  const policy = page.getByRole('checkbox', { name: 'Require an approved review before a package leaves' });
  await expect(policy).toBeEnabled();
  await policy.click();
  await expect(
    page.getByRole('checkbox', { name: 'Require an approved review before a package leaves' }),
  ).toBeChecked();
  await newCase(page, 'Rami Testperson', 'رامي');

  const openExport = async (): Promise<void> => {
    await page.getByRole('button', { name: 'Export package…' }).click();
    await page.getByRole('combobox', { name: 'Recipient' }).click();
    await page.getByRole('option', { name: 'Test Mechanism' }).click();
  };
  await openExport();
  await expect(page.getByText('Your organisation requires a reviewer to approve this export')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Produce package…' })).toBeDisabled();
  await page
    .getByRole('region', { name: 'Review', exact: true })
    .getByRole('button', { name: 'Submit for review' })
    .click();
  await expect(page.getByRole('region', { name: 'Review', exact: true })).toContainText('Waiting for review');

  await page.getByRole('button', { name: 'Lock vault' }).click();
  await unlockAs(page, /^\W*CR\W+·/, 'reviewer harbour passphrase');
  await page.getByRole('link', { name: 'Reviews' }).click();
  const waiting = page.getByRole('table', { name: 'Waiting for your review' });
  await waiting
    .getByRole('row', { name: /Export to Test Mechanism: 1 cases/ })
    .getByRole('button', { name: 'Approve' })
    .click();
  await expect(page.getByText('Nothing waits for your review.')).toBeVisible();

  await page.getByRole('button', { name: 'Lock vault' }).click();
  await unlockAs(page, /^\W*Administrator\W+·/, PASSPHRASE);
  await page.getByRole('link', { name: 'Cases' }).click();
  await page
    .getByRole('table', { name: 'Case list' })
    .getByRole('row', { name: /Rami Testperson/ })
    .click();
  await openExport();
  await expect(page.getByRole('region', { name: 'Review', exact: true })).toContainText('Approved');
  await expect(page.getByRole('button', { name: 'Produce package…' })).toBeEnabled();
  await shot(page, 'export-review-approved-en');
});
