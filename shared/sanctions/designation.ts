import { z } from 'zod';
import { partialDateSchema, type PartialDate } from '../domain/partial-date';

/**
 * A designation as Athar keeps it, whichever authority published it: every name in every script, birth dates
 * and places, nationalities, documents, addresses, programmes, the listing date and the stated reasons. Each
 * list's own format is read into this by its parser (one module per format); nothing here knows a format.
 */
export const AUTHORITIES = ['us', 'eu', 'uk', 'ca', 'au', 'ch', 'fr'] as const;
export type Authority = (typeof AUTHORITIES)[number];

export const LIST_FORMATS = [
  'ofac-sdn-xml',
  'ofac-sdn-csv',
  'eu-fsf-xml',
  'uk-csv',
  'ca-xml',
  'au-xlsx',
  'ch-xml',
  'fr-json',
] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/** Bounds no real list comes near, so a file made to exhaust memory is refused by its entry, not obeyed. */
export const LIMITS = {
  designations: 200_000,
  namesPerDesignation: 500,
  itemsPerField: 200,
  textChars: 20_000,
  shortChars: 1_000,
  /** Elements in one entry of an XML list: a real one has a few hundred. */
  nodesPerEntry: 20_000,
  /** How deep elements nest: real lists nest under ten levels, and a parser's cost grows with the square of it. */
  xmlDepth: 64,
  /** Characters of text and attribute values in one entry. */
  charsPerEntry: 2_000_000,
  /** The largest XML list read, streamed (OFAC's SDN XML is over 100 MB). */
  xmlBytes: 1024 * 1024 * 1024,
} as const;

const short = z.string().max(LIMITS.shortChars);
const text = z.string().max(LIMITS.textChars);
const list = <T extends z.ZodType>(t: T) => z.array(t).max(LIMITS.itemsPerField);

export const NAME_TYPES = ['primary', 'alias', 'former', 'variant'] as const;
export const SCRIPTS = ['latin', 'arabic', 'other'] as const;

export const listedNameSchema = z.object({
  full: short.min(1),
  type: z.enum(NAME_TYPES),
  /** The authority's own grading: strong / good quality, or weak / low quality; null where it gives none. */
  strength: z.enum(['strong', 'weak']).nullable(),
  script: z.enum(SCRIPTS),
});
export type ListedName = z.infer<typeof listedNameSchema>;

export const listedDateSchema = z.object({ text: short, date: partialDateSchema.nullable() });
export type ListedDate = z.infer<typeof listedDateSchema>;

export const DOCUMENT_KINDS = ['passport', 'national-id', 'other'] as const;
export const listedDocumentSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  number: short.min(1),
  country: short,
  note: short,
});
export type ListedDocument = z.infer<typeof listedDocumentSchema>;

export const SUBJECT_KINDS = ['person', 'entity', 'vessel', 'aircraft', 'other'] as const;

export const designationSchema = z.object({
  authority: z.enum(AUTHORITIES),
  /** The authority's own reference (SDN uid, EU logical id, UK unique id, …), unique within its list. */
  ref: short.min(1),
  kind: z.enum(SUBJECT_KINDS),
  names: z.array(listedNameSchema).min(1).max(LIMITS.namesPerDesignation),
  birthDates: list(listedDateSchema),
  birthPlaces: list(short),
  nationalities: list(short),
  documents: list(listedDocumentSchema),
  addresses: list(short),
  programmes: list(short),
  positions: list(short),
  gender: z.enum(['male', 'female']).nullable(),
  listedOn: partialDateSchema.nullable(),
  reasons: text,
  remarks: text,
});
export type Designation = z.infer<typeof designationSchema>;

/** What a list says of itself. */
export interface ListMeta {
  format: ListFormat;
  authority: Authority;
  /** The publication date the file states, if it states one. */
  publishedOn: PartialDate | null;
}

export type ListProblem =
  | 'not-this-format'
  | 'malformed'
  | 'missing-field'
  | 'bad-value'
  | 'duplicate-ref'
  | 'too-large'
  | 'too-many'
  | 'empty';

/** A list Athar refuses, with where: the line (and element or column) of the entry at fault. */
export class ListFormatError extends Error {
  constructor(
    readonly problem: ListProblem,
    readonly at: { line?: number; element?: string; field?: string; detail?: string } = {},
  ) {
    super(
      `${problem}${at.line ? ` at line ${at.line}` : ''}${at.element ? ` <${at.element}>` : ''}${at.field ? ` ${at.field}` : ''}${at.detail ? `: ${at.detail}` : ''}`,
    );
    this.name = 'ListFormatError';
  }
}

/** Where a parser puts what it reads; `check` refuses an entry that breaks the model, by its line. */
export interface ListSink {
  meta(m: ListMeta): void;
  designation(d: Designation, line: number): void;
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
const LATIN = /[A-Za-z\u00C0-\u024F]/;

export function scriptOf(s: string): ListedName['script'] {
  if (ARABIC.test(s)) return 'arabic';
  return LATIN.test(s) ? 'latin' : 'other';
}

export const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** A designation as the model requires it, or the list refused at the entry's line, naming the field. */
export function checked(d: Designation, line: number, element?: string): Designation {
  const r = designationSchema.safeParse(d);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join('.');
  const tooBig = issue.code === 'too_big';
  throw new ListFormatError(tooBig ? 'too-large' : 'bad-value', { line, element, field });
}

/** Collects a whole list, refusing a reference given twice (two entries would then be one person or none). */
export function collect(): { sink: ListSink; result: () => { meta: ListMeta; designations: Designation[] } } {
  let meta: ListMeta | null = null;
  const designations: Designation[] = [];
  const seen = new Set<string>();
  return {
    sink: {
      meta: (m) => {
        meta = m;
      },
      designation: (d, line) => {
        if (seen.has(d.ref)) throw new ListFormatError('duplicate-ref', { line, detail: d.ref });
        if (designations.length >= LIMITS.designations) throw new ListFormatError('too-many', { line });
        seen.add(d.ref);
        designations.push(d);
      },
    },
    result: () => {
      if (!meta) throw new ListFormatError('not-this-format');
      if (!designations.length) throw new ListFormatError('empty');
      return { meta, designations };
    },
  };
}
