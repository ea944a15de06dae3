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

const BASE64_VALUES = ((): Int8Array => {
  const t = new Int8Array(65536).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
})();

/**
 * Base64 to bytes; throws on anything that is not padded base64. One pass over a table, checking as it goes: a
 * pattern test and atob before a copy read every document from the server three times.
 */
export function fromBase64(s: string): Uint8Array {
  const n = s.length;
  if (n % 4) throw new Error('not-base64');
  const pad = n && s.charCodeAt(n - 1) === 61 ? (s.charCodeAt(n - 2) === 61 ? 2 : 1) : 0;
  const out = new Uint8Array((n / 4) * 3 - pad);
  const v = BASE64_VALUES;
  // Any character outside the alphabet has the value -1, and one of them leaves `bad` negative.
  let bad = 0;
  let o = 0;
  const whole = pad ? n - 4 : n;
  for (let i = 0; i < whole; i += 4) {
    const a = v[s.charCodeAt(i)]!;
    const b = v[s.charCodeAt(i + 1)]!;
    const c = v[s.charCodeAt(i + 2)]!;
    const d = v[s.charCodeAt(i + 3)]!;
    bad |= a | b | c | d;
    const w = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = w >> 16;
    out[o++] = (w >> 8) & 255;
    out[o++] = w & 255;
  }
  if (pad) {
    const a = v[s.charCodeAt(n - 4)]!;
    const b = v[s.charCodeAt(n - 3)]!;
    const c = pad === 1 ? v[s.charCodeAt(n - 2)]! : 0;
    bad |= a | b | c;
    const w = (a << 18) | (b << 12) | (c << 6);
    out[o++] = w >> 16;
    if (pad === 1) out[o] = (w >> 8) & 255;
  }
  if (bad < 0) throw new Error('not-base64');
  return out;
}
