import { describe, expect, it } from 'vitest';
import type { UnitAt } from '@shared/domain/command';
import { commandGraph, commandGraphOption } from '../../../../renderer/src/features/units/command-graph-option';

const names = {
  unit: (id: string) => `Unit ${id}`,
  person: (id: string) => `Officer ${id}`,
  compare: (a: string, b: string) => a.localeCompare(b),
};
const commander = (personId: string, overlap: 'certain' | 'possible' = 'certain') => ({
  personId,
  role: '',
  rank: '',
  from: null,
  to: null,
  certainty: null,
  sources: [],
  overlap,
});
const structure: UnitAt[] = [
  { unitId: 'b', parents: [{ unitId: 'top', overlap: 'certain', sources: [] }], commanders: [commander('p1')] },
  { unitId: 'a', parents: [{ unitId: 'top', overlap: 'possible', sources: [] }], commanders: [] },
  { unitId: 'top', parents: [], commanders: [commander('p2', 'possible')] },
];

describe('the chain-of-command graph', () => {
  it('puts each unit under what it was part of, centred over its sub-units, with its commanders just below it', () => {
    const { nodes, edges } = commandGraph(structure, names, false);
    const at = (id: string) => nodes.find((n) => n.id === id)!;
    expect(at('top').y).toBeLessThan(at('a').y);
    expect(at('a').y).toBe(at('b').y);
    // Sub-units in the order of their names, the parent over their middle.
    expect(at('a').x).toBeLessThan(at('b').x);
    expect(at('top').x).toBe((at('a').x + at('b').x) / 2);
    expect(at('p1@b')).toMatchObject({ kind: 'person', name: 'Officer p1', unitId: 'b' });
    expect(at('p1@b').y).toBeGreaterThan(at('b').y);
    expect(edges).toEqual([
      { source: 'b', target: 'top', possible: false },
      { source: 'p1@b', target: 'b', possible: false },
      { source: 'a', target: 'top', possible: true },
      { source: 'p2@top', target: 'top', possible: true },
    ]);
  });

  it('reads right to left in Arabic, and still places every unit of a loop typed into the hierarchy', () => {
    const ltr = commandGraph(structure, names, false).nodes;
    const rtl = commandGraph(structure, names, true).nodes;
    for (const n of ltr) expect(rtl.find((m) => m.id === n.id)!.x).toBe(-n.x);
    const loop: UnitAt[] = [
      { unitId: 'x', parents: [{ unitId: 'y', overlap: 'certain', sources: [] }], commanders: [] },
      { unitId: 'y', parents: [{ unitId: 'x', overlap: 'certain', sources: [] }], commanders: [] },
    ];
    expect(
      commandGraph(loop, names, false)
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual(['x', 'y']);
  });

  it('draws one node for a person who held two positions over one unit on the date, certain if either is', () => {
    const twice: UnitAt[] = [
      { unitId: 'u', parents: [], commanders: [commander('p1', 'possible'), commander('p1'), commander('p2')] },
    ];
    const { nodes, edges } = commandGraph(twice, names, false);
    expect(nodes.map((n) => n.id)).toEqual(['u', 'p1@u', 'p2@u']);
    expect(edges).toEqual([
      { source: 'p1@u', target: 'u', possible: false },
      { source: 'p2@u', target: 'u', possible: false },
    ]);
  });

  it('draws an only-possible link dashed', () => {
    const option = commandGraphOption(commandGraph(structure, names, false), { dark: false }) as {
      series: Array<{ links: Array<{ source: string; lineStyle: { type: string } }> }>;
    };
    expect(option.series[0]!.links.map((l) => [l.source, l.lineStyle.type])).toEqual([
      ['b', 'solid'],
      ['p1@b', 'solid'],
      ['a', 'dashed'],
      ['p2@top', 'dashed'],
    ]);
  });
});
