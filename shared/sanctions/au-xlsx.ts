import { listDate, listedDate } from './list-dates';
import {
  checked,
  LIMITS,
  ListFormatError,
  scriptOf,
  type Designation,
  type ListedName,
  type ListSink,
} from './designation';
import { cell, findColumns, type ListRows } from './table-columns';

/** Appends to a map's list in place (copying the list each time is quadratic in a large group). */
const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/**
 * Australia's DFAT Consolidated List (Australian_Sanctions_Consolidated_List.xlsx since November 2025, before
 * that regulation8_consolidated.xlsx): one row per name, with Reference (the designation's number; its other
 * names as 123a, 123b), Name of Individual or Entity, Type, Name Type (Primary Name, Alias or Aka, Original
 * Script), Alias Strength (Weak), Date of Birth, Place of Birth, Citizenship, Address, Additional Information,
 * Listing Information, IMO Number, Committees (the regime), Control Date and, in the newer file, the instrument
 * and the measures. Several values in one cell are enumerated "a) … b) …" or separated by semicolons.
 */
const COLUMNS = {
  ref: ['Reference'],
  name: ['Name of Individual or Entity'],
  type: ['Type'],
  nameType: ['Name Type'],
  strength: ['Alias Strength'],
  dob: ['Date of Birth'],
  pob: ['Place of Birth'],
  citizenship: ['Citizenship'],
  address: ['Address'],
  info: ['Additional Information'],
  listing: ['Listing Information'],
  committees: ['Committees'],
  control: ['Control Date'],
  imo: ['IMO Number'],
} as const;

const split = (s: string): string[] =>
  s
    .replace(/_x000D_/g, '\n')
    .split(/;|\n|(?:^|\s)[a-z]\)\s/)
    .map((x) => x.replace(/[,\s]+$/, '').trim())
    .filter(Boolean);
const approximately = (s: string): string => s.replace(/^approximately\s+/i, 'circa ');

export function parseAuXlsx(table: ListRows, sink: ListSink): void {
  const { at, start } = findColumns(table, COLUMNS, ['ref', 'name', 'nameType'], 'xlsx');
  sink.meta({ format: 'au-xlsx', authority: 'au', publishedOn: null });
  const groups = new Map<string, Array<{ row: string[]; line: number }>>();
  for (let i = start; i < table.rows.length; i++) {
    const row = table.rows[i]!;
    const line = table.lines[i] ?? i + 1;
    const raw = cell(row, at, 'ref');
    if (!raw && !cell(row, at, 'name')) continue;
    const m = /^(\d+)[a-z]*$/i.exec(raw);
    if (!m) throw new ListFormatError('bad-value', { line, element: 'xlsx', field: 'Reference' });
    push(groups, m[1]!, { row, line });
    if (groups.get(m[1]!)!.length > LIMITS.namesPerDesignation)
      throw new ListFormatError('too-large', { line, element: 'xlsx', field: 'Reference' });
  }
  for (const [ref, rows] of groups) {
    const line = rows[0]!.line;
    const names: ListedName[] = rows.flatMap(({ row, line: l }) => {
      const full = cell(row, at, 'name');
      if (!full)
        throw new ListFormatError('missing-field', { line: l, element: 'xlsx', field: 'Name of Individual or Entity' });
      const t = cell(row, at, 'nameType').toLowerCase();
      const type: ListedName['type'] = t.startsWith('primary')
        ? 'primary'
        : t.startsWith('original')
          ? 'variant'
          : 'alias';
      const weak = /^weak/i.test(cell(row, at, 'strength'));
      return [{ full, type, strength: weak ? 'weak' : null, script: scriptOf(full) }];
    });
    names.sort((a, b) => Number(b.type === 'primary') - Number(a.type === 'primary'));
    const main = rows.find(({ row }) => /^primary/i.test(cell(row, at, 'nameType')))?.row ?? rows[0]!.row;
    const person = /individual/i.test(cell(main, at, 'type'));
    const d: Designation = {
      authority: 'au',
      ref,
      kind: person
        ? 'person'
        : /entity/i.test(cell(main, at, 'type'))
          ? 'entity'
          : /vessel/i.test(cell(main, at, 'type')) || cell(main, at, 'imo')
            ? 'vessel'
            : 'other',
      names,
      birthDates: split(cell(main, at, 'dob')).map((t) => listedDate(t, listDate(approximately(t)))),
      birthPlaces: split(cell(main, at, 'pob')),
      nationalities: split(cell(main, at, 'citizenship')),
      documents: [],
      addresses: split(cell(main, at, 'address')),
      programmes: split(cell(main, at, 'committees')),
      positions: [],
      gender: null,
      listedOn:
        listDate(cell(main, at, 'listing').match(/\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2}/)?.[0] ?? '') ??
        listDate(cell(main, at, 'control')),
      reasons: cell(main, at, 'info'),
      remarks: cell(main, at, 'listing'),
    };
    sink.designation(checked(d, line, 'xlsx'), line);
  }
}
