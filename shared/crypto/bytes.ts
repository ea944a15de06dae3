const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const utf8 = (s: string): Uint8Array => encoder.encode(s);
export const fromUtf8 = (b: Uint8Array): string => decoder.decode(b);

export function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** Hex to bytes; throws on anything that is not an even run of hex digits. */
export function fromHex(h: string): Uint8Array {
  if (h.length % 2 || !/^[0-9a-fA-F]*$/.test(h)) throw new Error('not-hex');
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Gathers bytes that arrive in pieces of any size into blocks of `size`
 * (the last one shorter), handing each to `emit` in order, one at a time:
 * evidence chunks of 4 MiB, and package output in 4 MiB writes.
 */
export function blockGatherer(
  size: number,
  emit: (block: Uint8Array) => Promise<void>,
): { push(bytes: Uint8Array): Promise<void>; flush(): Promise<void> } {
  let block = new Uint8Array(size);
  let used = 0;
  const flush = async (): Promise<void> => {
    if (!used) return;
    const full = block.subarray(0, used);
    block = new Uint8Array(size);
    used = 0;
    await emit(full);
  };
  return {
    async push(bytes) {
      let off = 0;
      while (off < bytes.length) {
        const n = Math.min(size - used, bytes.length - off);
        block.set(bytes.subarray(off, off + n), used);
        used += n;
        off += n;
        if (used === size) await flush();
      }
    },
    flush,
  };
}

/** Bytes as base64 (what a JSON document on the sync server carries), in pieces so large arrays do not overflow. */
export function toBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Base64 to bytes; throws on anything that is not base64. */
export function fromBase64(s: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4) throw new Error('not-base64');
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
