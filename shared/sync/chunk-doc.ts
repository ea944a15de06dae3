import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json';
import { concatBytes, fromUtf8, toBase64, utf8 } from '../crypto/bytes';
import { openBytes, recordAad, sealBytes, type AeadKey, type RandomBytes } from '../crypto/envelope';
import { uuid } from '../domain/records';
import { SYNC_DOC_ID, SYNC_DOC_VERSION, SyncDocError } from './commit-doc';

/**
 * One 4 MiB chunk of an evidence original on the sync server: a document whose id is random to the server, with
 * one attachment, `c`, of AES-GCM ciphertext under a team key bound to that id. The changes feed carries only
 * the attachment's stub, so a page of the feed stays small; the bytes are fetched one chunk at a time, and a
 * dropped connection costs at most the chunk in flight. Inside: which document and index the chunk is, and its
 * bytes — in clear for a standard case's original (the sender's own data key is its alone), or still sealed
 * under the compartment key for a restricted case's, so a member without that key gets nothing readable.
 * The original's hashes are in its signed document record; a receiver checks the whole file against them.
 */
export const CHUNK_ATTACHMENT = 'c';
/** A chunk's bytes (4 MiB), a compartment seal's IV and tag, and the header, with room to spare. */
export const MAX_CHUNK_DOC_BYTES = 4 * 1024 * 1024 + 64 * 1024;
/** More chunks than any original this build stores has (4 GiB and its padding is about 1,100). */
const MAX_INDEX = 65_535;

export interface ChunkHeader {
  /** The document record the chunk belongs to. */
  d: string;
  i: number;
  /** The compartment mark the bytes are sealed under; absent when they are in clear. */
  k?: string;
}

export interface ChunkDoc {
  _id: string;
  v: typeof SYNC_DOC_VERSION;
  f: 1;
  _attachments: { [CHUNK_ATTACHMENT]: { content_type: 'application/octet-stream'; data: string } };
}

const headerSchema = z.strictObject({
  d: uuid,
  i: z.number().int().nonnegative().max(MAX_INDEX),
  k: z.string().min(1).max(200).optional(),
});

/** A chunk document as the changes feed gives it: the attachment's stub, checked before its bytes are asked for. */
const stubSchema = z.object({
  _id: z.string().regex(SYNC_DOC_ID),
  _rev: z.string().max(200).optional(),
  v: z.literal(SYNC_DOC_VERSION),
  f: z.literal(1),
  _attachments: z.object({
    [CHUNK_ATTACHMENT]: z.object({ length: z.number().int().positive().max(MAX_CHUNK_DOC_BYTES) }),
  }),
});

/** Whether a document from the feed says it is a chunk (it is then judged as one, and nothing else). */
export const isChunkDoc = (doc: unknown): boolean =>
  !!doc && typeof doc === 'object' && (doc as { f?: unknown }).f !== undefined;

/** The checked stub of a chunk document, or the reason it is refused unread. */
export function chunkStub(doc: unknown): { id: string; length: number } {
  const parsed = stubSchema.safeParse(doc);
  if (!parsed.success) {
    const tooLong = parsed.error.issues.some((i) => i.code === 'too_big');
    throw new SyncDocError(tooLong ? 'too-large' : 'malformed');
  }
  return { id: parsed.data._id, length: parsed.data._attachments[CHUNK_ATTACHMENT].length };
}

const aadFor = (id: string): Uint8Array => recordAad('sync', id, 'sync-chunk');

export async function sealChunkDoc(
  key: AeadKey,
  random: RandomBytes,
  id: string,
  header: ChunkHeader,
  bytes: Uint8Array,
): Promise<ChunkDoc> {
  if (!SYNC_DOC_ID.test(id) || !headerSchema.safeParse(header).success) throw new SyncDocError('malformed');
  const json = utf8(canonicalJson(header));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, json.length);
  const env = await sealBytes(key, random, aadFor(id), concatBytes(length, json, bytes));
  const sealed = concatBytes(env.iv, env.ct);
  if (sealed.length > MAX_CHUNK_DOC_BYTES) throw new SyncDocError('too-large');
  return {
    _id: id,
    v: SYNC_DOC_VERSION,
    f: 1,
    _attachments: { [CHUNK_ATTACHMENT]: { content_type: 'application/octet-stream', data: toBase64(sealed) } },
  };
}

/** A chunk's attachment opened with `key` (the one it was sealed under, bound to the document's id). */
export async function openChunk(
  key: AeadKey,
  id: string,
  sealed: Uint8Array,
): Promise<{ header: ChunkHeader; bytes: Uint8Array }> {
  if (!SYNC_DOC_ID.test(id)) throw new SyncDocError('malformed');
  if (sealed.length > MAX_CHUNK_DOC_BYTES) throw new SyncDocError('too-large');
  if (sealed.length < 12 + 16 + 4) throw new SyncDocError('malformed');
  let plain: Uint8Array;
  try {
    plain = await openBytes(key, { v: 1, iv: sealed.subarray(0, 12), ct: sealed.subarray(12) }, aadFor(id));
  } catch {
    throw new SyncDocError('unreadable');
  }
  const length = new DataView(plain.buffer, plain.byteOffset, plain.byteLength).getUint32(0);
  if (length > plain.length - 4) throw new SyncDocError('malformed');
  let header: unknown;
  try {
    header = JSON.parse(fromUtf8(plain.subarray(4, 4 + length)));
  } catch {
    throw new SyncDocError('malformed');
  }
  const parsed = headerSchema.safeParse(header);
  if (!parsed.success) throw new SyncDocError('malformed');
  const bytes = plain.subarray(4 + length);
  // A sealed chunk is an IV and a ciphertext with its tag, at least.
  if (parsed.data.k && bytes.length < 12 + 16) throw new SyncDocError('malformed');
  return { header: parsed.data, bytes };
}
