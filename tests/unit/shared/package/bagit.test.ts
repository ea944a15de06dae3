import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import {
  BAGIT_TXT,
  SIGNATURE_FILE,
  bagInfoText,
  manifestText,
  parseManifest,
  payloadOxum,
  unsafePath,
  verifyBag,
  type BagReader,
} from '@shared/package/bagit';

const enc = new TextEncoder();
const dec = new TextDecoder();
const hex = (b: Uint8Array, a: 'sha256' | 'sha512'): string => bytesToHex(a === 'sha256' ? sha256(b) : sha512(b));

/** A small bag in memory, made as the exporter will make it. */
function makeBag(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>([
    ['data/records/cases.json', enc.encode('[{"reference":"ATH-2026-00042"}]')],
    ['data/files/0001-release-list.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46, 1, 2, 3])],
    ['data/وثيقة.txt', enc.encode('نص عربي')],
  ]);
  const payload = [...files];
  const bag = new Map(files);
  bag.set('bagit.txt', enc.encode(BAGIT_TXT));
  bag.set(
    'bag-info.txt',
    enc.encode(
      bagInfoText([
        ['Source-Organization', 'Test Org'],
        ['Bagging-Date', '2026-11-22'],
        [
          'Payload-Oxum',
          payloadOxum(
            payload.reduce((n, [, b]) => n + b.length, 0),
            payload.length,
          ),
        ],
      ]),
    ),
  );
  for (const a of ['sha256', 'sha512'] as const)
    bag.set(`manifest-${a}.txt`, enc.encode(manifestText(payload.map(([path, b]) => ({ path, digest: hex(b, a) })))));
  bag.set(
    'tagmanifest-sha512.txt',
    enc.encode(
      manifestText(
        ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt'].map((path) => ({
          path,
          digest: hex(bag.get(path)!, 'sha512'),
        })),
      ),
    ),
  );
  return bag;
}

const reader = (bag: Map<string, Uint8Array>): BagReader => ({
  paths: () => [...bag.keys()],
  text: async (p) => dec.decode(bag.get(p)),
  digest: async (p, a) => hex(bag.get(p)!, a),
  size: async (p) => bag.get(p)!.length,
});

describe('BagIt', () => {
  it('refuses unsafe paths', () => {
    for (const [p, why] of [
      ['', 'empty'],
      ['/etc/passwd', 'absolute'],
      ['C:/x', 'absolute'],
      ['data/../../x', 'dot-segment'],
      ['data//x', 'dot-segment'],
      ['data/./x', 'dot-segment'],
      ['data/a%2F', 'percent'],
      ['data/a\nb', 'line-break'],
      ['data\\x', 'backslash'],
      ['data/\u0001', 'control'],
    ] as const) {
      expect(unsafePath(p), p).toBe(why);
    }
    expect(unsafePath('data/وثيقة.txt')).toBeNull();
    expect(() => manifestText([{ path: 'data/../x', digest: 'a'.repeat(64) }])).toThrow('unsafe path');
  });

  it('verifies a complete bag, with or without its detached signature', async () => {
    expect(await verifyBag(reader(makeBag()))).toEqual({ ok: true, payloadFiles: 3 });
    const signed = makeBag();
    signed.set(SIGNATURE_FILE, enc.encode('-----BEGIN PGP SIGNATURE-----'));
    expect(await verifyBag(reader(signed))).toEqual({ ok: true, payloadFiles: 3 });
  });

  it('names the file when a byte is flipped, a file added or removed, or a tag file edited', async () => {
    let bag = makeBag();
    const pdf = bag.get('data/files/0001-release-list.pdf')!;
    pdf[4] = pdf[4]! ^ 1;
    expect(await verifyBag(reader(bag))).toEqual({
      ok: false,
      problem: { reason: 'digest-mismatch', file: 'data/files/0001-release-list.pdf', algorithm: 'sha256' },
    });
    bag = makeBag();
    bag.set('data/extra.txt', enc.encode('planted'));
    expect(await verifyBag(reader(bag))).toEqual({
      ok: false,
      problem: { reason: 'extra-file', file: 'data/extra.txt' },
    });
    bag = makeBag();
    bag.delete('data/وثيقة.txt');
    expect(await verifyBag(reader(bag))).toEqual({
      ok: false,
      problem: { reason: 'missing-file', file: 'data/وثيقة.txt' },
    });
    bag = makeBag();
    bag.set('bag-info.txt', enc.encode('Source-Organization: Someone else\n'));
    expect(await verifyBag(reader(bag))).toEqual({
      ok: false,
      problem: { reason: 'digest-mismatch', file: 'bag-info.txt', algorithm: 'sha512' },
    });
    bag = makeBag();
    bag.set('notes.txt', enc.encode('not listed'));
    expect(await verifyBag(reader(bag))).toEqual({ ok: false, problem: { reason: 'extra-file', file: 'notes.txt' } });
  });

  it('refuses a crafted path-traversal entry and malformed manifests', async () => {
    const bag = makeBag();
    const evil = `${'0'.repeat(64)}  data/../../home/user/.bashrc\n`;
    bag.set('manifest-sha256.txt', enc.encode(dec.decode(bag.get('manifest-sha256.txt')) + evil));
    expect(await verifyBag(reader(bag))).toMatchObject({
      ok: false,
      problem: { reason: 'unsafe-path', file: 'manifest-sha256.txt' },
    });
    expect(parseManifest('nonsense\n', 'sha256')).toMatchObject({
      ok: false,
      problem: { line: 1, reason: 'malformed' },
    });
    expect(parseManifest(`${'a'.repeat(64)}  data/x\n${'b'.repeat(64)}  data/x\n`, 'sha256')).toMatchObject({
      ok: false,
      problem: { line: 2, reason: 'duplicate' },
    });
  });

  it('writes manifests that coreutils checks with sha256sum -c --strict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'athar-bag-'));
    try {
      for (const [p, b] of makeBag()) {
        mkdirSync(dirname(join(dir, p)), { recursive: true });
        writeFileSync(join(dir, p), b);
      }
      expect(() =>
        execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'manifest-sha256.txt'], { cwd: dir }),
      ).not.toThrow();
      expect(() =>
        execFileSync('sha512sum', ['-c', '--strict', '--quiet', 'manifest-sha512.txt', 'tagmanifest-sha512.txt'], {
          cwd: dir,
        }),
      ).not.toThrow();
      writeFileSync(join(dir, 'data/files/0001-release-list.pdf'), 'tampered');
      expect(() =>
        execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'manifest-sha256.txt'], { cwd: dir, stdio: 'pipe' }),
      ).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
