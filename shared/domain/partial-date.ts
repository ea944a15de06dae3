import { z } from 'zod';

/**
 * A date as precisely as it is known. Testimonies rarely give exact days:
 * "March 2012", "about 2013" or "between 2012 and 2014" must be stored as
 * said, sorted sensibly and shown with their precision.
 */
export type PartialDatePoint =
  | { precision: 'day'; year: number; month: number; day: number }
  | { precision: 'month'; year: number; month: number }
  | { precision: 'year'; year: number }
  | { precision: 'approximate'; year: number };

export type PartialDate = PartialDatePoint | { precision: 'range'; from: PartialDatePoint; to: PartialDatePoint };

const year = z.number().int().min(1850).max(2200);
const month = z.number().int().min(1).max(12);

const pointSchema = z.union([
  z
    .object({ precision: z.literal('day'), year, month, day: z.number().int().min(1).max(31) })
    .refine((d) => d.day <= daysInMonth(d.year, d.month), { message: 'day-out-of-range' }),
  z.object({ precision: z.literal('month'), year, month }),
  z.object({ precision: z.literal('year'), year }),
  z.object({ precision: z.literal('approximate'), year }),
]);

export const partialDateSchema: z.ZodType<PartialDate> = z.union([
  pointSchema,
  z
    .object({ precision: z.literal('range'), from: pointSchema, to: pointSchema })
    .refine((r) => compareBounds(lowerBound(r.from), upperBound(r.to)) <= 0, { message: 'range-reversed' }),
]);

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// As numbers (20140310), so that sorting and counting thousands of dates builds no tuple or string per date.
function lowDay(d: PartialDatePoint): number {
  if (d.precision === 'day') return d.year * 10000 + d.month * 100 + d.day;
  if (d.precision === 'month') return d.year * 10000 + d.month * 100 + 1;
  return d.year * 10000 + 101;
}

function highDay(d: PartialDatePoint): number {
  if (d.precision === 'day') return d.year * 10000 + d.month * 100 + d.day;
  if (d.precision === 'month') return d.year * 10000 + d.month * 100 + daysInMonth(d.year, d.month);
  return d.year * 10000 + 1231;
}

/** The first and last day a date can mean, as yyyymmdd numbers (20140310). */
export function partialDateDays(d: PartialDate): [number, number] {
  return d.precision === 'range' ? [lowDay(d.from), highDay(d.to)] : [lowDay(d), highDay(d)];
}

/** [year, month, day] tuples so comparison needs no time zone. */
type Bound = [number, number, number];

function lowerBound(d: PartialDatePoint): Bound {
  switch (d.precision) {
    case 'day':
      return [d.year, d.month, d.day];
    case 'month':
      return [d.year, d.month, 1];
    case 'year':
      return [d.year, 1, 1];
    case 'approximate':
      return [d.year, 1, 1];
  }
}

function upperBound(d: PartialDatePoint): Bound {
  switch (d.precision) {
    case 'day':
      return [d.year, d.month, d.day];
    case 'month':
      return [d.year, d.month, daysInMonth(d.year, d.month)];
    case 'year':
      return [d.year, 12, 31];
    case 'approximate':
      return [d.year, 12, 31];
  }
}

function compareBounds(a: Bound, b: Bound): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Earliest and latest day the date can mean, as ISO strings. */
export function partialDateBounds(d: PartialDate): { earliest: string; latest: string } {
  const lo = d.precision === 'range' ? lowerBound(d.from) : lowerBound(d);
  const hi = d.precision === 'range' ? upperBound(d.to) : upperBound(d);
  return { earliest: isoOf(lo), latest: isoOf(hi) };
}

function isoOf(b: Bound): string {
  return `${String(b[0]).padStart(4, '0')}-${String(b[1]).padStart(2, '0')}-${String(b[2]).padStart(2, '0')}`;
}

/** As `comparePartialDates`, with what has no date after everything that has one (listed, never guessed). */
export function compareOptionalPartialDates(a: PartialDate | null, b: PartialDate | null): number {
  return a && b ? comparePartialDates(a, b) : a ? -1 : b ? 1 : 0;
}

/** Sort by earliest possible day, then the more precise first. */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  const la = lowDay(a.precision === 'range' ? a.from : a);
  const lb = lowDay(b.precision === 'range' ? b.from : b);
  if (la !== lb) return la - lb;
  return highDay(a.precision === 'range' ? a.to : a) - highDay(b.precision === 'range' ? b.to : b);
}

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';

/** Users type Arabic-Indic digits as often as Latin ones. */
export function toLatinDigits(s: string): string {
  return s.replace(/[٠-٩۰-۹]/g, (ch) => {
    const i = ARABIC_INDIC.indexOf(ch);
    return String(i >= 0 ? i : PERSIAN.indexOf(ch));
  });
}

export type PartialDateParseError = 'empty' | 'unrecognised' | 'invalid-date' | 'range-reversed';
export type PartialDateParseResult = { ok: true; value: PartialDate } | { ok: false; error: PartialDateParseError };

const APPROX_PREFIX = /^(?:~|c\.|ca\.|circa|about|around|approx\.?|approximately|حوالي|حوالى|نحو|تقريبا|تقريباً)\s*/i;
const RANGE_WORDS = /^(?:between|بين)\s+(.+?)\s+(?:and|و)\s*(.+)$/i;
const RANGE_SEP = /^(.+?)\s*(?:\/|–|—|\.\.|\bto\b|إلى|الى)\s*(.+)$/i;

function parsePoint(raw: string): PartialDateParseResult & { value?: PartialDatePoint } {
  const s = raw.trim();
  const approx = APPROX_PREFIX.exec(s);
  if (approx) {
    const rest = s.slice(approx[0].length).trim();
    if (/^\d{4}$/.test(rest)) return checked({ precision: 'approximate', year: Number(rest) });
    return { ok: false, error: 'unrecognised' };
  }
  let m = /^(\d{4})$/.exec(s);
  if (m) return checked({ precision: 'year', year: Number(m[1]) });
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return checked({ precision: 'month', year: Number(m[1]), month: Number(m[2]) });
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return checked({ precision: 'day', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  // Day-first as written in Syria and most of Europe: 5/3/2013, 05.03.2013
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
  if (m) return checked({ precision: 'day', year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) });
  m = /^(\d{1,2})[./](\d{4})$/.exec(s);
  if (m) return checked({ precision: 'month', year: Number(m[2]), month: Number(m[1]) });
  return { ok: false, error: 'unrecognised' };
}

function checked(
  value: PartialDatePoint,
): { ok: true; value: PartialDatePoint } | { ok: false; error: PartialDateParseError } {
  const r = partialDateSchema.safeParse(value);
  return r.success ? { ok: true, value } : { ok: false, error: 'invalid-date' };
}

/**
 * Parses what a caseworker types: "2013", "2013-03", "2013-03-05", "5/3/2013",
 * "about 2013", "حوالي ٢٠١٣", "2012/2014", "between 2012 and 2014".
 */
export function parsePartialDate(input: string): PartialDateParseResult {
  const s = toLatinDigits(input).trim().replace(/\s+/g, ' ');
  if (!s) return { ok: false, error: 'empty' };
  const single = parsePoint(s);
  if (single.ok) return single;
  const range =
    RANGE_WORDS.exec(s) ?? (/^\d{4}\/\d{4}$/.test(s) || /–|—|\.\.|\bto\b|إلى|الى/.test(s) ? RANGE_SEP.exec(s) : null);
  if (!range) return single;
  const from = parsePoint(range[1] ?? '');
  const to = parsePoint(range[2] ?? '');
  if (!from.ok || !to.ok)
    return { ok: false, error: !from.ok ? from.error : (to as { error: PartialDateParseError }).error };
  const value: PartialDate = {
    precision: 'range',
    from: from.value as PartialDatePoint,
    to: to.value as PartialDatePoint,
  };
  return partialDateSchema.safeParse(value).success ? { ok: true, value } : { ok: false, error: 'range-reversed' };
}

/** The canonical editable text of a date; parsePartialDate(formatPartialDateInput(d)) returns d. */
export function formatPartialDateInput(d: PartialDate): string {
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const point = (x: PartialDatePoint): string => {
    switch (x.precision) {
      case 'day':
        return `${x.year}-${p2(x.month)}-${p2(x.day)}`;
      case 'month':
        return `${x.year}-${p2(x.month)}`;
      case 'year':
        return String(x.year);
      case 'approximate':
        return `~${x.year}`;
    }
  };
  return d.precision === 'range' ? `${point(d.from)} .. ${point(d.to)}` : point(d);
}

export type DisplayLanguage = 'en' | 'ar';

const WORDS = {
  en: { about: (s: string) => `about ${s}`, between: (a: string, b: string) => `between ${a} and ${b}` },
  ar: { about: (s: string) => `حوالي ${s}`, between: (a: string, b: string) => `بين ${a} و${b}` },
} as const;

/**
 * Human display with the precision stated. Arabic uses the Levantine month
 * names (ar-SY) that Syrian families use; digits follow the setting.
 */
export function formatPartialDate(
  d: PartialDate,
  lang: DisplayLanguage,
  opts: { arabicDigits?: boolean } = {},
): string {
  const locale = lang === 'ar' ? `ar-SY-u-nu-${opts.arabicDigits ? 'arab' : 'latn'}` : 'en-GB';
  const num = new Intl.NumberFormat(locale, { useGrouping: false });
  const point = (x: PartialDatePoint): string => {
    switch (x.precision) {
      case 'day':
        return new Intl.DateTimeFormat(locale, {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        }).format(new Date(Date.UTC(x.year, x.month - 1, x.day)));
      case 'month':
        return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
          new Date(Date.UTC(x.year, x.month - 1, 1)),
        );
      case 'year':
        return num.format(x.year);
      case 'approximate':
        return WORDS[lang].about(num.format(x.year));
    }
  };
  return d.precision === 'range' ? WORDS[lang].between(point(d.from), point(d.to)) : point(d);
}

/** For optional date fields: blank text is "no date" (null), anything else must parse. */
export function parseOptionalPartialDate(
  input: string,
): { ok: true; value: PartialDate | null } | { ok: false; error: Exclude<PartialDateParseError, 'empty'> } {
  if (!input.trim()) return { ok: true, value: null };
  const r = parsePartialDate(input);
  return r.ok ? r : { ok: false, error: r.error as Exclude<PartialDateParseError, 'empty'> };
}

/** The year a partial date points at: its own, or for a range the middle year (a birth "1984–1986" is 1985). */
export function yearOf(d: PartialDate | null): number | null {
  if (!d) return null;
  if (d.precision === 'range') return Math.round((d.from.year + d.to.year) / 2);
  return d.year;
}

/**
 * A period typed as two optional dates. It is reversed only when it certainly ends before it starts: "from March
 * 2014 to 2014" may well be right.
 */
export function parsePeriod(
  fromText: string,
  toText: string,
): { ok: true; from: PartialDate | null; to: PartialDate | null } | { ok: false; error: 'bad-date' | 'reversed' } {
  const f = parseOptionalPartialDate(fromText);
  const t = parseOptionalPartialDate(toText);
  if (!f.ok || !t.ok) return { ok: false, error: 'bad-date' };
  if (f.value && t.value && partialDateDays(t.value)[1] < partialDateDays(f.value)[0])
    return { ok: false, error: 'reversed' };
  return { ok: true, from: f.value, to: t.value };
}
