import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import {
  CHUNK_SIZE,
  chunkWriter,
  paddedLength,
  readChunks,
  storedChunks,
  type IntakeFailure,
  readFile,
  storeFile,
  verifyFile,
  type ByteSource,
} from '../../../../renderer/src/db/file-chunks';
import { aesGcmKey, randomBytes, type WebAeadKey } from '../../../../renderer/src/db/webcrypto-key';

let db: AtharDb;
let key: WebAeadKey;
beforeEach(async () => {
  db = new AtharDb(`chunks-${Math.random()}`);
  key = await aesGcmKey(randomBytes(32));
});
afterEach(async () => {
  await db.delete();
});

function bytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + (i >> 11)) & 0xff;
  return b;
}
const source = (b: Uint8Array): ByteSource => ({
  size: b.length,
  slice: (s, e) => ({ arrayBuffer: async () => b.slice(s, e).buffer }),
});
const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return (e as IntakeFailure).code;
  }
};

describe('padding of stored originals', () => {
  it('rounds every length up by at most 12%, to a length shared by many others, never below 4 KiB', () => {
    expect(paddedLength(0)).toBe(4096);
    expect(paddedLength(4000)).toBe(4096);
    const seen = new Set<number>();
    for (let n = 4097; n < 50_000_000; n = Math.floor(n * 1.013) + 7) {
      const p = paddedLength(n);
      expect(p).toBeGreaterThanOrEqual(n);
      expect(p / n).toBeLessThan(1.12);
      seen.add(p);
    }
    // Far fewer stored lengths than file lengths: the length no longer names the file.
    expect(seen.size).toBeLessThan(400);
  });

  it('stores two originals of different lengths in the same bucket as chunks of the same lengths', async () => {
    const lengths = async (id: string) =>
      (await db.fileChunks.where('[documentId+index]').between([id, 0], [id, Infinity]).toArray()).map(
        (r) => r.enc.ct.length,
      );
    const a = bytes(5_000_000);
    const b = bytes(5_000_000 + 40_000);
    expect(paddedLength(a.length)).toBe(paddedLength(b.length));
    const ra = await storeFile(db, key, 'pad-a', source(a));
    await storeFile(db, key, 'pad-b', source(b));
    expect(await lengths('pad-a')).toEqual(await lengths('pad-b'));
    expect(ra.chunkCount).toBe(storedChunks(a.length));
    // Readers stop at the original's last byte: the padding never comes out.
    const out: Uint8Array[] = [];
    for await (const c of readChunks(db, key, { id: 'pad-a', size: a.length, chunkCount: ra.chunkCount })) out.push(c);
    expect(Buffer.compare(Buffer.concat(out), Buffer.from(a))).toBe(0);
    expect(await verifyFile(db, key, { id: 'pad-a', ...ra })).toMatchObject({ ok: true });

    // An original arriving in a package is padded the same way.
    const w = await chunkWriter(db, key, 'pad-c');
    for (let off = 0; off < b.length; off += 1_000_000) await w.write(b.subarray(off, off + 1_000_000));
    const rc = await w.close();
    expect(rc.size).toBe(b.length);
    expect(await lengths('pad-c')).toEqual(await lengths('pad-b'));
    expect(await verifyFile(db, key, { id: 'pad-c', ...rc })).toMatchObject({ ok: true });
  });
});

describe('evidence file chunks', () => {
  it('stores a file in encrypted chunks with SHA-256 and SHA-512 of the original bytes', async () => {
    const data = bytes(CHUNK_SIZE * 2 + 12345);
    const progress: number[] = [];
    const r = await storeFile(db, key, 'doc-1', source(data), { onProgress: (b) => progress.push(b) });
    expect(r).toEqual({
      size: data.length,
      chunkCount: 3,
      sha256: createHash('sha256').update(data).digest('hex'),
      sha512: createHash('sha512').update(data).digest('hex'),
    });
    expect(progress.at(-1)).toBe(data.length);
    expect(await db.fileChunks.count()).toBe(3);
    const row = await db.fileChunks.get(['doc-1', 0]);
    expect(Buffer.from(row!.enc.ct).includes(Buffer.from(data.slice(0, 64)))).toBe(false);
    const back = new Uint8Array(
      await (
        await readFile(db, key, {
          id: 'doc-1',
          size: data.length,
          chunkCount: 3,
          mediaType: 'application/octet-stream',
        })
      ).arrayBuffer(),
    );
    // Compare as buffers: element-by-element deep equality of megabytes is needlessly slow.
    expect(Buffer.compare(Buffer.from(back), Buffer.from(data))).toBe(0);
    expect(await verifyFile(db, key, { id: 'doc-1', ...r })).toMatchObject({ ok: true });
  });

  it('handles an empty file', async () => {
    const r = await storeFile(db, key, 'empty', source(new Uint8Array(0)));
    expect(r.sha256).toBe(createHash('sha256').update('').digest('hex'));
    expect(await verifyFile(db, key, { id: 'empty', ...r })).toMatchObject({ ok: true });
  });

  it('detects a flipped byte, swapped chunks, a missing chunk and a changed hash', async () => {
    const r = await storeFile(db, key, 'doc-2', source(bytes(CHUNK_SIZE * 3)));
    const doc = { id: 'doc-2', ...r };
    const c1 = (await db.fileChunks.get(['doc-2', 1]))!;
    const flipped = c1.enc.ct.slice();
    flipped[100]! ^= 1;
    await db.fileChunks.put({ ...c1, enc: { ...c1.enc, ct: flipped } });
    expect(await verifyFile(db, key, doc)).toEqual({ ok: false, reason: 'chunk-tampered', chunk: 1 });
    await db.fileChunks.put(c1);
    const c2 = (await db.fileChunks.get(['doc-2', 2]))!;
    await db.fileChunks.put({ ...c2, index: 1 });
    await db.fileChunks.put({ ...c1, index: 2 });
    expect(await verifyFile(db, key, doc)).toEqual({ ok: false, reason: 'chunk-tampered', chunk: 1 });
    await db.fileChunks.put(c1);
    await db.fileChunks.put(c2);
    expect(await verifyFile(db, key, { ...doc, sha256: '0'.repeat(64) })).toMatchObject({
      ok: false,
      reason: 'hash-mismatch',
      sha256: r.sha256,
    });
    await db.fileChunks.delete(['doc-2', 2]);
    expect(await verifyFile(db, key, doc)).toEqual({ ok: false, reason: 'chunk-missing', chunk: 2 });
  });

  it('leaves nothing behind when cancelled, when the file becomes unreadable, or when the disk fills', async () => {
    const signal = { cancelled: false };
    expect(
      await code(
        storeFile(db, key, 'c', source(bytes(CHUNK_SIZE * 20)), {
          signal,
          onProgress: (b) => {
            if (b > CHUNK_SIZE * 10) signal.cancelled = true;
          },
        }),
      ),
    ).toBe('cancelled');
    expect(await db.fileChunks.count()).toBe(0);

    const data = bytes(CHUNK_SIZE * 12);
    const vanishing: ByteSource = {
      size: data.length,
      slice: (s, e) => ({
        arrayBuffer: async () => {
          if (s >= CHUNK_SIZE * 9) throw new DOMException('gone', 'NotReadableError');
          return data.slice(s, e).buffer;
        },
      }),
    };
    expect(await code(storeFile(db, key, 'u', vanishing))).toBe('unreadable');
    expect(await db.fileChunks.count()).toBe(0);

    let writes = 0;
    const realBulkPut = db.fileChunks.bulkPut.bind(db.fileChunks);
    db.fileChunks.bulkPut = ((rows: never) => {
      if (++writes > 1) return Promise.reject(new DOMException('full', 'QuotaExceededError'));
      return realBulkPut(rows);
    }) as typeof db.fileChunks.bulkPut;
    expect(await code(storeFile(db, key, 'q', source(data)))).toBe('disk-full');
    expect(await db.fileChunks.count()).toBe(0);
  });

  it('refuses a file larger than the free space before writing anything', async () => {
    expect(
      await code(
        storeFile(
          db,
          key,
          'big',
          {
            size: 4 * 1024 ** 3,
            slice: () => {
              throw new Error('must not read');
            },
          },
          { freeBytes: 1024 ** 3 },
        ),
      ),
    ).toBe('too-large');
    expect(await db.fileChunks.count()).toBe(0);
  });
});
