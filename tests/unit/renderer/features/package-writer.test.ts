import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../../renderer/src/features/packages/openpgp-keys';
import { writePackage } from '../../../../renderer/src/features/packages/package-writer';

// The recipient's side, with nothing but GnuPG, unzip and coreutils: what the instructions will tell them to run.
const work = mkdtempSync(join(tmpdir(), 'athar-pkg-'));
const home = join(work, 'gnupg');
execFileSync('mkdir', ['-m', '700', home]);
const gpg = (...a: string[]) => spawnSync('gpg', ['--homedir', home, '--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', '', ...a], { cwd: work });
afterAll(() => rmSync(work, { recursive: true, force: true }));

const enc = new TextEncoder();
const SECRET_TESTIMONY = 'Testimony text that must travel intact';

describe('evidence package (checked with gpg, unzip and sha256sum)', () => {
  it('decrypts with the recipient key, verifies its signature and its manifests; a flipped byte fails', async () => {
    gpg('--quick-gen-key', 'Test Mechanism <intake@mechanism.example>', 'default', 'default', 'never');
    const recipientKey = gpg('--armor', '--export', 'intake@mechanism.example').stdout.toString();
    const org = await generateSigningKey('Test Documentation Centre', 'evidence@test-org.example');
    expect(spawnSync('gpg', ['--homedir', home, '--batch', '--quiet', '--import'], { input: org.armoredPublic }).status).toBe(0);

    const pkg = await writePackage({
      bagName: 'athar-export-2026-11-22', signingKeyArmored: org.armoredPrivate, recipientKeys: [recipientKey],
      bagInfo: [['Source-Organization', 'Test Documentation Centre'], ['Bagging-Date', '2026-11-22'], ['External-Identifier', 'ATH-2026-00042']],
      payload: [
        { path: 'data/records/testimonies.json', bytes: enc.encode(JSON.stringify([{ text: SECRET_TESTIMONY }])) },
        { path: 'data/files/0001-photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]) },
      ],
    });
    writeFileSync(join(work, 'package.zip.gpg'), pkg.encrypted);

    // Decrypt, check the exit status, unzip.
    expect(gpg('--output', 'package.zip', '--decrypt', 'package.zip.gpg').status).toBe(0);
    expect(spawnSync('unzip', ['-q', 'package.zip'], { cwd: work }).status).toBe(0);
    const bag = join(work, 'athar-export-2026-11-22');
    expect(readFileSync(join(bag, 'data/records/testimonies.json'), 'utf8')).toContain(SECRET_TESTIMONY);
    // The signature over the tag manifest, then the manifests.
    expect(gpg('--verify', join(bag, 'tagmanifest-sha512.txt.asc'), join(bag, 'tagmanifest-sha512.txt')).status).toBe(0);
    expect(spawnSync('sha512sum', ['-c', '--strict', '--quiet', 'tagmanifest-sha512.txt'], { cwd: bag }).status).toBe(0);
    expect(spawnSync('sha256sum', ['-c', '--strict', '--quiet', 'manifest-sha256.txt'], { cwd: bag }).status).toBe(0);
    expect(readFileSync(join(bag, 'bag-info.txt'), 'utf8')).toContain('Payload-Oxum: ');

    // One flipped byte in the encrypted package: gpg refuses it.
    const tampered = Uint8Array.from(pkg.encrypted);
    tampered[Math.floor(tampered.length / 2)]! ^= 0x01;
    writeFileSync(join(work, 'tampered.zip.gpg'), tampered);
    expect(gpg('--output', 'tampered.zip', '--decrypt', 'tampered.zip.gpg').status).not.toBe(0);

    // A changed manifest breaks the signature.
    writeFileSync(join(bag, 'tagmanifest-sha512.txt'), readFileSync(join(bag, 'tagmanifest-sha512.txt'), 'utf8').replace(/^./, (c) => (c === '0' ? '1' : '0')));
    expect(gpg('--verify', join(bag, 'tagmanifest-sha512.txt.asc'), join(bag, 'tagmanifest-sha512.txt')).status).not.toBe(0);
  });

  it('encrypts to a passphrase GnuPG 2.2 accepts, and refuses unsafe paths', async () => {
    const org = await generateSigningKey('Org', '');
    const pkg = await writePackage({ bagName: 'backup', signingKeyArmored: org.armoredPrivate, recipientKeys: [], passphrase: 'correct horse battery', bagInfo: [], payload: [{ path: 'data/a.txt', bytes: enc.encode('a') }] });
    writeFileSync(join(work, 'backup.zip.gpg'), pkg.encrypted);
    const r = spawnSync('gpg', ['--homedir', home, '--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', 'correct horse battery', '--output', 'backup.zip', '--decrypt', 'backup.zip.gpg'], { cwd: work });
    expect(r.status).toBe(0);
    await expect(writePackage({ bagName: 'x', signingKeyArmored: org.armoredPrivate, recipientKeys: [], passphrase: 'p', bagInfo: [], payload: [{ path: 'data/../../evil', bytes: enc.encode('x') }] })).rejects.toThrow('unsafe payload path');
  });
});
