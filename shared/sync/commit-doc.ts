import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json';
import { concatBytes, fromBase64, fromUtf8, toBase64, utf8 } from '../crypto/bytes';
import { openBytes, recordAad, sealBytes, type AeadKey, type Envelope, type RandomBytes } from '../crypto/envelope';
import { padme } from '../crypto/padding';
import { auditEntrySchema, RECORD_SCHEMAS, uuid, type AuditEntry } from '../domain/records';

/**
 * What the sync server holds of one commit: a document whose id is random to the server and whose one field
 * is AES-GCM ciphertext under the vault's data key, bound to that id. Inside: the device the commit was made
 * on, its signed audit entries, and the sealed rows it wrote, each exactly as the device stores it (a restricted
 * case's rows stay sealed under their compartment key, so a member without that key gets them and cannot open
 * them). The plaintext is padded (Padmé) before sealing, so the server sees a size class, not a size.
 * Documents are written once and never changed: the server holds no revision history of any record.
 */
export const SYNC_DOC_VERSION = 1;
/** The smallest document: a commit of one case with its person (about 4 KB) and a contact's look the same. */
export const MIN_SEALED_BYTES = 8192;
/** A commit of 2,000 imported cases is about 6 MiB; anything past this is refused unread. */
export const MAX_SEALED_BYTES = 48 * 1024 * 1024;
const MAX_ITEMS = 20_000;
/** A part holds at most this many entries, and at most PART_BYTES of rows; a whole commit at most MAX_WHOLE_ENTRIES. */
export const PART_ITEMS = 5_000;
export const PART_BYTES = 24 * 1024 * 1024;
const MAX_WHOLE_ENTRIES = 2_000_000;

export interface SyncRow {
  table: string;
  id: string;
  k?: string;
  enc: Envelope;
}

export interface SyncCommit {
  /** The vault (device) whose chain these entries belong to. */
  device: string;
  entries: AuditEntry[];
  rows: SyncRow[];
  /**
   * A commit too large for one document is sent in parts, each naming the whole commit's first and last entry:
   * a receiver puts the parts together before judging anything (the signature covers the whole).
   */
  whole?: { from: number; to: number };
  /**
   * The member's signature, made when the commit was sent, over the rows it carries (commitRowsMessage): the same
   * on every part of a commit, over the whole commit's rows.
   */
  rowsSig?: string;
}

export interface SyncDoc {
  _id: string;
  v: typeof SYNC_DOC_VERSION;
  /** base64 of the IV and the ciphertext. */
  c: string;
}

export type SyncDocProblem = 'malformed' | 'too-large' | 'unreadable';

export class SyncDocError extends Error {
  constructor(readonly problem: SyncDocProblem) {
    super(`sync document ${problem}`);
    this.name = 'SyncDocError';
  }
}

export const SYNC_DOC_ID = /^[0-9a-f]{32}$/;
// Base64 is checked where it is decoded (fromBase64 refuses anything else): checking it here as well doubled the
// cost of opening a large commit.
const b64 = z.string();

const docSchema = z.object({
  _id: z.string().regex(SYNC_DOC_ID),
  _rev: z.string().max(200).optional(),
  v: z.literal(SYNC_DOC_VERSION),
  c: b64.max(Math.ceil((MAX_SEALED_BYTES + 12 + 16) / 3) * 4),
});

const TABLES = Object.keys(RECORD_SCHEMAS) as [string, ...string[]];
const rowSchema = z.object({
  table: z.enum(TABLES),
  id: z.string().min(1).max(200),
  k: z.string().min(1).max(200).optional(),
  enc: z.object({ v: z.literal(1), iv: b64.length(16), ct: b64.max(Math.ceil(MAX_SEALED_BYTES / 3) * 4) }),
});
const commitSchema = z.object({
  device: uuid,
  entries: z.array(auditEntrySchema).min(1).max(MAX_ITEMS),
  rows: z.array(rowSchema).max(MAX_ITEMS),
  whole: z
    .object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
    .refine((w) => w.to >= w.from && w.to - w.from < MAX_WHOLE_ENTRIES)
    .optional(),
  rowsSig: z
    .string()
    .regex(/^[0-9a-f]{128}$/)
    .optional(),
});

const aadFor = (id: string, purpose: string): Uint8Array => recordAad('sync', id, purpose);

export async function sealCommitDoc(
  key: AeadKey,
  random: RandomBytes,
  id: string,
  commit: SyncCommit,
): Promise<SyncDoc> {
  // What a receiver would refuse is not sent (and so never acknowledged as sent).
  if (commit.entries.length > MAX_ITEMS || commit.rows.length > MAX_ITEMS) throw new SyncDocError('too-large');
  return sealPaddedDoc(key, random, id, 'sync-commit', {
    ...commit,
    rows: commit.rows.map((r) => ({ ...r, enc: { v: r.enc.v, iv: toBase64(r.enc.iv), ct: toBase64(r.enc.ct) } })),
  });
}

/**
 * Any document Athar writes to the server: canonical JSON, padded (Padmé, 8 KiB at least), sealed under `key`
 * bound to its id and purpose. Commits and enrolment messages look the same to the server.
 */
export async function sealPaddedDoc(
  key: AeadKey,
  random: RandomBytes,
  id: string,
  purpose: string,
  value: unknown,
): Promise<SyncDoc> {
  if (!SYNC_DOC_ID.test(id)) throw new SyncDocError('malformed');
  const json = utf8(canonicalJson(value));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, json.length);
  const padded = new Uint8Array(padme(4 + json.length, MIN_SEALED_BYTES));
  padded.set(concatBytes(length, json));
  if (padded.length > MAX_SEALED_BYTES) throw new SyncDocError('too-large');
  const env = await sealBytes(key, random, aadFor(id, purpose), padded);
  return { _id: id, v: SYNC_DOC_VERSION, c: toBase64(concatBytes(env.iv, env.ct)) };
}

/** The JSON a padded document holds, checked in shape and size before anything is decrypted. */
export async function openPaddedDoc(key: AeadKey, doc: unknown, purpose: string): Promise<unknown> {
  const parsed = docSchema.safeParse(doc);
  if (!parsed.success) {
    const tooLong = parsed.error.issues.some((i) => i.code === 'too_big');
    throw new SyncDocError(tooLong ? 'too-large' : 'malformed');
  }
  let sealed: Uint8Array;
  try {
    sealed = fromBase64(parsed.data.c);
  } catch {
    throw new SyncDocError('malformed');
  }
  if (sealed.length < 12 + 16 + MIN_SEALED_BYTES) throw new SyncDocError('malformed');
  let plain: Uint8Array;
  try {
    plain = await openBytes(
      key,
      { v: 1, iv: sealed.subarray(0, 12), ct: sealed.subarray(12) },
      aadFor(parsed.data._id, purpose),
    );
  } catch {
    throw new SyncDocError('unreadable');
  }
  const length = new DataView(plain.buffer, plain.byteOffset, plain.byteLength).getUint32(0);
  if (length > plain.length - 4) throw new SyncDocError('malformed');
  try {
    return JSON.parse(fromUtf8(plain.subarray(4, 4 + length)));
  } catch {
    throw new SyncDocError('malformed');
  }
}

/** A document as the server handed it over: checked in shape and size before anything is decrypted. */
export async function openCommitDoc(key: AeadKey, doc: unknown): Promise<SyncCommit> {
  const value = await openPaddedDoc(key, doc, 'sync-commit');
  const commit = commitSchema.safeParse(value);
  if (!commit.success) throw new SyncDocError('malformed');
  try {
    return {
      device: commit.data.device,
      ...(commit.data.whole ? { whole: commit.data.whole } : {}),
      ...(commit.data.rowsSig ? { rowsSig: commit.data.rowsSig } : {}),
      entries: commit.data.entries,
      rows: commit.data.rows.map((r) => ({
        table: r.table,
        id: r.id,
        ...(r.k ? { k: r.k } : {}),
        enc: { v: 1, iv: fromBase64(r.enc.iv), ct: fromBase64(r.enc.ct) },
      })),
    };
  } catch {
    throw new SyncDocError('malformed');
  }
}

/** Whether this commit is one part of a larger one, not all of it. */
export const isPart = (c: SyncCommit): boolean =>
  c.whole !== undefined && (c.entries[0]!.seq !== c.whole.from || c.entries.at(-1)!.seq !== c.whole.to);

/**
 * A commit cut into parts that fit a document each: entries in order, each part with the rows its entries last
 * wrote. One that fits is returned as it is.
 */
export function splitCommit(c: SyncCommit): SyncCommit[] {
  const rowBytes = (r: SyncRow): number => r.enc.ct.length + 200;
  const total = c.rows.reduce((n, r) => n + rowBytes(r), 0);
  if (c.entries.length <= PART_ITEMS && c.rows.length <= PART_ITEMS && total <= PART_BYTES) return [c];
  const rowsOf = new Map<string, SyncRow>(c.rows.map((r) => [`${r.table}/${r.id}`, r]));
  // A row goes with the last entry of the commit that wrote it.
  const lastWriter = new Map<string, number>();
  c.entries.forEach((e, i) => {
    if (rowsOf.has(`${e.table}/${e.recordId}`)) lastWriter.set(`${e.table}/${e.recordId}`, i);
  });
  const whole = { from: c.entries[0]!.seq, to: c.entries.at(-1)!.seq };
  const parts: SyncCommit[] = [];
  let entries: AuditEntry[] = [];
  let rows: SyncRow[] = [];
  let bytes = 0;
  const flush = (): void => {
    if (entries.length)
      parts.push({ device: c.device, entries, rows, whole, ...(c.rowsSig ? { rowsSig: c.rowsSig } : {}) });
    entries = [];
    rows = [];
    bytes = 0;
  };
  c.entries.forEach((e, i) => {
    const key = `${e.table}/${e.recordId}`;
    const row = lastWriter.get(key) === i ? rowsOf.get(key) : undefined;
    if (
      entries.length &&
      (entries.length >= PART_ITEMS || rows.length >= PART_ITEMS || (row && bytes + rowBytes(row) > PART_BYTES))
    )
      flush();
    entries.push(e);
    if (row) {
      rows.push(row);
      bytes += rowBytes(row);
    }
  });
  flush();
  return parts;
}

/** The parts of one commit put back together; null while any is missing, or if they do not fit one another. */
export function joinParts(parts: readonly SyncCommit[]): SyncCommit | null {
  const whole = parts[0]?.whole;
  if (!whole) return null;
  const bySeq = new Map<number, SyncCommit>();
  for (const p of parts) {
    if (
      p.device !== parts[0]!.device ||
      p.whole?.from !== whole.from ||
      p.whole.to !== whole.to ||
      p.rowsSig !== parts[0]!.rowsSig
    )
      return null;
    bySeq.set(p.entries[0]!.seq, p);
  }
  const entries: AuditEntry[] = [];
  const rows: SyncRow[] = [];
  let next = whole.from;
  while (next <= whole.to) {
    const p = bySeq.get(next);
    if (!p) return null;
    for (const e of p.entries) {
      if (e.seq !== next) return null;
      entries.push(e);
      next++;
    }
    rows.push(...p.rows);
  }
  if (next !== whole.to + 1) return null;
  const rowsSig = parts[0]!.rowsSig;
  return { device: parts[0]!.device, entries, rows, ...(rowsSig ? { rowsSig } : {}) };
}
