import { ListFormatError } from './designation';

/** A list read as rows of text, each with the line (or sheet row) it came from. */
export interface ListRows {
  rows: string[][];
  lines: number[];
}

const norm = (h: string): string =>
  h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Finds a table's header row (the first that holds every required column) and where each known column is.
 * Columns are found by name, not position, since authorities add columns between releases.
 */
export function findColumns<C extends Record<string, readonly string[]>>(
  table: ListRows,
  names: C,
  required: ReadonlyArray<keyof C & string>,
  file: string,
): { at: Partial<Record<keyof C & string, number>>; start: number } {
  type K = keyof C & string;
  const scan = Math.min(table.rows.length, 10);
  for (let r = 0; r < scan; r++) {
    const headers = table.rows[r]!.map(norm);
    const at: Partial<Record<K, number>> = {};
    for (const key of Object.keys(names) as K[]) {
      const i = headers.findIndex((h) => names[key]!.some((n) => norm(n) === h));
      if (i >= 0) at[key] = i;
    }
    if (required.every((k) => at[k] !== undefined)) return { at, start: r + 1 };
  }
  const first = required[0]!;
  throw new ListFormatError('not-this-format', { line: table.lines[0] ?? 1, element: file, field: names[first]![0] });
}

export const cell = <K extends string>(row: string[], at: Partial<Record<K, number>>, key: K): string =>
  at[key] === undefined ? '' : (row[at[key]] ?? '').replace(/\s+/g, ' ').trim();
