import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/browser';
import type { TFunction } from 'i18next';
import { longRows, type PatternTable } from './pattern-tables';

/**
 * The counts as files for analysts. CSV: one long table (table, row, column, people) with a byte-order mark so
 * spreadsheets read Arabic as UTF-8, and a cell beginning = + - @ quoted so no spreadsheet runs it as a formula.
 * XLSX: one sheet per table as the screen shows it, right to left in Arabic.
 */
export function countsCsv(tables: readonly PatternTable[], t: TFunction): Uint8Array {
  const text = `\uFEFF${Papa.unparse(longRows(tables, t), { newline: '\r\n', escapeFormulae: true })}\r\n`;
  return new TextEncoder().encode(text);
}

export async function countsXlsx(tables: readonly PatternTable[], lang: 'en' | 'ar'): Promise<Uint8Array> {
  const sheets = tables.map((table) => ({
    // Sheet names are at most 31 characters and may not hold : \ / ? * [ ].
    sheet: table.title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31),
    rightToLeft: lang === 'ar',
    columns: [{ width: 32 }, ...table.columns.map(() => ({ width: 12 }))],
    data: [
      [table.rowHeader, ...table.columns].map((value) => ({ value, fontWeight: 'bold' as const })),
      ...table.rows.map((r) => [{ value: r.label }, ...r.cells.map((c) => ({ value: c?.count ?? 0 }))]),
    ],
  }));
  const blob = await writeXlsxFile(sheets).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
