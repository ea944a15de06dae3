import { afterEach, describe, expect, it } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import { aesGcmKey, randomBytes } from '../../../../renderer/src/db/webcrypto-key';
import { Keyring } from '../../../../renderer/src/db/keyring';
import { FileStore } from '../../../../renderer/src/db/file-store';
import {
  chunkAad,
  chunkKeysFromWorker,
  readChunks,
  storeFile,
  verifyFile,
} from '../../../../renderer/src/db/file-chunks';

let db: AtharDb;
afterEach(async () => {
  await db.delete();
});

const ID = '5f0c2b1e-7d3a-4e8b-9c61-0a2b3c4d5e6f';
const MARK = 'compartment-1:2';
const original = new Uint8Array(9 * 1024 * 1024 + 17).map((_, i) => (i * 7 + (i >> 13)) & 0xff);

/** An original stored under the data key whose first chunk a rotation moved to a compartment's key before it stopped. */
async function halfResealed() {
  db = new AtharDb(`half-resealed-${Math.random()}`);
  const data = await aesGcmKey(randomBytes(32));
  const compartment = await aesGcmKey(randomBytes(32));
  const keyring = new Keyring(data);
  keyring.hold(MARK, compartment);
  const stored = await storeFile(db, data, ID, new Blob([original]));
  expect(stored.chunkCount).toBe(3);
  const row = (await db.fileChunks.get([ID, 0]))!;
  const plain = await data.decrypt(row.enc.iv, chunkAad(ID, 0), row.enc.ct);
  const iv = randomBytes(12);
  await db.fileChunks.put({
    documentId: ID,
    index: 0,
    k: MARK,
    enc: { v: 1, iv, ct: await compartment.encrypt(iv, chunkAad(ID, 0), plain) },
  });
  const doc = { id: ID, ...stored, mediaType: 'application/octet-stream' };
  return { data, keyring, doc, files: new FileStore(db, data, keyring) };
}

describe('an original half way through a re-seal', () => {
  it('reads, streams and verifies whole, each chunk opened with the key its own mark names', async () => {
    const { files, doc } = await halfResealed();
    const blob = await files.read(doc);
    expect(Buffer.compare(Buffer.from(await blob.arrayBuffer()), Buffer.from(original))).toBe(0);
    let n = 0;
    for await (const c of files.chunks(doc)) n += c.length;
    expect(n).toBe(original.length);

    // What the verify worker and the media service worker are handed: both keys, and nothing else held.
    const keys = await files.documentKeys(ID);
    expect(keys.map(([m]) => m).sort()).toEqual(['', MARK]);
    expect(await verifyFile(db, chunkKeysFromWorker(keys), doc)).toMatchObject({ ok: true });
  });

  it('is not opened with one key for all chunks (what chunk 0 names), which is why the keys go per chunk', async () => {
    const { keyring, doc } = await halfResealed();
    const one = keyring.keyFor(MARK)!;
    const read = async () => {
      for await (const c of readChunks(db, one, doc)) void c;
    };
    await expect(read()).rejects.toBeTruthy();
    expect(await verifyFile(db, one, doc)).toMatchObject({ ok: false, reason: 'chunk-tampered', chunk: 1 });
  });

  it('hands a worker no key of a compartment the file does not name', async () => {
    const { files, keyring } = await halfResealed();
    keyring.hold('other-compartment:1', await aesGcmKey(randomBytes(32)));
    expect((await files.documentKeys(ID)).map(([m]) => m)).not.toContain('other-compartment:1');
  });
});
