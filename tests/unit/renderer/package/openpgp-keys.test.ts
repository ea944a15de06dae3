import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as openpgp from 'openpgp';
import {
  generateSigningKey,
  groupFingerprint,
  importSigningKey,
  readRecipientKey,
} from '../../../../renderer/src/package/openpgp-keys';

// A throwaway GnuPG home: the real tool recipients use, nothing of the user's keyring touched.
const home = mkdtempSync(join(tmpdir(), 'athar-gpg-'));
const gpg = (...args: string[]): string =>
  execFileSync(
    'gpg',
    ['--homedir', home, '--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', '', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  ).toString('utf8');
afterAll(() => rmSync(home, { recursive: true, force: true }));

const gpgFingerprint = (uid: string): string =>
  /^fpr:+([0-9A-F]{40}):/m.exec(gpg('--with-colons', '--fingerprint', uid))![1]!;

describe('OpenPGP keys for packages', () => {
  it('a signing key made in Athar is read by GnuPG with the same fingerprint', async () => {
    const key = await generateSigningKey('Test Documentation Centre', 'evidence@test-org.example');
    expect(key.info.userIds).toEqual(['Test Documentation Centre <evidence@test-org.example>']);
    execFileSync('gpg', ['--homedir', home, '--batch', '--quiet', '--import'], { input: key.armoredPublic });
    expect(gpgFingerprint('evidence@test-org.example')).toBe(key.info.fingerprint);
    expect(groupFingerprint(key.info.fingerprint)).toMatch(/^([0-9A-F]{4} ){9}[0-9A-F]{4}$/);
  });

  it('reads a recipient key made by GnuPG, and refuses one that cannot encrypt', async () => {
    gpg('--quick-gen-key', 'Test Mechanism Intake <intake@mechanism.example>', 'ed25519', 'sign', 'never');
    const fpr = gpgFingerprint('intake@mechanism.example');
    gpg('--quick-add-key', fpr, 'cv25519', 'encr', 'never');
    const armored = gpg('--armor', '--export', 'intake@mechanism.example');
    const r = await readRecipientKey(armored);
    expect(r.info.fingerprint).toBe(fpr);
    expect(r.info.userIds).toEqual(['Test Mechanism Intake <intake@mechanism.example>']);

    gpg('--quick-gen-key', 'Sign Only <sign-only@mechanism.example>', 'ed25519', 'sign', 'never');
    await expect(readRecipientKey(gpg('--armor', '--export', 'sign-only@mechanism.example'))).rejects.toThrow(
      'cannot-encrypt',
    );
  });

  it('refuses garbage, a private key, and an expired key, with a reason', async () => {
    await expect(readRecipientKey('not a key at all')).rejects.toThrow('not-a-key');
    const own = await generateSigningKey('Someone', '');
    await expect(readRecipientKey(own.armoredPrivate)).rejects.toThrow('private-key');
    const old = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'Old Key' }],
      date: new Date('2020-01-01'),
      keyExpirationTime: 3600,
      format: 'armored',
    });
    await expect(readRecipientKey(old.publicKey)).rejects.toThrow('expired');
  });

  it('imports a protected signing key with its passphrase only', async () => {
    const made = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'Org' }],
      passphrase: 'correct horse',
      format: 'armored',
    });
    await expect(importSigningKey(made.privateKey, 'wrong')).rejects.toThrow('wrong-passphrase');
    await expect(importSigningKey(made.publicKey, '')).rejects.toThrow('public-key');
    const imported = await importSigningKey(made.privateKey, 'correct horse');
    expect(imported.info.userIds).toEqual(['Org']);
    expect((await openpgp.readPrivateKey({ armoredKey: imported.armoredPrivate })).isDecrypted()).toBe(true);
  });
});
