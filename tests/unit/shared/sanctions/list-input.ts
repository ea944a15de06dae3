import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';
import type { ListRows } from '@shared/sanctions/table-columns';

// By path from the repository root: the fuzz project runs in happy-dom, where import.meta.url is no file URL.
const dir = resolve(process.cwd(), 'tests/fixtures/sanctions');
export const fixture = (name: string): string => readFileSync(resolve(dir, name), 'utf8');
export const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(resolve(dir, name)));

/** Text as a stream of small pieces, so a parser meets every boundary: inside a tag, a name, a multi-byte letter. */
export async function* chunked(text: string, size = 97): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

export function csvRows(text: string): ListRows {
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' }).data;
  return { rows, lines: rows.map((_, i) => i + 1) };
}

export async function xlsxRows(bytes: Uint8Array): Promise<ListRows> {
  const sheet = await readSheet(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const rows = sheet.map((r) =>
    r.map((c) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c))),
  );
  return { rows, lines: rows.map((_, i) => i + 1) };
}
