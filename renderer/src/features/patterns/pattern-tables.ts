import type { TFunction } from 'i18next';
import { AGE_BANDS, UNKNOWN, type Count, type Granularity, type PatternCounts } from '@shared/domain/patterns';
import { CASE_KINDS, CASE_STATUSES, SEXES, type Place } from '@shared/domain/records';
import { placeLabel } from '../../components/place-label';

/**
 * The counts as tables: what the screen shows beside each chart, what the CSV and XLSX files hold, and what the
 * advocacy sheet prints. A cell is a count with the cases behind it; null is "none" (shown as 0, opens nothing).
 */
export type TableId = 'place-period' | 'status' | 'kind' | 'sex' | 'age' | 'governorate';
export const TABLE_IDS: readonly TableId[] = ['place-period', 'status', 'kind', 'sex', 'age', 'governorate'];

export interface PatternTable {
  id: TableId;
  title: string;
  /** The header of the first column (what each row is), then one per count column. */
  rowHeader: string;
  columns: string[];
  /** Which columns are counted apart (undated, loose, unknown), so they are shown apart. */
  apart: boolean[];
  rows: Array<{ key: string; label: string; cells: Array<Count | null>; apart: boolean }>;
}

const ZERO_ROWS_DROPPED = new Set<TableId>(['status', 'kind', 'governorate']);

export function periodLabel(key: string, g: Granularity, lang: 'en' | 'ar'): string {
  const locale = lang === 'ar' ? 'ar-SY-u-nu-latn' : 'en-GB';
  if (g === 'month') {
    const d = new Date(Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, 1));
    return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
  }
  if (g === 'quarter')
    return lang === 'ar' ? `الربع ${key.slice(6)} ${key.slice(0, 4)}` : `${key.slice(0, 4)} Q${key.slice(6)}`;
  return key;
}

export function patternTables(
  counts: PatternCounts,
  g: Granularity,
  places: ReadonlyMap<string, Place>,
  t: TFunction,
  lang: 'en' | 'ar',
): PatternTable[] {
  const one = (
    rows: Array<{ key: string; label: string; count: Count | undefined; apart?: boolean }>,
    id: TableId,
    rowHeader: string,
  ): PatternTable => ({
    id,
    title: t(`patterns.table.${id}`),
    rowHeader,
    columns: [t('patterns.people')],
    apart: [false],
    rows: rows
      .filter((r) => !ZERO_ROWS_DROPPED.has(id) || (r.count?.count ?? 0) > 0)
      .map((r) => ({ key: r.key, label: r.label, cells: [r.count ?? null], apart: r.apart ?? false })),
  });
  const governorates = [...counts.byGovernorate]
    .filter(([k]) => k !== UNKNOWN)
    .sort((a, b) => b[1].count - a[1].count)
    .map(([k, c]) => ({ key: k, label: placeLabel(places.get(k), lang, k), count: c }));
  return [
    {
      id: 'place-period',
      title: t('patterns.table.place-period'),
      rowHeader: t('patterns.col.place'),
      columns: [
        ...counts.periods.map((p) => periodLabel(p, g, lang)),
        t('patterns.col.undated'),
        t(`patterns.col.loose.${g}`),
        t('patterns.col.total'),
      ],
      apart: [...counts.periods.map(() => false), true, true, false],
      rows: counts.byPlace.map((r) => ({
        key: r.placeId,
        label: placeLabel(places.get(r.placeId), lang, r.placeId),
        cells: [...counts.periods.map((p) => r.periods.get(p) ?? null), r.undated, r.loose, r.total],
        apart: false,
      })),
    },
    one(
      CASE_STATUSES.map((s) => ({ key: s, label: t(`caseStatus.${s}`), count: counts.byStatus.get(s) })),
      'status',
      t('patterns.col.status'),
    ),
    one(
      CASE_KINDS.map((k) => ({ key: k, label: t(`caseKind.${k}`), count: counts.byKind.get(k) })),
      'kind',
      t('patterns.col.kind'),
    ),
    one(
      SEXES.map((s) => ({ key: s, label: t(`sex.${s}`), count: counts.bySex.get(s), apart: s === 'unknown' })),
      'sex',
      t('patterns.col.sex'),
    ),
    one(
      [...AGE_BANDS, UNKNOWN].map((b) => ({
        key: b,
        label: t(`patterns.age.${b}`),
        count: counts.byAge.get(b),
        apart: b === UNKNOWN,
      })),
      'age',
      t('patterns.col.age'),
    ),
    one(
      [
        ...governorates,
        { key: UNKNOWN, label: t('patterns.unknown'), count: counts.byGovernorate.get(UNKNOWN), apart: true },
      ],
      'governorate',
      t('patterns.col.governorate'),
    ),
  ];
}

/** Every count as one row of a long table (table, row, column, people): one CSV that any tool can pivot. */
export function longRows(tables: readonly PatternTable[], t: TFunction): string[][] {
  const out = [[t('patterns.csv.table'), t('patterns.csv.row'), t('patterns.csv.column'), t('patterns.people')]];
  for (const table of tables)
    for (const row of table.rows)
      row.cells.forEach((c, i) => {
        out.push([table.title, row.label, table.columns[i]!, String(c?.count ?? 0)]);
      });
  return out;
}
