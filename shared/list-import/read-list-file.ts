import Papa from 'papaparse';
import { unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/universal';
import { decodeText, type Encoding } from './decode';

/** The largest list Athar reads in one go: a 100,000-row list with a dozen columns is about 20 MB. */
export const MAX_LIST_BYTES = 150 * 1024 * 1024;
export const MAX_LIST_ROWS = 500_000;

export interface ListTable {
  headers: string[];
  rows: string[][];
  /** Where each row came from in the file (1-based line or sheet row), for the report. */
  lines: number[];
  encoding: Encoding | 'xlsx';
  unreadable: number;
}

export type ListFailure = 'empty' | 'binary' | 'too-large' | 'too-many-rows' | 'not-a-table' | 'xlsx-unreadable';

export type ListResult = { ok: true; table: ListTable } | { ok: false; error: ListFailure };

const isXlsx = (name: string, bytes: Uint8Array): boolean =>
  /\.xlsx$/i.test(name) || (bytes[0] === 0x50 && bytes[1] === 0x4b && /\.(xlsx|xlsm)$/i.test(name));

/** Reads a CSV/TSV (any of the encodings Athar detects) or an XLSX file into rows of text. Nothing is stored. */
export async function readListFile(file: File, encoding?: Encoding): Promise<ListResult> {
  if (file.size > MAX_LIST_BYTES) return { ok: false, error: 'too-large' };
  if (file.size === 0) return { ok: false, error: 'empty' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isXlsx(file.name, bytes)) return readXlsx(bytes);
  // A zip or other binary container that is not named .xlsx is not a list Athar can read.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03) return { ok: false, error: 'binary' };
  const decoded = decodeText(bytes, encoding);
  if (!decoded.ok) return { ok: false, error: decoded.error };
  return parseCsv(decoded.value.text, decoded.value.encoding, decoded.value.unreadable);
}

export function parseCsv(text: string, encoding: Encoding, unreadable: number): ListResult {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const data = parsed.data;
  if (data.length < 2) return { ok: false, error: data.length ? 'not-a-table' : 'empty' };
  if (data.length - 1 > MAX_LIST_ROWS) return { ok: false, error: 'too-many-rows' };
  const [headers, ...rows] = data as [string[], ...string[][]];
  if (headers.length < 1) return { ok: false, error: 'not-a-table' };
  // Papa reports rows, not lines; with quoted newlines they differ, so the row number (plus the header) is what the report gives.
  return {
    ok: true,
    table: { headers: headers.map((h) => h.trim()), rows, lines: rows.map((_, i) => i + 2), encoding, unreadable },
  };
}

/**
 * An XLSX is a zip: a few kilobytes can declare a sheet of gigabytes (a zip bomb), which the spreadsheet
 * reader would inflate on the page's thread. The sizes the zip declares are read first, without inflating
 * anything, and more than the CSV limit in all is refused.
 */
const MAX_XLSX_INFLATED = MAX_LIST_BYTES;

function declaredTooLarge(bytes: Uint8Array): boolean {
  let total = 0;
  let tooLarge = false;
  unzipSync(bytes, {
    filter: (f) => {
      total += f.originalSize;
      if (total > MAX_XLSX_INFLATED) tooLarge = true;
      return false;
    },
  });
  return tooLarge;
}

async function readXlsx(bytes: Uint8Array): Promise<ListResult> {
  try {
    if (declaredTooLarge(bytes)) return { ok: false, error: 'too-large' };
    const sheet = await readSheet(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const text = sheet.map((row) =>
      row.map((cell) =>
        cell === null || cell === undefined
          ? ''
          : cell instanceof Date
            ? cell.toISOString().slice(0, 10)
            : String(cell),
      ),
    );
    while (text.length && text[text.length - 1]!.every((c) => !c.trim())) text.pop();
    if (text.length < 2) return { ok: false, error: text.length ? 'not-a-table' : 'empty' };
    if (text.length - 1 > MAX_LIST_ROWS) return { ok: false, error: 'too-many-rows' };
    const [headers, ...rows] = text as [string[], ...string[][]];
    const width = headers.length;
    // Spreadsheets drop trailing empty cells: pad to the header's width so a short row is not a broken one.
    return {
      ok: true,
      table: {
        headers: headers.map((h) => h.trim()),
        rows: rows.map((r) => (r.length < width ? [...r, ...new Array<string>(width - r.length).fill('')] : r)),
        lines: rows.map((_, i) => i + 2),
        encoding: 'xlsx',
        unreadable: 0,
      },
    };
  } catch {
    return { ok: false, error: 'xlsx-unreadable' };
  }
}
