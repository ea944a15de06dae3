import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import {
  CHUNK_SIZE,
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
        await readFile(db, key, { id: 'doc-1', chunkCount: 3, mediaType: 'application/octet-stream' })
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
