import { parsePeriod, type PartialDate } from '@shared/domain/partial-date';
import type { Place } from '@shared/domain/records';

/** Coordinates are both given or neither; a half is a mistake to be told about, not a place on the map. */
export function coordinatesFrom(
  lat: number | string,
  lon: number | string,
  how: string,
): Place['coordinates'] | 'half' | 'out-of-range' | null {
  const blank = (v: number | string): boolean => v === '' || v === undefined;
  if (blank(lat) && blank(lon)) return null;
  if (blank(lat) || blank(lon)) return 'half';
  const [y, x] = [Number(lat), Number(lon)];
  if (!Number.isFinite(y) || !Number.isFinite(x) || Math.abs(y) > 90 || Math.abs(x) > 180) return 'out-of-range';
  return { lat: y, lon: x, how: how.trim() };
}

export interface RunByDraft {
  unitId: string | null;
  fromText: string;
  toText: string;
  sources: string[];
}

export type RunByProblem = { row: number; problem: 'unit-missing' | 'bad-date' | 'reversed' };

export const runByDrafts = (place: Pick<Place, 'runBy'>, format: (d: PartialDate) => string): RunByDraft[] =>
  (place.runBy ?? []).map((r) => ({
    unitId: r.unitId,
    fromText: r.from ? format(r.from) : '',
    toText: r.to ? format(r.to) : '',
    sources: r.sources.map((s) => s.recordId),
  }));

/** The units that ran a place, as typed: each names its unit, its dates parse, and it ends no earlier than it starts. */
export function runByFrom(rows: readonly RunByDraft[]): NonNullable<Place['runBy']> | RunByProblem {
  const out: NonNullable<Place['runBy']> = [];
  for (const [row, r] of rows.entries()) {
    if (!r.unitId) return { row, problem: 'unit-missing' };
    const period = parsePeriod(r.fromText, r.toText);
    if (!period.ok) return { row, problem: period.error };
    const { from, to } = period;
    out.push({ unitId: r.unitId, from, to, sources: [...new Set(r.sources)].map((recordId) => ({ recordId })) });
  }
  return out;
}
