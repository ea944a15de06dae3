import { parsePartialDate, toLatinDigits, type PartialDate } from '../domain/partial-date';
import type { SEXES } from '../domain/records';

type Sex = (typeof SEXES)[number];

/**
 * Mapping a list's columns onto a person's fields, and checking each row.
 * Pure: the page guesses a mapping, the user corrects it, and every row is
 * turned into a person's fields or into the reasons it cannot be.
 */
export const IMPORT_FIELDS = [
  'ignore',
  'nameAr',
  'nameLatin',
  'fatherName',
  'motherName',
  'alias',
  'sex',
  'birthDate',
  'birthPlace',
  'nationalId',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const HEADER_HINTS: Array<[ImportField, RegExp]> = [
  ['nameAr', /(arabic|ar\b|بالعربي|الاسم الكامل|^الاسم$|الاسم بالعربية)/i],
  ['nameLatin', /(latin|english|transliterat|^name$|full ?name|الاسم باللاتيني|بالانكليزي|بالإنجليزي)/i],
  ['fatherName', /(father|الأب|الاب|اسم الأب)/i],
  ['motherName', /(mother|الأم|الام|اسم الأم)/i],
  ['alias', /(alias|also known|kunya|لقب|كنية|شهرة)/i],
  ['sex', /(sex|gender|الجنس)/i],
  ['birthDate', /(birth|born|dob|age|مواليد|تاريخ الولادة|الميلاد|التولد)/i],
  ['birthPlace', /(place|town|city|governorate|origin|مكان|البلدة|المدينة|المحافظة|القيد)/i],
  ['nationalId', /(national|id\b|number|رقم|الرقم الوطني|هوية)/i],
  ['notes', /(note|remark|comment|ملاحظ)/i],
];

/** A first guess from the headers (English or Arabic), then from the content: a column of Arabic script is a name in Arabic. */
export function guessMapping(headers: string[], sample: string[][]): ImportField[] {
  const used = new Set<ImportField>();
  const out = headers.map((h) => {
    const hit = HEADER_HINTS.find(([field, re]) => !used.has(field) && re.test(h.trim()));
    if (hit) {
      used.add(hit[0]);
      return hit[0];
    }
    return 'ignore' as ImportField;
  });
  if (!used.has('nameAr') || !used.has('nameLatin')) {
    headers.forEach((_, i) => {
      if (out[i] !== 'ignore') return;
      const values = sample.map((r) => r[i] ?? '').filter((v) => v.trim());
      if (!values.length) return;
      const arabic = values.filter((v) => /[\u0600-\u06FF]/.test(v)).length / values.length;
      const letters = values.filter((v) => /^[\p{L}\s'’.\-]+$/u.test(v)).length / values.length;
      if (arabic > 0.8 && !used.has('nameAr')) {
        out[i] = 'nameAr';
        used.add('nameAr');
      } else if (arabic < 0.1 && letters > 0.8 && !used.has('nameLatin')) {
        out[i] = 'nameLatin';
        used.add('nameLatin');
      }
    });
  }
  return out;
}

export type RowProblem = 'name-missing' | 'birth-date' | 'sex' | 'too-long' | 'columns';

export interface ImportedPerson {
  nameAr: string;
  nameLatin: string;
  fatherName: string;
  motherName: string;
  aliases: string[];
  sex: Sex;
  birthDate: PartialDate | null;
  birthPlaceText: string;
  nationalIds: string[];
  notes: string;
}

export type RowResult = { ok: true; person: ImportedPerson } | { ok: false; problems: RowProblem[] };

const SEX_WORDS: Record<string, Sex> = {
  m: 'male',
  male: 'male',
  man: 'male',
  h: 'male',
  homme: 'male',
  ذكر: 'male',
  ذ: 'male',
  رجل: 'male',
  f: 'female',
  female: 'female',
  woman: 'female',
  femme: 'female',
  أنثى: 'female',
  انثى: 'female',
  أ: 'female',
  امرأة: 'female',
};

const MAX_FIELD = 200;

/** One row's cells, under the mapping, as a person's fields — or what is wrong with it. */
export function readRow(cells: string[], mapping: ImportField[], expectedColumns?: number): RowResult {
  const problems: RowProblem[] = [];
  if (expectedColumns !== undefined && cells.length !== expectedColumns) problems.push('columns');
  const p: ImportedPerson = {
    nameAr: '',
    nameLatin: '',
    fatherName: '',
    motherName: '',
    aliases: [],
    sex: 'unknown',
    birthDate: null,
    birthPlaceText: '',
    nationalIds: [],
    notes: '',
  };
  mapping.forEach((field, i) => {
    const raw = (cells[i] ?? '').trim();
    if (!raw || field === 'ignore') return;
    if (raw.length > (field === 'notes' ? 10_000 : MAX_FIELD)) {
      problems.push('too-long');
      return;
    }
    switch (field) {
      case 'nameAr':
      case 'nameLatin':
      case 'fatherName':
      case 'motherName':
        p[field] = p[field] ? `${p[field]} ${raw}` : raw;
        return;
      case 'alias':
        p.aliases.push(
          ...raw
            .split(/[;؛|]/)
            .map((a) => a.trim())
            .filter(Boolean),
        );
        return;
      case 'sex': {
        const s = SEX_WORDS[raw.toLowerCase()];
        if (s) p.sex = s;
        else problems.push('sex');
        return;
      }
      case 'birthDate': {
        // A bare age is not a birth date; a year, a date or "about 1985" is.
        const d = parsePartialDate(toLatinDigits(raw));
        if (d.ok) p.birthDate = d.value;
        else problems.push('birth-date');
        return;
      }
      case 'birthPlace':
        p.birthPlaceText = raw;
        return;
      case 'nationalId':
        p.nationalIds.push(raw);
        return;
      case 'notes':
        p.notes = p.notes ? `${p.notes}\n${raw}` : raw;
        return;
    }
  });
  if (!p.nameAr && !p.nameLatin) problems.push('name-missing');
  return problems.length ? { ok: false, problems: [...new Set(problems)] } : { ok: true, person: p };
}
