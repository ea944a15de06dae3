import type { Overlap, UnitAt } from '@shared/domain/command';
import type { EChartsCoreOption } from '../../components/echarts-setup';

export interface GraphNode {
  id: string;
  kind: 'unit' | 'person';
  name: string;
  x: number;
  y: number;
  /** For a person: the unit commanded; for a unit: null. */
  unitId: string | null;
}
export interface GraphEdge {
  source: string;
  target: string;
  possible: boolean;
}

/** One node per person and unit: someone who held two positions over one unit on the date (rank changed) is one commander. */
function commandersOnce(u: UnitAt): Array<{ personId: string; overlap: Overlap }> {
  const by = new Map<string, Overlap>();
  for (const c of u.commanders) by.set(c.personId, by.get(c.personId) === 'certain' ? 'certain' : c.overlap);
  return [...by].map(([personId, overlap]) => ({ personId, overlap }));
}

const COLUMN = 200;
const ROW = 130;

/**
 * The chain of command on a date, laid out top-down: each unit under what it was part of then (its first parent,
 * if several periods could hold), its commanders then just below it, and every other link drawn as an edge.
 * Units stand in the order of their names, so the picture is the same each time; in Arabic it reads right to left.
 */
export function commandGraph(
  structure: readonly UnitAt[],
  names: { unit: (id: string) => string; person: (id: string) => string; compare: (a: string, b: string) => number },
  rtl: boolean,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const byId = new Map(structure.map((u) => [u.unitId, u]));
  const children = new Map<string | null, string[]>();
  for (const u of structure) {
    const parent = u.parents[0]?.unitId ?? null;
    children.set(parent, [...(children.get(parent) ?? []), u.unitId]);
  }
  for (const list of children.values()) list.sort((a, b) => names.compare(names.unit(a), names.unit(b)));
  const nodes: GraphNode[] = [];
  const placed = new Set<string>();
  let next = 0;
  // Leaves take the next column; a unit stands over the middle of its sub-units.
  const place = (unitId: string, depth: number): number => {
    placed.add(unitId);
    const kids = (children.get(unitId) ?? []).filter((k) => !placed.has(k));
    const xs = kids.map((k) => place(k, depth + 1));
    const column = xs.length ? (Math.min(...xs) + Math.max(...xs)) / 2 : next++;
    const unit = byId.get(unitId)!;
    nodes.push({ id: unitId, kind: 'unit', name: names.unit(unitId), x: column, y: depth * 2, unitId: null });
    commandersOnce(unit).forEach((c, i) =>
      nodes.push({
        id: `${c.personId}@${unitId}`,
        kind: 'person',
        name: names.person(c.personId),
        x: column + 0.35,
        y: depth * 2 + 0.8 + i * 0.35,
        unitId,
      }),
    );
    return column;
  };
  for (const root of children.get(null) ?? []) place(root, 0);
  // What a loop typed into the hierarchy left unreached still gets a place, as a root of its own.
  for (const u of structure) if (!placed.has(u.unitId)) place(u.unitId, 0);
  for (const n of nodes) {
    n.x = (rtl ? -n.x : n.x) * COLUMN;
    n.y = (n.y / 2) * ROW;
  }
  const edges: GraphEdge[] = structure.flatMap((u) => [
    ...u.parents.map((p) => ({ source: u.unitId, target: p.unitId, possible: p.overlap === 'possible' })),
    ...commandersOnce(u).map((c) => ({
      source: `${c.personId}@${u.unitId}`,
      target: u.unitId,
      possible: c.overlap === 'possible',
    })),
  ]);
  return { nodes, edges };
}

/** The graph as an ECharts option: units as boxes, commanders as circles, a dashed line where it is only possible. */
export function commandGraphOption(
  graph: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[] },
  opts: { dark: boolean },
): EChartsCoreOption {
  const ink = opts.dark ? '#e9ecef' : '#212529';
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: ink, fontFamily: 'system-ui, "Noto Sans Arabic", "Noto Sans", sans-serif' },
    tooltip: { trigger: 'item', formatter: (p: { data: { name?: string } }) => p.data.name ?? '' },
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: true,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 8,
        data: graph.nodes.map((n) => ({
          id: n.id,
          name: n.name,
          x: n.x,
          y: n.y,
          symbol: n.kind === 'unit' ? 'roundRect' : 'circle',
          symbolSize: n.kind === 'unit' ? [24, 16] : 12,
          itemStyle: { color: n.kind === 'unit' ? '#0b7285' : '#c92a2a' },
          label: {
            show: true,
            position: n.kind === 'unit' ? 'top' : 'bottom',
            color: ink,
            fontSize: n.kind === 'unit' ? 12 : 11,
            fontWeight: n.kind === 'unit' ? 'bold' : 'normal',
          },
        })),
        links: graph.edges.map((e) => ({
          source: e.source,
          target: e.target,
          lineStyle: { type: e.possible ? 'dashed' : 'solid', width: 1.5, color: opts.dark ? '#909296' : '#495057' },
        })),
        emphasis: { focus: 'adjacency' },
      },
    ],
  };
}
