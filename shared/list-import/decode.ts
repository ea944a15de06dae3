/**
 * Reading a list file's bytes as text. Detainee and tracing lists arrive as
 * UTF-8, as UTF-16 (Excel's "Unicode text"), or as Windows-1256 (Arabic
 * Windows and older Excel "CSV"). A byte-order mark decides; otherwise the
 * pattern of zero bytes tells UTF-16, and strict UTF-8 decoding tells UTF-8
 * from Windows-1256.
 */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1256'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export type DecodeFailure = 'binary' | 'empty';

export function detectEncoding(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // Without a mark: UTF-16 text of Latin or digits has a zero in every other byte.
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++)
    if (sample[i] === 0) {
      if (i % 2) oddZeros++;
      else evenZeros++;
    }
  const half = sample.length / 2;
  if (oddZeros > half * 0.3 && evenZeros < half * 0.05) return 'utf-16le';
  if (evenZeros > half * 0.3 && oddZeros < half * 0.05) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(
      sample.length === bytes.length ? bytes : trimToCharBoundary(sample),
    );
    return 'utf-8';
  } catch {
    return 'windows-1256';
  }
}

/** A prefix cut in the middle of a UTF-8 sequence is not invalid UTF-8: drop the incomplete tail before checking. */
function trimToCharBoundary(b: Uint8Array): Uint8Array {
  let end = b.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = b[end - back]!;
    if ((byte & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  return b.subarray(0, end);
}

export interface Decoded {
  text: string;
  encoding: Encoding;
  unreadable: number;
}

/** The text, in the given or detected encoding, without its byte-order mark; `unreadable` counts characters that could not be decoded. */
export function decodeText(
  bytes: Uint8Array,
  encoding: Encoding = detectEncoding(bytes),
): { ok: true; value: Decoded } | { ok: false; error: DecodeFailure } {
  if (bytes.length === 0) return { ok: false, error: 'empty' };
  const text = new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, '');
  // Text files do not hold NUL characters: this is a spreadsheet, an archive or an image.
  if (text.slice(0, 8192).includes('\u0000')) return { ok: false, error: 'binary' };
  if (!text.trim()) return { ok: false, error: 'empty' };
  let unreadable = 0;
  for (const ch of text) if (ch === '\uFFFD') unreadable++;
  return { ok: true, value: { text, encoding, unreadable } };
}
