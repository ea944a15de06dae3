/**
 * Human-readable case references (ATH-2026-00042): short enough to say on
 * the phone to a family, unique within a vault, and carrying no personal data.
 */
const PATTERN = /^ATH-(\d{4})-(\d{5,})$/;

export function formatReferenceCode(year: number, serial: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError('year');
  if (!Number.isInteger(serial) || serial < 1) throw new RangeError('serial');
  return `ATH-${year}-${String(serial).padStart(5, '0')}`;
}

export function parseReferenceCode(code: string): { year: number; serial: number } | null {
  const m = PATTERN.exec(code.trim().toUpperCase());
  return m ? { year: Number(m[1]), serial: Number(m[2]) } : null;
}

/** Serial counters are per year; the next one follows the highest issued. */
export function nextReferenceCode(
  counters: Readonly<Record<string, number>>,
  year: number,
): { code: string; counters: Record<string, number> } {
  const serial = (counters[String(year)] ?? 0) + 1;
  return { code: formatReferenceCode(year, serial), counters: { ...counters, [String(year)]: serial } };
}
