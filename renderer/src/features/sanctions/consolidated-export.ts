import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/browser';
import type { TFunction } from 'i18next';
import { AUTHORITIES } from '@shared/sanctions/designation';
import { formatPartialDate } from '@shared/domain/partial-date';
import { isGap, type ConsolidatedRow } from './consolidated';

/** The consolidated view as a table of text: one row per person, a column per authority. */
export function consolidatedTable(
  rows: readonly ConsolidatedRow[],
  t: TFunction,
  lang: 'en' | 'ar',
  nameOf: (r: ConsolidatedRow) => string = (r) => r.names[0] ?? '',
): string[][] {
  const date = (d: Parameters<typeof formatPartialDate>[0] | null): string => (d ? formatPartialDate(d, lang) : '');
  const header = [
    t('sanctions.consolidated.col.name'),
    t('sanctions.consolidated.col.onFile'),
    ...AUTHORITIES.map((a) => t(`sanctions.authority.${a}`)),
    t('sanctions.consolidated.col.gap'),
    t('sanctions.consolidated.col.names'),
    t('sanctions.field.birthDates'),
    t('sanctions.field.documents'),
    t('sanctions.field.nationalities'),
    t('sanctions.field.addresses'),
    t('sanctions.consolidated.col.refs'),
  ];
  const body = rows.map((r) => [
    nameOf(r),
    r.personId ? t('sanctions.consolidated.yes') : '',
    ...AUTHORITIES.map((a) => {
      const d = r.byAuthority[a];
      if (!d) return '';
      return d.delistedOn
        ? t('sanctions.consolidated.delisted', { date: date(d.delistedOn) })
        : d.listedOn
          ? t('sanctions.consolidated.listed', { date: date(d.listedOn) })
          : t('sanctions.consolidated.listedUndated');
    }),
    isGap(r)
      ? t('sanctions.consolidated.gapYes', {
          authorities: r.notBy.map((a) => t(`sanctions.authority.${a}`)).join(', '),
        })
      : '',
    r.names.join(' | '),
    r.birthDates.join(' | '),
    r.documents.join(' | '),
    r.nationalities.join(' | '),
    r.addresses.join(' | '),
    r.designations.map((d) => `${d.authority}:${d.ref}`).join(' | '),
  ]);
  return [header, ...body];
}

/** CSV with a byte-order mark (spreadsheets then read Arabic as UTF-8), and no cell a spreadsheet would run as a formula. */
export function consolidatedCsv(table: string[][]): Uint8Array {
  return new TextEncoder().encode(`\uFEFF${Papa.unparse(table, { newline: '\r\n', escapeFormulae: true })}\r\n`);
}

export async function consolidatedXlsx(table: string[][], sheet: string, lang: 'en' | 'ar'): Promise<Uint8Array> {
  const [header, ...body] = table;
  const blob = await writeXlsxFile([
    {
      sheet: sheet.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31),
      rightToLeft: lang === 'ar',
      columns: header!.map((_, i) => ({ width: i === 0 ? 32 : 20 })),
      data: [
        header!.map((value) => ({ value, fontWeight: 'bold' as const })),
        // A cell beginning = + - @ is text, never a formula: write-excel-file writes strings as strings.
        ...body.map((row) => row.map((value) => ({ value }))),
      ],
    },
  ]).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
