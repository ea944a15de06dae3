import { blockGatherer } from '@shared/crypto/bytes';
import { Cancelled } from '@shared/cancelled';
import * as openpgp from 'openpgp';
import { createTarPacker } from 'modern-tar';
import { createSHA256, createSHA512 } from 'hash-wasm';
import { BAGIT_TXT, bagInfoText, manifestText, payloadOxum, SIGNATURE_FILE, unsafePath } from '@shared/package/bagit';
import { encryptingStream, type EncryptTarget } from './openpgp-stream';

/**
 * Writes an evidence package (or a backup) as a stream: a BagIt 1.0 bag
 * (payload under data/, SHA-256 and SHA-512 manifests, a SHA-512 tag
 * manifest and its detached OpenPGP signature by the organisation's key),
 * in a tar archive, OpenPGP-encrypted to the recipient's keys or to a
 * passphrase. Readable with gpg, tar and coreutils alone.
 *
 * Nothing is held whole: each payload file flows from its source through
 * the hashes, the tar and the cipher to the sink, 1–4 MiB at a time. Tar,
 * not zip: every entry's size is known before its bytes (so the archive is
 * written in one pass without a 4 GiB limit) and the reader can check it in
 * one pass too, without a temporary plaintext copy.
 */
export interface PayloadEntry {
  path: string;
  size: number;
  /** The bytes, in order; the writer checks that they add up to size. */
  read(): AsyncIterable<Uint8Array>;
  /** Digests known in advance: originals carry their intake hashes, and their chunks are authenticated as they are decrypted. */
  digests?: { sha256: string; sha512: string };
}

/** Where the encrypted bytes go: a file the main process writes (.part, renamed on close), or the browser's private file system. */
/** A small file made only when its turn comes (a page of a backup's records), so the pages are never all in memory at once. */
export interface LazyEntry {
  path: string;
  lazy: () => Promise<Uint8Array>;
}

export interface PackageSink {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export interface PackageInput {
  bagName: string;
  payload: Array<PayloadEntry | LazyEntry>;
  bagInfo: Array<[string, string]>;
  /** The organisation's key; null only for a backup of a vault that has none (then the bag is unsigned). */
  signingKeyArmored: string | null;
  target: EncryptTarget;
  now?: Date;
  onProgress?: (payloadBytesDone: number, payloadBytesTotal: number) => void;
  signal?: AbortSignal;
}

export interface WrittenPackage {
  files: string[];
  payloadBytes: number;
  bytesWritten: number;
  tagManifest: string;
}

export class PackageSourceError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'PackageSourceError';
  }
}

const enc = new TextEncoder();

export function bytesEntry(path: string, bytes: Uint8Array | string): PayloadEntry {
  const b = typeof bytes === 'string' ? enc.encode(bytes) : bytes;
  return {
    path,
    size: b.length,
    read: async function* () {
      yield b;
    },
  };
}

async function digestsOf(b: Uint8Array): Promise<{ sha256: string; sha512: string }> {
  const [a, c] = await Promise.all([createSHA256(), createSHA512()]);
  a.init().update(b);
  c.init().update(b);
  return { sha256: a.digest('hex'), sha512: c.digest('hex') };
}

export async function writePackage(input: PackageInput, sink: PackageSink): Promise<WrittenPackage> {
  if (unsafePath(input.bagName) || input.bagName.includes('/')) throw new Error('unsafe bag name');
  const seen = new Set<string>();
  let payloadTotal = 0;
  for (const f of input.payload) {
    if (!f.path.startsWith('data/') || unsafePath(f.path)) throw new Error(`unsafe payload path: ${f.path}`);
    if (seen.has(f.path)) throw new Error(`duplicate payload path: ${f.path}`);
    seen.add(f.path);
    if ('size' in f) payloadTotal += f.size;
  }
  const signingKey =
    input.signingKeyArmored === null ? null : await openpgp.readPrivateKey({ armoredKey: input.signingKeyArmored });
  const now = input.now ?? new Date();
  const { readable, controller } = createTarPacker();
  const encrypted = readable.pipeThrough(await encryptingStream(input.target, `${input.bagName}.tar`, now));
  let bytesWritten = 0;
  // The cipher emits 1 MiB pieces and one-byte length headers; each sink write is an IPC call or a file
  // system request, so they are gathered into 4 MiB writes.
  // One write at a time: letting two or four 4 MiB writes run ahead of the cipher was 12% faster at
  // 2 GiB (48 → 54 MiB/s) but grew the renderer by 310–326 MiB instead of 205 (Chromium's file writer
  // holds what is queued), past the 300 MiB target.
  const out = blockGatherer(4 * 1024 * 1024, async (full) => {
    await sink.write(full);
    bytesWritten += full.length;
  });
  const draining = encrypted.pipeTo(
    new WritableStream<Uint8Array>({ write: (b) => out.push(b), close: () => out.flush() }),
  );
  // Seen by whoever awaits it; never unhandled while the payload is still being fed.
  draining.catch(() => undefined);
  // A failing sink (full disk) must stop the feeding at once, not leave it waiting on a stream nobody reads.
  const sinkFailed = new Promise<never>((_, reject) => {
    draining.catch(reject);
  });
  sinkFailed.catch(() => undefined);
  const files: string[] = [];

  const add = async (
    path: string,
    size: number,
    chunks: AsyncIterable<Uint8Array>,
    onChunk?: (b: Uint8Array) => void,
  ): Promise<void> => {
    const w = controller.add({ name: `${input.bagName}/${path}`, size, mode: 0o644, mtime: now }).getWriter();
    let n = 0;
    for await (const b of chunks) {
      if (input.signal?.aborted) throw new Cancelled();
      n += b.length;
      if (n > size) throw new PackageSourceError(path, 'longer than recorded');
      onChunk?.(b);
      await Promise.race([w.write(b), sinkFailed]);
    }
    if (n !== size) throw new PackageSourceError(path, 'shorter than recorded');
    await Promise.race([w.close(), sinkFailed]);
    files.push(`${input.bagName}/${path}`);
  };
  const addBytes = (path: string, b: Uint8Array): Promise<void> =>
    add(
      path,
      b.length,
      (async function* () {
        yield b;
      })(),
    );

  try {
    const manifest256: Array<{ path: string; digest: string }> = [];
    const manifest512: Array<{ path: string; digest: string }> = [];
    let done = 0;
    let actualTotal = 0;
    for (const item of input.payload) {
      const f = 'lazy' in item ? bytesEntry(item.path, await item.lazy()) : item;
      actualTotal += f.size;
      let d = f.digests;
      const h = d ? null : await Promise.all([createSHA256(), createSHA512()]);
      h?.forEach((x) => x.init());
      const counted = !('lazy' in item);
      await add(f.path, f.size, f.read(), (b) => {
        h?.[0].update(b);
        h?.[1].update(b);
        if (!counted) return;
        done += b.length;
        input.onProgress?.(done, payloadTotal);
      });
      d ??= { sha256: h![0].digest('hex'), sha512: h![1].digest('hex') };
      manifest256.push({ path: f.path, digest: d.sha256 });
      manifest512.push({ path: f.path, digest: d.sha512 });
    }
    const tags: Array<[string, Uint8Array]> = [
      ['bagit.txt', enc.encode(BAGIT_TXT)],
      [
        'bag-info.txt',
        enc.encode(bagInfoText([...input.bagInfo, ['Payload-Oxum', payloadOxum(actualTotal, input.payload.length)]])),
      ],
      ['manifest-sha256.txt', enc.encode(manifestText(manifest256))],
      ['manifest-sha512.txt', enc.encode(manifestText(manifest512))],
    ];
    const tagManifest = manifestText(
      await Promise.all(tags.map(async ([path, b]) => ({ path, digest: (await digestsOf(b)).sha512 }))),
    );
    const signature = signingKey
      ? await openpgp.sign({
          message: await openpgp.createMessage({ binary: enc.encode(tagManifest) }),
          signingKeys: signingKey,
          detached: true,
          format: 'armored',
          date: now,
        })
      : null;
    for (const [path, b] of tags) await addBytes(path, b);
    await addBytes('tagmanifest-sha512.txt', enc.encode(tagManifest));
    if (signature) await addBytes(SIGNATURE_FILE, enc.encode(signature));
    controller.finalize();
    await draining;
    await sink.close();
    return { files, payloadBytes: actualTotal, bytesWritten, tagManifest };
  } catch (e) {
    controller.error(e);
    await draining.catch(() => undefined);
    await sink.abort().catch(() => undefined);
    throw e;
  }
}

/** A sink into memory, for small packages and tests. */
export function memorySink(): PackageSink & { bytes(): Uint8Array; state: 'open' | 'closed' | 'aborted' } {
  const parts: Uint8Array[] = [];
  const s = {
    state: 'open' as 'open' | 'closed' | 'aborted',
    write: async (b: Uint8Array) => {
      parts.push(b.slice());
    },
    close: async () => {
      s.state = 'closed';
    },
    abort: async () => {
      s.state = 'aborted';
      parts.length = 0;
    },
    bytes: () => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) {
        out.set(p, o);
        o += p.length;
      }
      return out;
    },
  };
  return s;
}
