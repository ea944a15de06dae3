import { dateFromParts, listDate, listedDate } from './list-dates';
import {
  LIMITS,
  checked,
  clean,
  ListFormatError,
  scriptOf,
  type Designation,
  type ListedDate,
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
 * The UK Sanctions List (FCDO) as CSV: a report-date line, then one row per name of a designation, rows of one
 * designation sharing its Unique ID. Names are Name 1–5 (given names) and Name 6 (the family name), with a
 * Name type (Primary Name, Alias, Primary Name Variation), an Alias strength, and the name in another script
 * beside it (Name non-latin script). D.O.B is dd/mm/yyyy with the letters dd and mm for what is not known. The older OFSI
 * consolidated list (ConList.csv, Group ID) is read by the same columns where they agree.
 */
const COLUMNS = {
  id: ['Unique ID', 'Group ID'],
  name1: ['Name 1'],
  name2: ['Name 2'],
  name3: ['Name 3'],
  name4: ['Name 4'],
  name5: ['Name 5'],
  name6: ['Name 6'],
  nameType: ['Name type', 'Alias Type'],
  strength: ['Alias strength', 'Alias Quality'],
  nonLatin: ['Name non-latin script', 'Name Non-Latin Script'],
  title: ['Title'],
  regime: ['Regime Name', 'Regime'],
  kind: ['Designation Type', 'Group Type'],
  reasons: ['UK Statement of Reasons'],
  other: ['Other Information'],
  designated: ['Date Designated', 'UK Sanctions List Date Designated', 'Listed On'],
  dob: ['D.O.B', 'DOB'],
  nationality: ['Nationality(/ies)', 'Nationality'],
  nationalId: ['National Identifier number', 'National Identification Number'],
  passport: ['Passport number', 'Passport Number'],
  passportInfo: ['Passport additional information', 'Passport Details'],
  position: ['Position'],
  gender: ['Gender'],
  town: ['Town of birth', 'Town of Birth'],
  birthCountry: ['Country of birth', 'Country of Birth'],
  a1: ['Address Line 1', 'Address 1'],
  a2: ['Address Line 2', 'Address 2'],
  a3: ['Address Line 3', 'Address 3'],
  a4: ['Address Line 4', 'Address 4'],
  a5: ['Address Line 5', 'Address 5'],
  a6: ['Address Line 6', 'Address 6'],
  postcode: ['Address Postal Code', 'Post/Zip Code'],
  country: ['Address Country', 'Country'],
} as const;
type Key = keyof typeof COLUMNS;

/** dd/mm/yyyy, with the letters dd and mm (ConList: 00) for the parts not known: "dd/mm/1960", "dd/03/1958". */
function ukDate(raw: string): ListedDate {
  const m = /^(\d{2}|dd)\/(\d{2}|mm)\/(\d{4})$/i.exec(raw.replace(/^(\d)\//, '0$1/'));
  const part = (s: string): string => (/^\d+$/.test(s) ? s : '0');
  return listedDate(raw, m ? dateFromParts(m[3]!, part(m[2]!), part(m[1]!)) : listDate(raw));
}

export function parseUkCsv(table: ListRows, sink: ListSink): void {
  const { at, start } = findColumns(table, COLUMNS, ['id', 'name6', 'nameType'], 'csv');
  const report = table.rows.slice(0, start).flat().join(' ');
  const reported = /(\d{1,2}[-/ ][A-Za-z0-9]{2,9}[-/ ]\d{4})/.exec(report)?.[1]?.replace(/-/g, ' ') ?? '';
  sink.meta({ format: 'uk-csv', authority: 'uk', publishedOn: listDate(reported) ?? ukDate(reported).date });
  const groups = new Map<string, Array<{ row: string[]; line: number }>>();
  for (let i = start; i < table.rows.length; i++) {
    const row = table.rows[i]!;
    const line = table.lines[i] ?? i + 1;
    const id = cell(row, at, 'id');
    if (!id) {
      if (row.some((c) => c.trim()))
        throw new ListFormatError('missing-field', { line, element: 'csv', field: COLUMNS.id[0] });
      continue;
    }
    push(groups, id, { row, line });
    if (groups.get(id)!.length > LIMITS.namesPerDesignation)
      throw new ListFormatError('too-large', { line, element: 'csv', field: COLUMNS.id[0] });
  }
  const get = (row: string[], k: Key): string => cell(row, at, k);
  const many = (rows: string[][], k: Key, split = false): string[] => [
    ...new Set(
      rows
        .flatMap((r) => (split ? get(r, k).split(/[,;]/) : [get(r, k)]))
        .map((s) => clean(s))
        .filter(Boolean),
    ),
  ];
  for (const [ref, group] of groups) {
    const rows = group.map((g) => g.row);
    const line = group[0]!.line;
    const names: ListedName[] = [];
    for (const { row, line: l } of group) {
      const full = clean(
        (['name1', 'name2', 'name3', 'name4', 'name5', 'name6'] as const).map((k) => get(row, k)).join(' '),
      );
      if (!full) throw new ListFormatError('missing-field', { line: l, element: 'csv', field: 'Name 6' });
      const t = get(row, 'nameType').toLowerCase();
      const type: ListedName['type'] = t.startsWith('primary name variation')
        ? 'variant'
        : t.startsWith('primary')
          ? 'primary'
          : 'alias';
      const s = get(row, 'strength').toLowerCase();
      const strength = s.startsWith('good') ? 'strong' : s.startsWith('low') ? 'weak' : null;
      names.push({ full, type, strength, script: scriptOf(full) });
      const other = get(row, 'nonLatin');
      if (other) names.push({ full: other, type: 'variant', strength, script: scriptOf(other) });
    }
    names.sort((a, b) => Number(b.type === 'primary') - Number(a.type === 'primary'));
    const uniqueNames = names.filter((n, i) => names.findIndex((m) => m.full === n.full) === i);
    const main = rows[0]!;
    const kind = get(main, 'kind').toLowerCase();
    const gender = get(main, 'gender').toLowerCase();
    const d: Designation = {
      authority: 'uk',
      ref,
      kind: kind.startsWith('individual')
        ? 'person'
        : kind.startsWith('entity')
          ? 'entity'
          : kind.startsWith('ship')
            ? 'vessel'
            : 'other',
      names: uniqueNames,
      birthDates: many(rows, 'dob').map(ukDate),
      birthPlaces: [
        ...new Set(
          rows.map((r) => [get(r, 'town'), get(r, 'birthCountry')].filter(Boolean).join(', ')).filter(Boolean),
        ),
      ],
      nationalities: many(rows, 'nationality', true),
      documents: [
        ...many(rows, 'passport').map((number) => ({
          kind: 'passport' as const,
          number,
          country: '',
          note: get(main, 'passportInfo'),
        })),
        ...many(rows, 'nationalId').map((number) => ({ kind: 'national-id' as const, number, country: '', note: '' })),
      ],
      addresses: [
        ...new Set(
          rows
            .map((r) =>
              (['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'postcode', 'country'] as const)
                .map((k) => get(r, k))
                .filter(Boolean)
                .join(', '),
            )
            .filter(Boolean),
        ),
      ],
      programmes: many(rows, 'regime'),
      positions: many(rows, 'position'),
      gender: gender === 'male' ? 'male' : gender === 'female' ? 'female' : null,
      listedOn: ukDate(get(main, 'designated')).date,
      reasons: get(main, 'reasons'),
      remarks: get(main, 'other'),
    };
    sink.designation(checked(d, line, 'csv'), line);
  }
}
