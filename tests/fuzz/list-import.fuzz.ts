import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readListFile, type ListResult } from '@shared/list-import/read-list-file';
import { ENCODINGS } from '@shared/list-import/decode';
import { xlsx } from '../fixtures/list/xlsx';
import { mutated, params, within } from './fuzz';

const FAILURES = ['empty', 'binary', 'too-large', 'too-many-rows', 'not-a-table', 'xlsx-unreadable'];

/** A list read gives rows or one of its typed refusals: never an exception, never a hang. */
async function answered(bytes: Uint8Array, name: string, encoding?: (typeof ENCODINGS)[number]): Promise<ListResult> {
  const r = await within(readListFile(new File([bytes as Uint8Array<ArrayBuffer>], name), encoding));
  if (r.ok) {
    expect(Array.isArray(r.table.headers)).toBe(true);
    expect(r.table.rows.length).toBe(r.table.lines.length);
  } else expect(FAILURES).toContain(r.error);
  return r;
}

const cellText = fc.string({ unit: 'grapheme', maxLength: 30 });
const table = fc.array(fc.array(cellText, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 20 });

function encode(text: string, encoding: (typeof ENCODINGS)[number] | 'utf-8-bom'): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'utf-8-bom') return new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
  const units = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
  const out = new Uint8Array(2 + units.length * 2);
  const le = encoding === 'utf-16le';
  out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
  units.forEach((u, i) => {
    out[2 + 2 * i] = le ? u & 0xff : u >> 8;
    out[3 + 2 * i] = le ? u >> 8 : u & 0xff;
  });
  // Windows-1256 has no encoder in the platform; arbitrary bytes below exercise its decoding.
  return encoding === 'windows-1256' ? new Uint8Array([...text].map((c) => c.charCodeAt(0) & 0xff)) : out;
}

describe('list import, fuzzed', () => {
  it('answers arbitrary bytes under any name and any chosen encoding with rows or a typed refusal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        fc.constantFrom('list.csv', 'list.tsv', 'list.txt', 'list.xlsx'),
        fc.option(fc.constantFrom(...ENCODINGS), { nil: undefined }),
        async (bytes, name, encoding) => {
          await answered(bytes, name, encoding);
        },
      ),
      params(),
    );
  });

  it('reads generated tables in every encoding, with quotes, delimiters and both scripts', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1256'),
        async (rows, delimiter, encoding) => {
          const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
          const text = rows.map((r) => r.map(quote).join(delimiter)).join('\r\n');
          await answered(encode(text, encoding as never), 'list.csv');
        },
      ),
      params(),
    );
  });

  it('answers damaged XLSX files with rows or "xlsx-unreadable"', async () => {
    const valid = xlsx([
      ['الاسم', 'Name', 'Year'],
      ['محمد الحسن', 'Mohammed', '1985'],
      ['رنا', 'Rana', ''],
    ]);
    await fc.assert(
      fc.asyncProperty(mutated(valid), async (bytes) => {
        await answered(bytes, 'list.xlsx');
      }),
      params(),
    );
  });
});
