/**
 * Human-readable case references (ATH-2026-00042, or ATH-BEY-2026-00042 from a laptop with its own prefix):
 * short enough to say on the phone to a family, carrying no personal data, and unique across a team: each
 * laptop that joined a team numbers its cases under its own prefix, so two offices working offline never
 * issue the same reference. The founding laptop's references have none, as they always had.
 */
const PATTERN = /^ATH-(?:([A-Z0-9]{2,6})-)?(\d{4})-(\d{5,})$/;
export const REFERENCE_PATTERN = /^ATH-(?:[A-Z0-9]{2,6}-)?\d{4}-\d{5,}$/;
export const PREFIX_PATTERN = /^[A-Z0-9]{2,6}$/;

export function formatReferenceCode(year: number, serial: number, prefix?: string): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError('year');
  if (!Number.isInteger(serial) || serial < 1) throw new RangeError('serial');
  if (prefix !== undefined && !PREFIX_PATTERN.test(prefix)) throw new RangeError('prefix');
  return `ATH-${prefix ? `${prefix}-` : ''}${year}-${String(serial).padStart(5, '0')}`;
}

export function parseReferenceCode(code: string): { prefix?: string; year: number; serial: number } | null {
  const m = PATTERN.exec(code.trim().toUpperCase());
  if (!m) return null;
  return { ...(m[1] ? { prefix: m[1] } : {}), year: Number(m[2]), serial: Number(m[3]) };
}

/** A prefix typed by an administrator: upper case, letters and digits only. */
export const normalisePrefix = (typed: string): string => typed.trim().toUpperCase();

/** Serial counters are per year; the next one follows the highest issued. */
export function nextReferenceCode(
  counters: Readonly<Record<string, number>>,
  year: number,
  prefix?: string,
): { code: string; counters: Record<string, number> } {
  const serial = (counters[String(year)] ?? 0) + 1;
  return { code: formatReferenceCode(year, serial, prefix), counters: { ...counters, [String(year)]: serial } };
}

/** References carried by more than one case (two offices numbering alike before prefixes, or a merge). */
export function duplicateReferences(cases: ReadonlyArray<{ id: string; reference: string }>): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const c of cases) {
    const list = by.get(c.reference) ?? [];
    list.push(c.id);
    by.set(c.reference, list);
  }
  return new Map([...by].filter(([, ids]) => ids.length > 1));
}
