import type { Count } from '@shared/domain/patterns';
import type { EChartsCoreOption } from '../../components/echarts-setup';
import type { ChartPick } from './PatternChart';
import type { CountPick } from './CountTable';
import type { PatternTable } from './pattern-tables';

/** A chart's option, and what a click on one of its bars opens. */
export interface ChartSpec {
  option: EChartsCoreOption;
  pick: (p: ChartPick) => CountPick | null;
}

const STACKED_PLACES = 6;
const APART = '#868e96';
const PALETTE = ['#1c7ed6', '#e8590c', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#5c7cfa'];
const FONT = { fontFamily: 'system-ui, "Noto Sans Arabic", "Noto Sans", sans-serif' };

/** The people of several counts together, each once. */
function union(cells: ReadonlyArray<Count | null>): Count | null {
  const caseIds = new Set<string>();
  const personIds = new Set<string>();
  for (const c of cells) {
    if (!c) continue;
    for (const id of c.caseIds) caseIds.add(id);
    for (const id of c.personIds) personIds.add(id);
  }
  return personIds.size ? { count: personIds.size, caseIds: [...caseIds], personIds: [...personIds] } : null;
}

/**
 * People held by period: a bar per period, stacked by place (the places with most people, then the rest
 * together). Counted-apart columns are not periods and stay in the table. Right to left in Arabic: time runs
 * from the right, the axis of numbers on the right.
 */
export function periodOption(table: PatternTable, lang: 'en' | 'ar', others: (n: number) => string): ChartSpec {
  const rtl = lang === 'ar';
  const periods = table.apart.flatMap((apart, i) => (apart || i === table.columns.length - 1 ? [] : [i]));
  const top = table.rows.slice(0, STACKED_PLACES);
  const rest = table.rows.slice(STACKED_PLACES);
  const series = top.map((r) => ({ name: r.label, cells: periods.map((i) => r.cells[i] ?? null) }));
  if (rest.length)
    series.push({
      name: others(rest.length),
      // The same person in two of the other places is one person in this bar.
      cells: periods.map((i) => union(rest.map((r) => r.cells[i] ?? null))),
    });
  return {
    option: {
      color: PALETTE,
      textStyle: FONT,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'scroll', top: 0, left: rtl ? 'right' : 'left' },
      grid: { left: 48, right: 48, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: periods.map((i) => table.columns[i]), inverse: rtl },
      yAxis: { type: 'value', minInterval: 1, position: rtl ? 'right' : 'left' },
      series: series.map((s) => ({
        type: 'bar',
        stack: 'people',
        barMaxWidth: 56,
        name: s.name,
        data: s.cells.map((c) => c?.count ?? 0),
      })),
    },
    pick: ({ seriesIndex, dataIndex }) => {
      const s = series[seriesIndex];
      const c = s?.cells[dataIndex];
      return s && c ? { title: `${s.name} — ${table.columns[periods[dataIndex]!]}`, caseIds: c.caseIds } : null;
    },
  };
}

/** One count per row as horizontal bars, the counted-apart rows (unknown) in grey. */
export function barOption(table: PatternTable, lang: 'en' | 'ar'): ChartSpec {
  const rtl = lang === 'ar';
  const rows = table.rows;
  return {
    option: {
      textStyle: FONT,
      tooltip: { trigger: 'item' },
      grid: { left: rtl ? 24 : 8, right: rtl ? 8 : 24, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, inverse: rtl },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.label),
        inverse: true,
        position: rtl ? 'right' : 'left',
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 28,
          name: table.columns[0],
          data: rows.map((r) => ({
            value: r.cells[0]?.count ?? 0,
            itemStyle: { color: r.apart ? APART : PALETTE[0] },
          })),
          label: { show: true, position: rtl ? 'left' : 'right' },
        },
      ],
    },
    pick: ({ dataIndex }) => {
      const r = rows[dataIndex];
      const c = r?.cells[0];
      return r && c ? { title: `${table.title} — ${r.label}`, caseIds: c.caseIds } : null;
    },
  };
}
