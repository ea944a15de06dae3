import Papa from 'papaparse';
import { listedDate } from './list-dates';
import {
  checked,
  clean,
  ListFormatError,
  scriptOf,
  type Designation,
  type ListedName,
  type ListSink,
} from './designation';

/** Appends to a map's list in place (copying the list each time is quadratic in a large group). */
const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/**
 * OFAC's SDN list as CSV: `sdn.csv` (no header; ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
 * Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks), with its companions `alt.csv` (ent_num, alt_num,
 * alt_type, alt_name, alt_remarks) and `add.csv` (ent_num, add_num, address, city/state/postal code, country,
 * add_remarks). "-0-" stands for empty, and the file ends with a DOS end-of-file character. Birth dates,
 * places, nationalities and documents are written inside Remarks ("DOB 01 Jan 1960; POB Hama, Syria; …").
 */
export interface OfacCsvFiles {
  sdn: string;
  alt?: string;
  add?: string;
}

const value = (s: string | undefined): string => {
  const v = clean(s);
  return v === '-0-' ? '' : v;
};

function rows(text: string, file: string, columns: number): Array<{ cells: string[]; line: number }> {
  const parsed = Papa.parse<string[]>(text.replace(/\u001a\s*$/, ''), { skipEmptyLines: 'greedy' });
  if (parsed.errors.some((e) => e.type === 'Quotes'))
    throw new ListFormatError('malformed', { line: (parsed.errors[0]!.row ?? 0) + 1, element: file });
  return parsed.data.map((cells, i) => {
    if (cells.length < columns)
      throw new ListFormatError('malformed', {
        line: i + 1,
        element: file,
        detail: `${cells.length} of ${columns} columns`,
      });
    if (!/^\d+$/.test(cells[0]!.trim()))
      throw new ListFormatError('bad-value', { line: i + 1, element: file, field: 'ent_num' });
    return { cells, line: i + 1 };
  });
}

/** "LASTNAME, Given Names" as a person writes it: the given names first. */
const personName = (s: string): string => {
  const m = /^([^,]+),\s*(.+)$/.exec(s);
  return m ? clean(`${m[2]} ${m[1]}`) : s;
};

/** The facts OFAC writes inside Remarks, each as "Label value;". */
export function remarkFacts(remarks: string) {
  const out = {
    dobs: [] as string[],
    pobs: [] as string[],
    nationalities: [] as string[],
    passports: [] as Array<{ number: string; country: string }>,
    ids: [] as Array<{ number: string; country: string }>,
    gender: null as Designation['gender'],
    rest: [] as string[],
  };
  for (const part of remarks
    .split(';')
    .map((p) => clean(p))
    .filter(Boolean)) {
    let m: RegExpExecArray | null;
    if ((m = /^(?:alt\. )?DOB (.+)$/i.exec(part))) out.dobs.push(m[1]!);
    else if ((m = /^(?:alt\. )?POB (.+)$/i.exec(part))) out.pobs.push(m[1]!);
    else if ((m = /^(?:alt\. )?(?:nationality|citizen) (.+)$/i.exec(part))) out.nationalities.push(m[1]!);
    else if ((m = /^(?:alt\. )?Passport ([^ (]+)(?: \(([^)]*)\))?/i.exec(part)))
      out.passports.push({ number: m[1]!, country: m[2] ?? '' });
    else if (
      (m = /^(?:alt\. )?(?:National ID No\.|Identification Number|Cedula No\.) ([^ (]+)(?: \(([^)]*)\))?/i.exec(part))
    )
      out.ids.push({ number: m[1]!, country: m[2] ?? '' });
    else if ((m = /^Gender (Male|Female)/i.exec(part))) out.gender = m[1]!.toLowerCase() === 'male' ? 'male' : 'female';
    else out.rest.push(part);
  }
  return out;
}

export function parseOfacSdnCsv(files: OfacCsvFiles, sink: ListSink): void {
  sink.meta({ format: 'ofac-sdn-csv', authority: 'us', publishedOn: null });
  const aliases = new Map<string, ListedName[]>();
  for (const { cells } of files.alt ? rows(files.alt, 'alt.csv', 4) : []) {
    const name = value(cells[3]);
    if (!name) continue;
    const type = value(cells[2]).toLowerCase();
    const entry: ListedName = {
      full: personName(name),
      type: type === 'fka' ? 'former' : 'alias',
      strength: null,
      script: scriptOf(name),
    };
    push(aliases, cells[0]!.trim(), entry);
  }
  const addresses = new Map<string, string[]>();
  for (const { cells } of files.add ? rows(files.add, 'add.csv', 5) : []) {
    const a = [cells[2], cells[3], cells[4]].map(value).filter(Boolean).join(', ');
    if (a) push(addresses, cells[0]!.trim(), a);
  }
  for (const { cells, line } of rows(files.sdn, 'sdn.csv', 12)) {
    const ref = cells[0]!.trim();
    const type = value(cells[2]).toLowerCase();
    const person = type === 'individual';
    const raw = value(cells[1]);
    if (!raw) throw new ListFormatError('missing-field', { line, element: 'sdn.csv', field: 'SDN_Name' });
    const full = person ? personName(raw) : raw;
    const facts = remarkFacts(value(cells[11]));
    const d: Designation = {
      authority: 'us',
      ref,
      kind: person ? 'person' : type === 'vessel' ? 'vessel' : type === 'aircraft' ? 'aircraft' : 'entity',
      names: [{ full, type: 'primary', strength: null, script: scriptOf(full) }, ...(aliases.get(ref) ?? [])],
      birthDates: facts.dobs.map((t) => listedDate(t)),
      birthPlaces: facts.pobs,
      nationalities: [...new Set(facts.nationalities)],
      documents: [
        ...facts.passports.map((p) => ({ kind: 'passport' as const, ...p, note: '' })),
        ...facts.ids.map((p) => ({ kind: 'national-id' as const, ...p, note: '' })),
      ],
      addresses: addresses.get(ref) ?? [],
      // "SYRIA] [SDGT": several programmes in one cell.
      programmes: value(cells[3])
        .split(/\]\s*\[/)
        .map((p) => p.replace(/[[\]]/g, '').trim())
        .filter(Boolean),
      positions: [value(cells[4])].filter(Boolean),
      gender: facts.gender,
      listedOn: null,
      reasons: '',
      remarks: value(cells[11]),
    };
    sink.designation(checked(d, line, 'sdn.csv'), line);
  }
}
