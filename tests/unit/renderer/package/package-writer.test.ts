import { Cancelled } from '@shared/cancelled';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as openpgp from 'openpgp';
import { generateSigningKey } from '../../../../renderer/src/package/openpgp-keys';
import {
  bytesEntry,
  memorySink,
  writePackage,
  type PayloadEntry,
} from '../../../../renderer/src/package/package-writer';

// The recipient's side, with nothing but GnuPG, tar and coreutils: what the instructions tell them to run.
const work = mkdtempSync(join(tmpdir(), 'athar-pkg-'));
const home = join(work, 'gnupg');
execFileSync('mkdir', ['-m', '700', home]);
const gpg = (...a: string[]) =>
  spawnSync('gpg', ['--homedir', home, '--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', '', ...a], {
    cwd: work,
  });
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SECRET_TESTIMONY = 'Testimony text that must travel intact';

/** A file of n bytes with a recognisable pattern, produced in uneven chunks as the vault's chunk reader would. */
function patterned(path: string, n: number): PayloadEntry & { bytes: Uint8Array } {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 7 + (i >> 13)) & 0xff;
  return {
    path,
    size: n,
    bytes,
    read: async function* () {
      for (let o = 0; o < n; o += 777_777) yield bytes.subarray(o, Math.min(n, o + 777_777));
    },
  };
}

describe('evidence package (checked with gpg, tar and sha256sum)', () => {
  it('decrypts with the recipient key, verifies its signature and its manifests; a flipped byte fails', async () => {
    gpg('--quick-gen-key', 'Test Mechanism <intake@mechanism.example>', 'default', 'default', 'never');
    const recipientKey = gpg('--armor', '--export', 'intake@mechanism.example').stdout.toString();
    const org = await generateSigningKey('Test Documentation Centre', 'evidence@test-org.example');
    expect(
      spawnSync('gpg', ['--homedir', home, '--batch', '--quiet', '--import'], { input: org.armoredPublic }).status,
    ).toBe(0);

    const big = patterned('data/files/0002/video.mp4', 9 * 1024 * 1024 + 5);
    const sink = memorySink();
    const progress: number[] = [];
    const pkg = await writePackage(
      {
        bagName: 'athar-export-2026-11-22',
        signingKeyArmored: org.armoredPrivate,
        target: { recipientKeys: [recipientKey] },
        bagInfo: [
          ['Source-Organization', 'Test Documentation Centre'],
          ['Bagging-Date', '2026-11-22'],
          ['External-Identifier', 'ATH-2026-00042'],
        ],
        payload: [
          bytesEntry('data/records.json', JSON.stringify([{ text: SECRET_TESTIMONY }])),
          bytesEntry('data/files/0001/صورة الاعتقال.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])),
          big,
        ],
        onProgress: (d) => progress.push(d),
      },
      sink,
    );
    expect(sink.state).toBe('closed');
    expect(progress.at(-1)).toBe(pkg.payloadBytes);
    const encrypted = sink.bytes();
    // Whom it is for is not written in it: the recipient's key ID is the anonymous one, and gpg still opens it below.
    const keyIds = (await openpgp.readMessage({ binaryMessage: encrypted })).getEncryptionKeyIDs();
    expect(keyIds.map((k) => k.toHex())).toEqual(['0000000000000000']);
    const recipientKeyId = (await openpgp.readKey({ armoredKey: recipientKey })).getSubkeys()[0]!.getKeyID().toHex();
    expect(Buffer.from(encrypted).includes(Buffer.from(recipientKeyId, 'hex'))).toBe(false);
    expect(pkg.bytesWritten).toBe(encrypted.length);
    writeFileSync(join(work, 'package.tar.gpg'), encrypted);

    // Decrypt, check the exit status, extract.
    expect(gpg('--output', 'package.tar', '--decrypt', 'package.tar.gpg').status).toBe(0);
    expect(spawnSync('tar', ['-xf', 'package.tar'], { cwd: work }).status).toBe(0);
    const bag = join(work, 'athar-export-2026-11-22');
    expect(readFileSync(join(bag, 'data/records.json'), 'utf8')).toContain(SECRET_TESTIMONY);
    expect(Buffer.compare(readFileSync(join(bag, 'data/files/0002/video.mp4')), Buffer.from(big.bytes))).toBe(0);
    expect([...readFileSync(join(bag, 'data/files/0001/صورة الاعتقال.jpg'))]).toEqual([
      0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4,
    ]);
    // The signature over the tag manifest, then the manifests.
    expect(gpg('--verify', join(bag, 'tagmanifest-sha512.txt.asc'), join(bag, 'tagmanifest-sha512.txt')).status).toBe(
      0,
    );
    expect(spawnSync('sha512sum', ['-c', '--strict', '--quiet', 'tagmanifest-sha512.txt'], { cwd: bag }).status).toBe(
      0,
    );
    expect(spawnSync('sha256sum', ['-c', '--strict', '--quiet', 'manifest-sha256.txt'], { cwd: bag }).status).toBe(0);
    expect(spawnSync('sha512sum', ['-c', '--strict', '--quiet', 'manifest-sha512.txt'], { cwd: bag }).status).toBe(0);
    expect(readFileSync(join(bag, 'bag-info.txt'), 'utf8')).toContain(`Payload-Oxum: ${pkg.payloadBytes}.3`);

    // openpgp.js (Athar's own reader) decrypts the same bytes.
    const { data } = await openpgp.decrypt({
      message: await openpgp.readMessage({ binaryMessage: encrypted }),
      decryptionKeys: await openpgp.readPrivateKey({
        armoredKey: gpg('--armor', '--export-secret-keys', 'intake@mechanism.example').stdout.toString(),
      }),
      format: 'binary',
    });
    expect(Buffer.compare(Buffer.from(data as Uint8Array), readFileSync(join(work, 'package.tar')))).toBe(0);

    // One flipped byte anywhere in the encrypted body: gpg refuses it (the MDC), and says so in its exit status.
    for (const at of [encrypted.length - 3, Math.floor(encrypted.length / 2), 700]) {
      const tampered = Uint8Array.from(encrypted);
      tampered[at]! ^= 0x01;
      writeFileSync(join(work, 'tampered.tar.gpg'), tampered);
      expect(gpg('--output', 'tampered.tar', '--yes', '--decrypt', 'tampered.tar.gpg').status).not.toBe(0);
    }

    // A changed manifest breaks the signature.
    writeFileSync(
      join(bag, 'tagmanifest-sha512.txt'),
      readFileSync(join(bag, 'tagmanifest-sha512.txt'), 'utf8').replace(/^./, (c) => (c === '0' ? '1' : '0')),
    );
    expect(
      gpg('--verify', join(bag, 'tagmanifest-sha512.txt.asc'), join(bag, 'tagmanifest-sha512.txt')).status,
    ).not.toBe(0);
  });

  it('encrypts to a passphrase GnuPG 2.2 accepts, and refuses unsafe paths', async () => {
    const org = await generateSigningKey('Org', '');
    const sink = memorySink();
    await writePackage(
      {
        bagName: 'backup',
        signingKeyArmored: org.armoredPrivate,
        target: { passphrase: 'correct horse battery' },
        bagInfo: [],
        payload: [bytesEntry('data/a.txt', 'a')],
      },
      sink,
    );
    writeFileSync(join(work, 'backup.tar.gpg'), sink.bytes());
    const r = spawnSync(
      'gpg',
      [
        '--homedir',
        home,
        '--batch',
        '--quiet',
        '--pinentry-mode',
        'loopback',
        '--passphrase',
        'correct horse battery',
        '--output',
        'backup.tar',
        '--decrypt',
        'backup.tar.gpg',
      ],
      { cwd: work },
    );
    expect(r.status).toBe(0);
    const wrong = spawnSync(
      'gpg',
      [
        '--homedir',
        home,
        '--batch',
        '--quiet',
        '--pinentry-mode',
        'loopback',
        '--passphrase',
        'wrong',
        '--output',
        'wrong.tar',
        '--decrypt',
        'backup.tar.gpg',
      ],
      { cwd: work },
    );
    expect(wrong.status).not.toBe(0);
    await expect(
      writePackage(
        {
          bagName: 'x',
          signingKeyArmored: org.armoredPrivate,
          target: { passphrase: 'p' },
          bagInfo: [],
          payload: [bytesEntry('data/../../evil', 'x')],
        },
        memorySink(),
      ),
    ).rejects.toThrow('unsafe payload path');
  });

  it('stops on cancel, on a source that is shorter than recorded and on a failing disk, and aborts the sink each time', async () => {
    const org = await generateSigningKey('Org', '');
    const base = {
      bagName: 'x',
      signingKeyArmored: org.armoredPrivate,
      target: { passphrase: 'p' },
      bagInfo: [] as Array<[string, string]>,
    };
    const controller = new AbortController();
    const cancelled = memorySink();
    const file = patterned('data/big.bin', 6 * 1024 * 1024);
    await expect(
      writePackage(
        {
          ...base,
          payload: [file],
          signal: controller.signal,
          onProgress: (d) => {
            if (d > 1_000_000) controller.abort();
          },
        },
        cancelled,
      ),
    ).rejects.toBeInstanceOf(Cancelled);
    expect(cancelled.state).toBe('aborted');

    const short = memorySink();
    await expect(writePackage({ ...base, payload: [{ ...file, size: file.size + 1 }] }, short)).rejects.toThrow(
      'shorter than recorded',
    );
    expect(short.state).toBe('aborted');

    let aborted = false;
    const full = {
      write: async () => {
        throw new Error('ENOSPC');
      },
      close: async () => undefined,
      abort: async () => {
        aborted = true;
      },
    };
    await expect(writePackage({ ...base, payload: [file] }, full)).rejects.toThrow('ENOSPC');
    expect(aborted).toBe(true);
  });
});
