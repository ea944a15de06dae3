import { Cancelled, isCancelled } from '@shared/cancelled';
import * as openpgp from 'openpgp';
import { createTarDecoder } from 'modern-tar';
import { createSHA256, createSHA512 } from 'hash-wasm';
import { quickCheck, seipdCiphertext } from './quick-check';
import {
  SIGNATURE_FILE,
  unsafePath,
  verifyBag,
  type Algorithm,
  type BagProblem,
  type BagReader,
} from '@shared/package/bagit';

/**
 * Opens an evidence package or a backup as a stream: OpenPGP decryption
 * (the vault's key or a passphrase), then the tar, each file hashed as it
 * passes; then the whole bag is checked (every manifest line, no missing or
 * extra file, no unsafe path, Payload-Oxum) and the tag manifest's
 * signature is verified against keys the vault knows.
 *
 * Nothing is trusted before the end: openpgp.js hands out plaintext before
 * the integrity check at the end of the message (allowUnauthenticatedStream),
 * so whatever a caller stores from `onFile` must be thrown away unless this
 * resolves. Only originals under data/files/ are passed on; the small files
 * (records, logs, tag files) are kept in memory for the caller to read.
 */
export type PackageProblem =
  | { reason: 'not-openpgp' }
  | { reason: 'wrong-key' }
  | { reason: 'wrong-passphrase' }
  | { reason: 'damaged' }
  | { reason: 'compressed' }
  | { reason: 'not-a-tar' }
  | { reason: 'not-a-bag'; file?: string }
  | { reason: 'unsafe-entry'; file: string }
  | { reason: 'duplicate-entry'; file: string }
  | { reason: 'too-large'; file: string }
  | { reason: 'signature-missing' }
  | { reason: 'signature-invalid' }
  | { reason: 'signer-unknown'; fingerprint: string }
  | BagProblem;

export class PackageRefused extends Error {
  constructor(readonly problem: PackageProblem) {
    super(`${problem.reason}${'file' in problem && problem.file ? `: ${problem.file}` : ''}`);
    this.name = 'PackageRefused';
  }
}

export interface TrustedKey {
  armored: string;
  label: string;
}

export interface FileSink {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface ReadOptions {
  /** Armoured private keys that may decrypt it (the organisation's key). */
  decryptionKeys?: string[];
  passphrase?: string;
  /** Public keys whose signature is accepted, with what to call them in the report; for a backup, read from the bag itself. */
  trustedKeys: TrustedKey[] | ((texts: ReadonlyMap<string, string>) => TrustedKey[]);
  /** Backups made before any signing key existed carry no signature; packages must. */
  requireSignature: boolean;
  /** Called for each original (data/files/…) with its path and size; a sink receives its bytes. */
  onFile?: (path: string, size: number) => Promise<FileSink | null>;
  /** The largest file outside data/files/ accepted; TEXT_LIMIT unless given. */
  textLimit?: number;
  /** Encrypted bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  signal?: AbortSignal;
}

export interface EntryFacts {
  size: number;
  sha256: string;
  sha512: string;
}

export interface OpenedPackage {
  bagName: string;
  /** Every file of the bag, by its path inside the bag. */
  entries: Map<string, EntryFacts>;
  /** The small files' text: tag files and data/ outside data/files/. */
  texts: Map<string, string>;
  bagInfo: Map<string, string>;
  signer: { fingerprint: string; label: string; userId: string } | null;
  payloadFiles: number;
  payloadBytes: number;
}

/**
 * A file outside data/files/ larger than this is not a record file Athar writes: exports write one records
 * file (about 5 KiB a case) and backups write pages of a few hundred records. Everything read before the
 * signature is checked is an attacker's to choose, so this bounds what a package can make the reader hold.
 */
export const TEXT_LIMIT = 128 * 1024 * 1024;
/**
 * Backups page their records (5,000 to a file), and only open with the passphrase their owner chose, so a
 * stranger cannot send one that opens; a page may be larger. V8's longest string is about 512 Mi characters.
 */
export const BACKUP_TEXT_LIMIT = 512 * 1024 * 1024;

/** The source, counted as it is read; `stop` ends it, so that nothing goes on reading a package that was refused. */
function counting(
  source: ReadableStream<Uint8Array>,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): { stream: ReadableStream<Uint8Array>; stop: () => void } {
  const reader = source.getReader();
  let n = 0;
  let stopped = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(c) {
      if (stopped) {
        c.close();
        await reader.cancel().catch(() => undefined);
        return;
      }
      if (signal?.aborted) {
        c.error(new Cancelled());
        await reader.cancel().catch(() => undefined);
        return;
      }
      const { done, value } = await reader.read();
      if (done) {
        c.close();
        return;
      }
      n += value.length;
      onBytes(n);
      c.enqueue(value);
    },
    cancel: (why) => reader.cancel(why),
  });
  return {
    stream,
    stop: () => {
      stopped = true;
    },
  };
}

/** What a failure of the decrypted stream means: openpgp.js reports a compressed packet through its size limit. */
function streamProblem(cause: unknown): PackageProblem {
  return cause instanceof Error && /decompress/i.test(cause.message) ? { reason: 'compressed' } : { reason: 'damaged' };
}

/** Marks whether the decrypted stream itself failed (altered or cut short), as opposed to what was made of it. */
function watched(
  source: ReadableStream<Uint8Array>,
  flag: { failed: boolean; cause?: unknown },
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(c) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (e) {
        flag.failed = true;
        flag.cause = e;
        c.error(e);
        return;
      }
      if (r.done) c.close();
      else c.enqueue(r.value);
    },
    cancel: (why) => reader.cancel(why),
  });
}

export async function readPackage(source: ReadableStream<Uint8Array>, o: ReadOptions): Promise<OpenedPackage> {
  let done = false;
  const { stream: input, stop } = counting(
    source,
    (n) => {
      if (!done) o.onProgress?.(n);
    },
    o.signal,
  );
  try {
    return await readCounted(input, o);
  } finally {
    done = true;
    stop();
  }
}

/** The first bytes of a stream (up to `n`), and a stream that gives them again followed by the rest. */
async function peek(
  input: ReadableStream<Uint8Array>,
  n: number,
): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array> }> {
  const reader = input.getReader();
  const parts: Uint8Array[] = [];
  let have = 0;
  let ended = false;
  while (have < n) {
    const r = await reader.read();
    if (r.done) {
      ended = true;
      break;
    }
    parts.push(r.value);
    have += r.value.length;
  }
  const head = new Uint8Array(have);
  let off = 0;
  for (const p of parts) {
    head.set(p, off);
    off += p.length;
  }
  let replayed = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(c) {
      if (!replayed) {
        replayed = true;
        if (head.length) c.enqueue(head);
        if (ended) c.close();
        return;
      }
      const r = await reader.read();
      if (r.done) c.close();
      else c.enqueue(r.value);
    },
    cancel: (why) => reader.cancel(why),
  });
  return { head, stream };
}

async function readCounted(input: ReadableStream<Uint8Array>, o: ReadOptions): Promise<OpenedPackage> {
  const wrong = (): PackageRefused =>
    new PackageRefused({ reason: o.passphrase && !o.decryptionKeys?.length ? 'wrong-passphrase' : 'wrong-key' });
  const { head, stream } = await peek(input, 64 * 1024);
  let message: openpgp.Message<ReadableStream<Uint8Array>>;
  try {
    message = await openpgp.readMessage({ binaryMessage: stream });
  } catch (e) {
    if (isCancelled(e)) throw e;
    throw new PackageRefused({ reason: 'not-openpgp' });
  }
  let data: ReadableStream<Uint8Array>;
  try {
    const decryptionKeys = o.decryptionKeys?.length
      ? await Promise.all(o.decryptionKeys.map((armoredKey) => openpgp.readPrivateKey({ armoredKey })))
      : undefined;
    const keys = {
      ...(decryptionKeys ? { decryptionKeys } : {}),
      ...(o.passphrase ? { passwords: [o.passphrase] } : {}),
    };
    const candidates = await openpgp.decryptSessionKeys({ message, ...keys }).catch((e: unknown) => {
      throw isCancelled(e) ? e : wrong();
    });
    // A wrong passphrase yields a session key too (noise): test each on the first bytes before decrypting anything.
    const ct = seipdCiphertext(head);
    const sessionKeys = ct
      ? await filterAsync(candidates, (k) => quickCheck(k.data, k.algorithm ?? '', ct))
      : candidates;
    if (!sessionKeys.length) throw wrong();
    const r = await openpgp.decrypt({
      message,
      format: 'binary',
      sessionKeys: sessionKeys as openpgp.SessionKey[],
      config: {
        // Safe only because nothing read here is kept unless the whole message checks out (see above).
        allowUnauthenticatedStream: true,
        // Athar writes no compressed packets, and a compressed one is the cheap way to make a small file expand
        // to gigabytes before any signature is checked: a byte out of one is refused (see decompressionRefused).
        maxDecompressedMessageSize: 0,
      },
    });
    data = r.data as unknown as ReadableStream<Uint8Array>;
  } catch (e) {
    if (isCancelled(e) || e instanceof PackageRefused) throw e;
    if (streamProblem(e).reason === 'compressed') throw new PackageRefused({ reason: 'compressed' });
    throw wrong();
  }

  const decryptState: { failed: boolean; cause?: unknown } = { failed: false };
  const entries = new Map<string, EntryFacts>();
  const texts = new Map<string, string>();
  let bagName: string | null = null;
  // The decrypted stream is read to its very end by this pump, whatever the tar decoder makes of it: the
  // integrity check sits at the end of the message, and a decoder that stops at the end-of-archive marker
  // would otherwise leave it unread (and a damaged end unnoticed).
  const decoder = createTarDecoder({ strict: true });
  const tarWriter = decoder.writable.getWriter();
  // Once the decoder has failed, the rest of the message is still decrypted (for its integrity check) but dropped:
  // a decoder whose reading side failed may keep accepting writes, and would hold them all in memory.
  let feeding = true;
  const pump = (async (): Promise<void> => {
    const r = watched(data, decryptState).getReader();
    for (;;) {
      const next = await r.read();
      if (next.done) break;
      if (feeding)
        await tarWriter.write(next.value).catch(() => {
          feeding = false;
        });
    }
    if (feeding) await tarWriter.close().catch(() => undefined);
  })();
  pump.catch((e: unknown) => {
    void tarWriter.abort(e).catch(() => undefined);
  });
  // Chromium does not always pass an abort on to a decoder that is waiting on its reader: every read races the pump.
  const pumpFailed = new Promise<never>((_, reject) => {
    pump.catch(reject);
  });
  pumpFailed.catch(() => undefined);
  const tar = decoder.readable.getReader();
  const fail = async (e: unknown): Promise<never> => {
    if (e instanceof PackageRefused || isCancelled(e)) throw e;
    if (o.signal?.aborted) throw new Cancelled();
    // A damaged message makes the tar decoder fail first, on the garbage it was fed; the integrity check that
    // names the real cause comes at the end of the message. Let the pump read to the end before judging, feeding
    // nothing more to the decoder, and stop waiting at once if the person cancels.
    feeding = false;
    if (!decryptState.failed) await Promise.race([pump.catch(() => undefined), whenAborted(o.signal)]);
    if (o.signal?.aborted) throw new Cancelled();
    if (decryptState.failed)
      throw isCancelled(decryptState.cause)
        ? decryptState.cause
        : new PackageRefused(streamProblem(decryptState.cause));
    throw e instanceof TypeError ||
      e instanceof RangeError ||
      (e instanceof Error && /tar|header|checksum/i.test(e.message))
      ? new PackageRefused({ reason: 'not-a-tar' })
      : e;
  };
  try {
    for (;;) {
      const next = await Promise.race([tar.read(), pumpFailed]).catch(fail);
      if (next.done) break;
      const { header, body } = next.value;
      const type = header.type ?? 'file';
      const name = header.name.replace(/\/$/, '');
      const slash = name.indexOf('/');
      const top = slash < 0 ? name : name.slice(0, slash);
      const rel = slash < 0 ? '' : name.slice(slash + 1);
      bagName ??= top;
      if (top !== bagName || unsafePath(top)) {
        await body.cancel().catch(() => undefined);
        throw new PackageRefused({ reason: 'unsafe-entry', file: header.name });
      }
      if (type === 'directory' && (!rel || !unsafePath(rel))) {
        await body.cancel().catch(() => undefined);
        continue;
      }
      // Links, devices and anything but a plain file with a safe path: a package never holds them.
      if (type !== 'file' || !rel || unsafePath(rel)) {
        await body.cancel().catch(() => undefined);
        throw new PackageRefused({ reason: 'unsafe-entry', file: header.name });
      }
      if (entries.has(rel)) {
        await body.cancel().catch(() => undefined);
        throw new PackageRefused({ reason: 'duplicate-entry', file: rel });
      }
      const isOriginal = rel.startsWith('data/files/');
      if (!isOriginal && header.size > (o.textLimit ?? TEXT_LIMIT)) {
        await body.cancel().catch(() => undefined);
        throw new PackageRefused({ reason: 'too-large', file: rel });
      }
      const [h256, h512] = await Promise.all([createSHA256(), createSHA512()]);
      h256.init();
      h512.init();
      const sink = isOriginal && o.onFile ? await o.onFile(rel, header.size) : null;
      // Decoded as it arrives, so a record file is held once (as text), not also as pieces and joined bytes.
      const text = isOriginal ? null : new TextDecoder('utf-8', { fatal: false });
      const parts: string[] = [];
      const reader = body.getReader();
      let size = 0;
      for (;;) {
        const r = await Promise.race([reader.read(), pumpFailed]).catch(fail);
        if (r.done) break;
        if (o.signal?.aborted) throw new Cancelled();
        const b = r.value;
        size += b.length;
        h256.update(b);
        h512.update(b);
        if (sink) await sink.write(b);
        else if (text) parts.push(text.decode(b, { stream: true }));
      }
      if (sink) await sink.close();
      entries.set(rel, { size, sha256: h256.digest('hex'), sha512: h512.digest('hex') });
      if (text) texts.set(rel, parts.join('') + text.decode());
    }
  } catch (e) {
    await tar.cancel().catch(() => undefined);
    await fail(e);
  }
  // The end of the message is where openpgp.js checks its integrity.
  await pump.catch(() => undefined);
  if (decryptState.failed) throw new PackageRefused(streamProblem(decryptState.cause));
  if (!bagName || !entries.size) throw new PackageRefused({ reason: 'not-a-bag' });

  const bag: BagReader = {
    paths: () => [...entries.keys()],
    text: async (p) => texts.get(p) ?? '',
    digest: async (p, a: Algorithm) => entries.get(p)?.[a] ?? '',
    size: async (p) => entries.get(p)?.size ?? -1,
  };
  const verdict = await verifyBag(bag);
  if (!verdict.ok) throw new PackageRefused(verdict.problem);

  const signer = await checkSignature(texts, o);
  const bagInfo = new Map<string, string>();
  for (const line of (texts.get('bag-info.txt') ?? '').split('\n')) {
    const m = /^([^:]+): (.*)$/.exec(line);
    if (m) bagInfo.set(m[1]!, m[2]!);
  }
  const payload = [...entries].filter(([p]) => p.startsWith('data/'));
  return {
    bagName,
    entries,
    texts,
    bagInfo,
    signer,
    payloadFiles: payload.length,
    payloadBytes: payload.reduce((n, [, e]) => n + e.size, 0),
  };
}

async function checkSignature(texts: Map<string, string>, o: ReadOptions): Promise<OpenedPackage['signer']> {
  const armored = texts.get(SIGNATURE_FILE);
  if (armored === undefined) {
    if (o.requireSignature) throw new PackageRefused({ reason: 'signature-missing' });
    return null;
  }
  let signature: openpgp.Signature;
  try {
    signature = await openpgp.readSignature({ armoredSignature: armored });
  } catch {
    throw new PackageRefused({ reason: 'signature-invalid' });
  }
  const signedBy = signature.getSigningKeyIDs().map((k) => k.toHex());
  const trusted = typeof o.trustedKeys === 'function' ? o.trustedKeys(texts) : o.trustedKeys;
  const keys = await Promise.all(
    trusted.map(async (t) => ({ t, key: await openpgp.readKey({ armoredKey: t.armored }).catch(() => null) })),
  );
  const match = keys.find((k) => k.key && k.key.getKeyIDs().some((id) => signedBy.includes(id.toHex())));
  if (!match?.key)
    throw new PackageRefused({ reason: 'signer-unknown', fingerprint: (signedBy[0] ?? '').toUpperCase() });
  try {
    const v = await openpgp.verify({
      message: await openpgp.createMessage({
        binary: new TextEncoder().encode(texts.get('tagmanifest-sha512.txt') ?? ''),
      }),
      signature,
      verificationKeys: match.key,
    });
    await v.signatures[0]!.verified;
  } catch {
    throw new PackageRefused({ reason: 'signature-invalid' });
  }
  return {
    fingerprint: match.key.getFingerprint().toUpperCase(),
    label: match.t.label,
    userId: match.key.getUserIDs()[0] ?? '',
  };
}

async function filterAsync<T>(items: readonly T[], keep: (t: T) => Promise<boolean>): Promise<T[]> {
  const verdicts = await Promise.all(items.map(keep));
  return items.filter((_, i) => verdicts[i]);
}

/** A byte array as a stream, in pieces (tests, and packages already in memory). */
export function bytesStream(bytes: Uint8Array, piece = 1 << 20): ReadableStream<Uint8Array> {
  let off = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (off >= bytes.length) {
        c.close();
        return;
      }
      c.enqueue(bytes.slice(off, off + piece));
      off += piece;
    },
  });
}

/** Resolves when the signal aborts (never, without one). */
function whenAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
