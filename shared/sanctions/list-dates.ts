import { daysInMonth, partialDateSchema, type PartialDate, type PartialDatePoint } from '../domain/partial-date';
import type { ListedDate } from './designation';

/**
 * Dates as the lists write them, read into Athar's partial dates: "01 Jan 1960", "Jan 1960", "1960",
 * "circa 1960", "1958 to 1960", ISO "1960-01-01", and day/month/year with 00 for what is not known
 * ("00/00/1960"). A date that cannot be read is kept as its text, with no date: it is shown, never guessed.
 */
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function point(y: number, m?: number, d?: number): PartialDatePoint | null {
  if (!Number.isInteger(y) || y < 1850 || y > 2200) return null;
  if (!m) return { precision: 'year', year: y };
  if (m < 1 || m > 12) return null;
  if (!d) return { precision: 'month', year: y, month: m };
  if (d < 1 || d > daysInMonth(y, m)) return null;
  return { precision: 'day', year: y, month: m, day: d };
}

function onePoint(s: string): PartialDatePoint | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s))) return point(+m[1]!, m[2] ? +m[2] : 0, m[3] ? +m[3] : 0);
  if ((m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s))) return point(+m[3]!, +m[2]!, +m[1]!);
  if ((m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]*\.? (\d{4})$/.exec(s))) {
    const month = MONTHS[m[2]!.toLowerCase()];
    return month ? point(+m[3]!, month, +m[1]!) : null;
  }
  if ((m = /^([A-Za-z]{3})[a-z]*\.? (\d{4})$/.exec(s))) {
    const month = MONTHS[m[1]!.toLowerCase()];
    return month ? point(+m[2]!, month) : null;
  }
  return null;
}

/** A list's date text as a partial date, or null when it says something Athar cannot read as one. */
export function listDate(raw: string): PartialDate | null {
  const s = raw.replace(/\s+/g, ' ').trim();
  if (!s) return null;
  const circa = /^(?:circa|ca\.?|c\.|approx(?:imately|\.)?|about|vers|environ)\s+(\d{4})$/i.exec(s);
  if (circa) return point(+circa[1]!) ? { precision: 'approximate', year: +circa[1]! } : null;
  const range = /^(?:between\s+)?(.+?)\s+(?:to|-|–|and)\s+(.+)$/i.exec(s);
  if (range) {
    const from = onePoint(range[1]!);
    const to = onePoint(range[2]!);
    if (!from || !to) return null;
    const r = partialDateSchema.safeParse({ precision: 'range', from, to });
    return r.success ? r.data : null;
  }
  return onePoint(s);
}

/** A date from its parts, where 0 or empty means unknown (the UK's 00/00/1960, the EU's and France's fields). */
export function dateFromParts(y: string | number, m?: string | number, d?: string | number): PartialDate | null {
  const year = Number(y);
  const month = Number(m || 0);
  const day = Number(d || 0);
  if (!year) return null;
  return point(year, month || undefined, month ? day || undefined : undefined);
}

export const listedDate = (raw: string, date: PartialDate | null = listDate(raw)): ListedDate => ({
  text: raw.replace(/\s+/g, ' ').trim(),
  date,
});
