import Papa from 'papaparse';
import type { Place } from '@shared/domain/records';
import seedCsv from './gazetteer-seed.csv?raw';

interface SeedRow {
  id: string;
  kind: string;
  name_en: string;
  name_ar: string;
  governorate_id: string;
  operator_en: string;
  operator_ar: string;
  notes: string;
}

/**
 * When the shipped gazetteer was written. Every vault seeds its places with this date, not the moment it was
 * made, so the same built-in place is the same record in every office and a package from another office does
 * not show it as a conflict.
 */
export const GAZETTEER_DATE = '2026-01-01T00:00:00.000Z';

/** The gazetteer shipped with the app (shared/data/gazetteer-seed.csv), as place records. */
export function seedPlaces(csv: string = seedCsv): Place[] {
  const now = GAZETTEER_DATE;
  const parsed = Papa.parse<SeedRow>(csv.trim(), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`gazetteer seed: ${parsed.errors[0]?.message ?? 'parse error'}`);
  return parsed.data.map((r) => ({
    id: r.id,
    kind: r.kind === 'governorate' || r.kind === 'town' || r.kind === 'facility' ? r.kind : 'other',
    nameEn: r.name_en,
    nameAr: r.name_ar,
    parentId: r.governorate_id || null,
    operatorEn: r.operator_en ?? '',
    operatorAr: r.operator_ar ?? '',
    notes: r.notes ?? '',
    createdAt: now,
    updatedAt: now,
    author: 'seed',
  }));
}
