import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding } from '@shared/list-import/decode';

const CSV = 'الاسم,Name\nمحمد الحسن,Mohammed Al-Hassan\n';

/** Windows-1256 bytes for a text, built from the platform's own decoder table (no encoder exists for it in JS). */
function windows1256(text: string): Uint8Array {
  const table = new Map<string, number>();
  const decoded = new TextDecoder('windows-1256').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  [...decoded].forEach((ch, i) => {
    if (!table.has(ch)) table.set(ch, i);
  });
  return Uint8Array.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let o = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, littleEndian);
    o = 2;
  }
  for (let i = 0; i < text.length; i++) view.setUint16(o + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

describe('list encodings', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    const plain = new TextEncoder().encode(CSV);
    expect(detectEncoding(plain)).toBe('utf-8');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    const r = decodeText(bom);
    expect(r.ok && r.value.text).toBe(CSV);
  });

  it('reads UTF-16 in both byte orders, with or without a mark', () => {
    for (const le of [true, false]) {
      for (const bom of [true, false]) {
        const r = decodeText(utf16(`Name,Year\nAhmad,1985\n${CSV}`, le, bom));
        expect(r.ok && r.value.encoding).toBe(le ? 'utf-16le' : 'utf-16be');
        expect(r.ok && r.value.text).toContain('محمد الحسن');
      }
    }
  });

  it('falls back to Windows-1256 when the bytes are not UTF-8 (Arabic Windows spreadsheets)', () => {
    const bytes = windows1256(CSV);
    expect(detectEncoding(bytes)).toBe('windows-1256');
    const r = decodeText(bytes);
    expect(r.ok && r.value.text).toBe(CSV);
    expect(r.ok && r.value.unreadable).toBe(0);
  });

  it('counts what a wrong, forced encoding cannot read, so the screen can say so', () => {
    const r = decodeText(windows1256(CSV), 'utf-8');
    expect(r.ok && r.value.unreadable).toBeGreaterThan(5);
  });

  it('refuses empty and binary files', () => {
    expect(decodeText(new Uint8Array())).toEqual({ ok: false, error: 'empty' });
    expect(decodeText(new TextEncoder().encode('   \n  '))).toEqual({ ok: false, error: 'empty' });
    expect(
      decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), 'windows-1256'),
    ).toEqual({ ok: false, error: 'binary' });
  });

  it('does not mistake a UTF-8 sample cut mid-character for another encoding', () => {
    const long = new TextEncoder().encode('محمد,'.repeat(2000));
    expect(detectEncoding(long)).toBe('utf-8');
  });
});
