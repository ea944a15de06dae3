import { createSHA256, createSHA512 } from 'hash-wasm';
import { recordAad } from '@shared/crypto/envelope';
import type { AtharDb, ChunkRow } from './schema';
import type { AeadKey } from '@shared/crypto/envelope';
import { randomBytes, wrapCryptoKey } from './webcrypto-key';
import { blockGatherer } from '@shared/crypto/bytes';
import { padme } from '@shared/crypto/padding';
import { storageErrorCode } from './vault-errors';

/**
 * Evidence files at rest: the original bytes in 4 MiB chunks, each sealed
 * with AES-GCM bound to its document and index, so chunks cannot be swapped,
 * reordered or moved to another file without failing authentication. The
 * file is read and hashed as it streams; it is never whole in memory.
 */
export const CHUNK_SIZE = 4 * 1024 * 1024;
/** No original is stored as fewer bytes than this, so the smallest files all look alike. */
const MIN_PADDED = 4096;

/**
 * The length an original is stored as (Padmé, shared/crypto/padding.ts). The zeros go at the end of the last chunks (and whole chunks of zeros where the rounding passes a chunk), so
 * neither the number of chunks nor the last chunk's ciphertext tells a file's exact size: a known video can no
 * longer be recognised by its length. Readers stop at the record's `size`.
 */
export function paddedLength(size: number): number {
  return padme(size, MIN_PADDED);
}

/** How many chunks an original of `size` bytes is stored in. */
export const storedChunks = (size: number): number => Math.ceil(paddedLength(size) / CHUNK_SIZE);
/** Chunks written per IndexedDB transaction. */
const BATCH = 4;

export type KeyFor = (mark: string | undefined) => AeadKey | null;

/**
 * What opens an original's chunks: one key, or a key per chunk by the mark it carries. A file half way through a
 * re-seal (a compartment's rotation cut short) has chunks under two keys; each chunk is opened with its own.
 */
export type ChunkKeys = AeadKey | KeyFor;

/** Keys as a worker receives them, by mark ('' for the vault's data key): plain data that structured clone carries. */
export type WorkerChunkKeys = Array<[string, CryptoKey]>;

export function chunkKeysFromWorker(keys: WorkerChunkKeys): KeyFor {
  const byMark = new Map(keys.map(([m, k]) => [m, wrapCryptoKey(k)]));
  return (mark) => byMark.get(mark ?? '') ?? null;
}

const keyOfRow = (keys: ChunkKeys, row: ChunkRow): AeadKey | null => (typeof keys === 'function' ? keys(row.k) : keys);

export type IntakeError = 'unreadable' | 'disk-full' | 'too-large' | 'cancelled' | 'storage-unavailable';

export class IntakeFailure extends Error {
  constructor(readonly code: IntakeError) {
    super(code);
    this.name = 'IntakeFailure';
  }
}

export interface IntakeResult {
  size: number;
  chunkCount: number;
  sha256: string;
  sha512: string;
}

/** What intake reads from: a File or Blob (slice + arrayBuffer). */
export interface ByteSource {
  size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** A storage failure while storing a file, as what the user can do about it. */
function intakeFailureOf(e: unknown): IntakeFailure {
  const code = storageErrorCode(e);
  return new IntakeFailure(
    code === 'storage-full' ? 'disk-full' : code === 'storage-unavailable' ? 'storage-unavailable' : 'unreadable',
  );
}

export const chunkAad = (documentId: string, index: number): Uint8Array =>
  recordAad('fileChunks', `${documentId}:${index}`, 'chunk');

export async function storeFile(
  db: AtharDb,
  key: AeadKey,
  documentId: string,
  source: ByteSource,
  opts: {
    onProgress?: (bytes: number) => void;
    signal?: { cancelled: boolean };
    freeBytes?: number | null;
    /** A restricted case's original: the compartment mark its chunks carry (the key is that compartment's). */
    mark?: string;
  } = {},
): Promise<IntakeResult> {
  const padded = paddedLength(source.size);
  // Refuse up front when the disk cannot hold the file (ciphertext adds 28 bytes a chunk).
  if (opts.freeBytes !== undefined && opts.freeBytes !== null && opts.freeBytes < padded * 1.01 + 1024 * 1024)
    throw new IntakeFailure('too-large');
  const sha256 = await createSHA256();
  const sha512 = await createSHA512();
  sha256.init();
  sha512.init();
  let index = 0;
  let pending: ChunkRow[] = [];
  // One batch may be in flight while the next is prepared; reading the next chunk overlaps with hashing this one.
  let writing: Promise<unknown> = Promise.resolve();
  const flush = async (): Promise<void> => {
    await writing;
    if (!pending.length) return;
    const rows = pending;
    pending = [];
    writing = db.fileChunks.bulkPut(rows);
    // Its failure is thrown where it is awaited (next flush or the end); never leave it unhandled meanwhile.
    writing.catch(() => undefined);
  };
  // A chunk of the file and, past its end, of padding (zeros, never hashed).
  const read = (offset: number): Promise<Uint8Array> => {
    const length = Math.min(CHUNK_SIZE, padded - offset);
    const p = source
      .slice(Math.min(offset, source.size), Math.min(offset + CHUNK_SIZE, source.size))
      .arrayBuffer()
      .then(
        (b) => {
          if (b.byteLength === length) return new Uint8Array(b);
          const chunk = new Uint8Array(length);
          chunk.set(new Uint8Array(b));
          return chunk;
        },
        () => {
          throw new IntakeFailure('unreadable');
        },
      );
    // A read-ahead may fail while an earlier step is still being awaited: it is awaited (and thrown) in its turn, never left unhandled.
    p.catch(() => undefined);
    return p;
  };
  try {
    let next: Promise<Uint8Array> | null = read(0);
    for (let offset = 0; next; offset += CHUNK_SIZE) {
      if (opts.signal?.cancelled) throw new IntakeFailure('cancelled');
      const bytes: Uint8Array = await next;
      next = offset + CHUNK_SIZE < padded ? read(offset + CHUNK_SIZE) : null;
      const iv = randomBytes(12);
      // Encryption runs off this thread in Chromium; hash while it works.
      const sealing = key.encrypt(iv, chunkAad(documentId, index), bytes);
      const data = offset + bytes.length <= source.size ? bytes : bytes.subarray(0, Math.max(0, source.size - offset));
      sha256.update(data);
      sha512.update(data);
      pending.push({ documentId, index, enc: { v: 1, iv, ct: await sealing }, ...(opts.mark ? { k: opts.mark } : {}) });
      index++;
      if (pending.length >= BATCH) await flush();
      opts.onProgress?.(Math.min(offset + CHUNK_SIZE, source.size));
    }
    await flush();
    await writing;
  } catch (e) {
    await writing.catch(() => undefined);
    await deleteChunks(db, documentId).catch(() => undefined);
    throw e instanceof IntakeFailure ? e : intakeFailureOf(e);
  }
  return { size: source.size, chunkCount: index, sha256: sha256.digest('hex'), sha512: sha512.digest('hex') };
}

export async function deleteChunks(db: AtharDb, documentId: string): Promise<void> {
  await db.fileChunks.where('[documentId+index]').between([documentId, 0], [documentId, Infinity]).delete();
}

export type VerifyOutcome =
  | { ok: true; sha256: string; sha512: string }
  | { ok: false; reason: 'hash-mismatch'; sha256: string; sha512: string }
  | { ok: false; reason: 'chunk-missing' | 'chunk-tampered'; chunk: number };

/** Re-reads the stored original, decrypting chunk by chunk, and recomputes both hashes. */
export async function verifyFile(
  db: AtharDb,
  keys: ChunkKeys,
  doc: { id: string; size: number; chunkCount: number; sha256: string; sha512: string },
  onProgress?: (chunk: number) => void,
): Promise<VerifyOutcome> {
  let left = doc.size;
  const sha256 = await createSHA256();
  const sha512 = await createSHA512();
  sha256.init();
  sha512.init();
  for (let i = 0; i < doc.chunkCount; i++) {
    const row = await db.fileChunks.get([doc.id, i]);
    if (!row) return { ok: false, reason: 'chunk-missing', chunk: i };
    let bytes: Uint8Array;
    try {
      const key = keyOfRow(keys, row);
      if (!key) throw new IntakeFailure('unreadable');
      bytes = await key.decrypt(row.enc.iv, chunkAad(doc.id, i), row.enc.ct);
    } catch {
      return { ok: false, reason: 'chunk-tampered', chunk: i };
    }
    const data = bytes.subarray(0, Math.max(0, Math.min(bytes.length, left)));
    left -= data.length;
    sha256.update(data);
    sha512.update(data);
    onProgress?.(i + 1);
  }
  const h256 = sha256.digest('hex');
  const h512 = sha512.digest('hex');
  return h256 === doc.sha256 && h512 === doc.sha512
    ? { ok: true, sha256: h256, sha512: h512 }
    : { ok: false, reason: 'hash-mismatch', sha256: h256, sha512: h512 };
}

/** One chunk of a stored original, decrypted (for streaming a range of it). */
export async function decryptChunk(
  db: AtharDb,
  keys: ChunkKeys,
  documentId: string,
  index: number,
): Promise<Uint8Array> {
  const row = await db.fileChunks.get([documentId, index]);
  const key = row ? keyOfRow(keys, row) : null;
  if (!row || !key) throw new IntakeFailure('unreadable');
  return key.decrypt(row.enc.iv, chunkAad(documentId, index), row.enc.ct);
}

/** The decrypted original as a Blob, for previews and exports of small files; large files are streamed by their callers. */
export async function readFile(
  db: AtharDb,
  key: ChunkKeys,
  doc: { id: string; size: number; chunkCount: number; mediaType: string },
): Promise<Blob> {
  const parts: Uint8Array[] = [];
  for await (const bytes of readChunks(db, key, doc, 1)) parts.push(bytes);
  return new Blob(parts as BlobPart[], { type: doc.mediaType });
}

/**
 * A stored original, decrypted chunk by chunk in order. A few chunks are
 * read and decrypted ahead (WebCrypto works off this thread), so a consumer
 * that encrypts or hashes is not kept waiting; memory stays a few chunks.
 * Each chunk is authenticated against its document and index as it comes.
 */
export async function* readChunks(
  db: AtharDb,
  key: ChunkKeys,
  doc: { id: string; size: number; chunkCount: number },
  readAhead = 3,
): AsyncGenerator<Uint8Array> {
  let left = doc.size;
  const fetchChunk = (i: number): Promise<Uint8Array> => {
    const p = decryptChunk(db, key, doc.id, i);
    p.catch(() => undefined);
    return p;
  };
  const ahead: Array<Promise<Uint8Array>> = [];
  let next = 0;
  while (next < doc.chunkCount && ahead.length < readAhead) ahead.push(fetchChunk(next++));
  while (ahead.length) {
    const bytes = await ahead.shift()!;
    if (next < doc.chunkCount) ahead.push(fetchChunk(next++));
    // The padding after the original's last byte is never handed out.
    const data = bytes.length <= left ? bytes : bytes.subarray(0, Math.max(0, left));
    left -= data.length;
    if (data.length) yield data;
  }
}

/**
 * A file pushed into the vault piece by piece (an original arriving inside a
 * package): gathered into 4 MiB chunks, each sealed to its document and
 * index, hashed as it passes. `abort` removes whatever was stored.
 */
export interface ChunkWriter {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<IntakeResult>;
  abort(): Promise<void>;
}

export async function chunkWriter(db: AtharDb, key: AeadKey, documentId: string, mark?: string): Promise<ChunkWriter> {
  const [sha256, sha512] = await Promise.all([createSHA256(), createSHA512()]);
  sha256.init();
  sha512.init();
  let index = 0;
  let size = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const chunks = blockGatherer(CHUNK_SIZE, async (bytes) => {
    const iv = randomBytes(12);
    const row: ChunkRow = {
      documentId,
      index,
      enc: { v: 1, iv, ct: await key.encrypt(iv, chunkAad(documentId, index), bytes) },
      ...(mark ? { k: mark } : {}),
    };
    index++;
    await writing;
    writing = db.fileChunks.put(row);
    writing.catch(() => undefined);
  });
  const failed = (e: unknown): never => {
    throw intakeFailureOf(e);
  };
  return {
    async write(bytes) {
      sha256.update(bytes);
      sha512.update(bytes);
      size += bytes.length;
      await chunks.push(bytes).catch(failed);
    },
    async close() {
      const zeros = new Uint8Array(Math.min(CHUNK_SIZE, paddedLength(size) - size));
      for (let pad = paddedLength(size) - size; pad > 0; pad -= zeros.length)
        await chunks.push(pad >= zeros.length ? zeros : zeros.subarray(0, pad)).catch(failed);
      await chunks.flush().catch(failed);
      await writing.catch(failed);
      return { size, chunkCount: index, sha256: sha256.digest('hex'), sha512: sha512.digest('hex') };
    },
    async abort() {
      await writing.catch(() => undefined);
      await deleteChunks(db, documentId).catch(() => undefined);
    },
  };
}

/** The key that opens a row with this compartment mark (undefined: the data key), or null when it is not held. */

/**
 * An original's chunks sealed again with the key of `to` (a compartment's mark, or undefined for the data key),
 * one chunk per transaction, so memory stays one chunk and a stop anywhere leaves each chunk whole under one key.
 * A chunk already under `to` is left as it is; one that no held key opens is counted and left.
 */
export async function resealChunks(
  db: AtharDb,
  keyFor: KeyFor,
  documentId: string,
  to: string | undefined,
  signal?: AbortSignal,
): Promise<{ resealed: number; unreadable: number }> {
  const target = keyFor(to);
  if (!target) throw new IntakeFailure('unreadable');
  const out = { resealed: 0, unreadable: 0 };
  const keys = (await db.fileChunks
    .where('[documentId+index]')
    .between([documentId, 0], [documentId, Infinity])
    .primaryKeys()) as Array<[string, number]>;
  for (const key of keys) {
    if (signal?.aborted) throw new IntakeFailure('cancelled');
    const row = await db.fileChunks.get(key);
    if (!row || row.k === to) continue;
    const from = keyFor(row.k);
    const aad = chunkAad(documentId, row.index);
    const plain = from ? await from.decrypt(row.enc.iv, aad, row.enc.ct).catch(() => null) : null;
    if (!plain) {
      out.unreadable++;
      continue;
    }
    const iv = randomBytes(12);
    const next: ChunkRow = {
      documentId,
      index: row.index,
      enc: { v: 1, iv, ct: await target.encrypt(iv, aad, plain) },
    };
    if (to) next.k = to;
    await db.fileChunks.put(next);
    out.resealed++;
  }
  return out;
}
