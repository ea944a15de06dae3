import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as openpgp from 'openpgp';
import { packTar, unpackTar } from 'modern-tar';
import { generateSigningKey } from '../../../../renderer/src/package/openpgp-keys';
import { bytesEntry, memorySink, writePackage } from '../../../../renderer/src/package/package-writer';
import {
  bytesStream,
  PackageRefused,
  readPackage,
  TEXT_LIMIT,
  type PackageProblem,
  type ReadOptions,
} from '../../../../renderer/src/package/package-reader';

// Tampering is done as an attacker would: decrypt (or hold the recipient's key), change the tar, encrypt again.
const work = mkdtempSync(join(tmpdir(), 'athar-reader-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const PASS = 'reader test passphrase';
const RECORDS = 'Statement that travels in records.json';

let org: Awaited<ReturnType<typeof generateSigningKey>>;
let recipient: { privateKey: string; publicKey: string };
let other: { privateKey: string; publicKey: string };
let pkg: Uint8Array;
const original = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 31) & 0xff);

beforeAll(async () => {
  org = await generateSigningKey('Test Documentation Centre', 'evidence@test-org.example');
  recipient = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Test Mechanism' }],
    format: 'armored',
  });
  other = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Someone Else' }],
    format: 'armored',
  });
  const sink = memorySink();
  await writePackage(
    {
      bagName: 'athar-export-20261201-1000',
      signingKeyArmored: org.armoredPrivate,
      target: { recipientKeys: [recipient.publicKey] },
      bagInfo: [
        ['Source-Organization', 'Test Documentation Centre'],
        ['External-Identifier', 'pkg-1'],
      ],
      payload: [
        bytesEntry('data/records.json', JSON.stringify([{ text: RECORDS }])),
        {
          path: 'data/files/doc-1/scan.pdf',
          size: original.length,
          read: async function* () {
            yield original;
          },
        },
      ],
    },
    sink,
  );
  pkg = sink.bytes();
});

const trusted = (): ReadOptions => ({
  decryptionKeys: [recipient.privateKey],
  trustedKeys: [{ armored: org.armoredPublic, label: 'Colleague office' }],
  requireSignature: true,
});

async function refusal(bytes: Uint8Array, o: ReadOptions = trusted()): Promise<PackageProblem> {
  try {
    await readPackage(bytesStream(bytes, 65_536), o);
  } catch (e) {
    if (e instanceof PackageRefused) return e.problem;
    throw e;
  }
  throw new Error('the package was accepted');
}

/** Decrypts to tar entries, lets the test change them, packs and encrypts again to the same recipient. */
async function retarred(
  change: (entries: Awaited<ReturnType<typeof unpackTar>>) => Awaited<ReturnType<typeof unpackTar>>,
): Promise<Uint8Array> {
  const { data } = await openpgp.decrypt({
    message: await openpgp.readMessage({ binaryMessage: pkg }),
    decryptionKeys: await openpgp.readPrivateKey({ armoredKey: recipient.privateKey }),
    format: 'binary',
  });
  const tar = await packTar(change(await unpackTar(data as Uint8Array)));
  return openpgp.encrypt({
    message: await openpgp.createMessage({ binary: tar }),
    encryptionKeys: await openpgp.readKey({ armoredKey: recipient.publicKey }),
    format: 'binary',
  }) as Promise<Uint8Array>;
}

describe('opening a package', () => {
  it('decrypts, checks every file and the signature, and passes originals on byte for byte', async () => {
    const received: Uint8Array[] = [];
    const progress: number[] = [];
    const opened = await readPackage(bytesStream(pkg), {
      ...trusted(),
      onProgress: (n) => progress.push(n),
      onFile: async (path, size) => {
        expect(path).toBe('data/files/doc-1/scan.pdf');
        expect(size).toBe(original.length);
        return {
          write: async (b) => {
            received.push(b.slice());
          },
          close: async () => undefined,
        };
      },
    });
    expect(opened.bagName).toBe('athar-export-20261201-1000');
    expect(opened.signer).toMatchObject({ label: 'Colleague office', fingerprint: org.info.fingerprint });
    expect(opened.texts.get('data/records.json')).toContain(RECORDS);
    expect(opened.texts.has('data/files/doc-1/scan.pdf')).toBe(false);
    expect(opened.bagInfo.get('External-Identifier')).toBe('pkg-1');
    expect(opened.payloadFiles).toBe(2);
    expect(Buffer.compare(Buffer.concat(received), Buffer.from(original))).toBe(0);
    expect(progress.at(-1)).toBe(pkg.length);
  });

  it('refuses a wrong key, a wrong passphrase and something that is not OpenPGP', async () => {
    expect(await refusal(pkg, { ...trusted(), decryptionKeys: [other.privateKey] })).toEqual({ reason: 'wrong-key' });
    const sym = memorySink();
    await writePackage(
      {
        bagName: 'b',
        signingKeyArmored: org.armoredPrivate,
        target: { passphrase: PASS },
        bagInfo: [],
        payload: [bytesEntry('data/a.txt', 'a')],
      },
      sym,
    );
    expect(
      await refusal(sym.bytes(), { trustedKeys: [], requireSignature: false, passphrase: 'not the passphrase' }),
    ).toEqual({ reason: 'wrong-passphrase' });
    expect(
      (
        await readPackage(bytesStream(sym.bytes()), {
          trustedKeys: [{ armored: org.armoredPublic, label: 'own' }],
          requireSignature: true,
          passphrase: PASS,
        })
      ).payloadFiles,
    ).toBe(1);
    expect(await refusal(new TextEncoder().encode('PK\u0003\u0004 this is a zip, not a package'))).toEqual({
      reason: 'not-openpgp',
    });
  });

  it('refuses a package that gpg also refuses (one flipped byte), and one cut short', async () => {
    const tampered = Uint8Array.from(pkg);
    tampered[Math.floor(pkg.length / 2)]! ^= 0x01;
    const home = join(work, 'gnupg');
    spawnSync('mkdir', ['-m', '700', '-p', home]);
    const gpgOpts = ['--homedir', home, '--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', ''];
    expect(spawnSync('gpg', [...gpgOpts, '--import'], { input: recipient.privateKey }).status).toBe(0);
    writeFileSync(join(work, 'flipped.tar.gpg'), tampered);
    expect(
      spawnSync('gpg', [...gpgOpts, '--output', join(work, 'flipped.tar'), '--decrypt', join(work, 'flipped.tar.gpg')])
        .status,
    ).not.toBe(0);
    expect(await refusal(tampered)).toEqual({ reason: 'damaged' });
    expect(await refusal(pkg.subarray(0, pkg.length - 4000))).toEqual({ reason: 'damaged' });
    // Past the tar's end-of-archive marker and in the integrity check itself: the whole message is read, so these fail too.
    for (const back of [400, 100, 22, 3, 1]) {
      const late = Uint8Array.from(pkg);
      late[pkg.length - back]! ^= 0x01;
      expect(await refusal(late), `byte ${back} from the end`).toEqual({ reason: 'damaged' });
    }
  });

  it('names the file when one byte of an original was changed inside the bag', async () => {
    const bytes = await retarred((entries) =>
      entries.map((e) => {
        if (!e.header.name.endsWith('scan.pdf')) return e;
        const data = Uint8Array.from(e.data!);
        data[1000]! ^= 0x01;
        return { ...e, data };
      }),
    );
    expect(await refusal(bytes)).toEqual({
      reason: 'digest-mismatch',
      file: 'data/files/doc-1/scan.pdf',
      algorithm: 'sha256',
    });
  });

  it('refuses an added file, a removed file and crafted paths, naming each', async () => {
    const add = await retarred((entries) => [
      ...entries,
      {
        header: { name: 'athar-export-20261201-1000/data/extra.txt', size: 5, type: 'file' },
        data: new TextEncoder().encode('extra'),
      },
    ]);
    expect(await refusal(add)).toEqual({ reason: 'extra-file', file: 'data/extra.txt' });
    const removed = await retarred((entries) => entries.filter((e) => !e.header.name.endsWith('records.json')));
    expect(await refusal(removed)).toEqual({ reason: 'missing-file', file: 'data/records.json' });
    for (const name of [
      'athar-export-20261201-1000/data/../../evil.sh',
      '/etc/cron.d/evil',
      'athar-export-20261201-1000/data/a%2F..%2Fb',
      'athar-export-20261201-1000/data/line\nbreak',
    ]) {
      const crafted = await retarred((entries) => [
        { header: { name, size: 1, type: 'file' }, data: Uint8Array.of(1) },
        ...entries,
      ]);
      expect(await refusal(crafted)).toMatchObject({ reason: 'unsafe-entry' });
    }
    const link = await retarred((entries) => [
      ...entries,
      { header: { name: 'athar-export-20261201-1000/data/link', size: 0, type: 'symlink', linkname: '/etc/passwd' } },
    ]);
    expect(await refusal(link)).toEqual({ reason: 'unsafe-entry', file: 'athar-export-20261201-1000/data/link' });
  });

  it('refuses a signature by a key the vault does not know, and a missing signature', async () => {
    expect(await refusal(pkg, { ...trusted(), trustedKeys: [{ armored: other.publicKey, label: 'x' }] })).toEqual({
      reason: 'signer-unknown',
      fingerprint: expect.stringMatching(/^[0-9A-F]{16}$/),
    });
    const unsigned = await retarred((entries) => entries.filter((e) => !e.header.name.endsWith('.asc')));
    expect(await refusal(unsigned)).toEqual({ reason: 'signature-missing' });
  });

  it('refuses a bag that gpg and tar made by hand with a path outside the bag (gpg --symmetric)', async () => {
    const tar = await packTar([
      { header: { name: 'bag/bagit.txt', size: 3, type: 'file' }, data: new TextEncoder().encode('x\n\n') },
      { header: { name: 'bag/../../outside', size: 1, type: 'file' }, data: Uint8Array.of(1) },
    ]);
    writeFileSync(join(work, 'crafted.tar'), tar);
    expect(
      spawnSync('gpg', [
        '--homedir',
        join(work, 'gnupg'),
        '--batch',
        '--quiet',
        '--pinentry-mode',
        'loopback',
        '--passphrase',
        PASS,
        '--symmetric',
        '--compress-algo',
        'none',
        '--output',
        join(work, 'crafted.tar.gpg'),
        join(work, 'crafted.tar'),
      ]).status,
    ).toBe(0);
    expect(
      await refusal(readFileSync(join(work, 'crafted.tar.gpg')), {
        passphrase: PASS,
        trustedKeys: [],
        requireSignature: false,
      }),
    ).toEqual({ reason: 'unsafe-entry', file: 'bag/../../outside' });
  });
});

describe('compressed packets (a decompression bomb)', () => {
  const passphraseOnly: ReadOptions = { passphrase: 'x', trustedKeys: [], requireSignature: false };

  it('refuses a 2.6 KB package that expands to 2 GiB, with under 100 MB of heap growth', async () => {
    const bomb = readFileSync(join(import.meta.dirname, '../../../fixtures/packages/bzip2-bomb-2gib.gpg'));
    expect(bomb.length).toBeLessThan(1_000_000);
    const before = process.memoryUsage();
    let peak = 0;
    const sample = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
    }, 5);
    try {
      expect(await refusal(bomb, passphraseOnly)).toEqual({ reason: 'compressed' });
    } finally {
      clearInterval(sample);
    }
    expect(peak).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses zlib and zip compression too, which gpg uses by default', async () => {
    mkdirSync(join(work, 'gnupg'), { recursive: true, mode: 0o700 });
    writeFileSync(join(work, 'plain.bin'), new Uint8Array(8 * 1024 * 1024));
    for (const algo of ['zlib', 'zip']) {
      const out = join(work, `${algo}.gpg`);
      const gpg = spawnSync('gpg', [
        ...['--homedir', join(work, 'gnupg'), '--batch', '--quiet', '--yes', '--pinentry-mode', 'loopback'],
        ...['--passphrase', PASS, '--symmetric', '--compress-algo', algo, '--output', out, join(work, 'plain.bin')],
      ]);
      expect(gpg.status).toBe(0);
      expect(await refusal(readFileSync(out), { passphrase: PASS, trustedKeys: [], requireSignature: false })).toEqual({
        reason: 'compressed',
      });
    }
  });
});

it('refuses a record file larger than any Athar writes, before holding it', async () => {
  const sink = memorySink();
  const zeros = new Uint8Array(1 << 20);
  await writePackage(
    {
      bagName: 'athar-export-20261201-1000',
      signingKeyArmored: null,
      target: { passphrase: PASS },
      bagInfo: [],
      payload: [
        {
          path: 'data/records.json',
          size: TEXT_LIMIT + 1,
          read: async function* () {
            for (let n = 0; n < TEXT_LIMIT; n += zeros.length) yield zeros;
            yield Uint8Array.of(0x20);
          },
        },
      ],
    },
    sink,
  );
  expect(await refusal(sink.bytes(), { passphrase: PASS, trustedKeys: [], requireSignature: false })).toEqual({
    reason: 'too-large',
    file: 'data/records.json',
  });
});

it('refuses at once a session key that decrypts to noise (found by the fuzzer: openpgp.js never returned)', async () => {
  const dir = join(import.meta.dirname, '../../../fixtures/packages');
  const bytes = readFileSync(join(dir, 'backup-wrong-salt.gpg'));
  const passphrase = readFileSync(join(dir, 'backup-wrong-salt.pass'), 'utf8');
  const started = Date.now();
  expect(await refusal(bytes, { passphrase, trustedKeys: [], requireSignature: false })).toEqual({
    reason: 'wrong-passphrase',
  });
  expect(Date.now() - started).toBeLessThan(5000);
}, 15_000);
