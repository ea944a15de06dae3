import { describe, expect, it } from 'vitest';
import { commandIndex, dateWithin, detentionsInCommand, eventsInCommand } from '@shared/domain/command';
import { parsePartialDate, type PartialDate } from '@shared/domain/partial-date';
import { personSchema, placeSchema, unitSchema, type Person, type Place, type Unit } from '@shared/domain/records';
import type { Stay } from '@shared/domain/facility-stays';
import { ev } from './test-events';

const d = (s: string): PartialDate => {
  const p = parsePartialDate(s);
  if (!p.ok) throw new Error(s);
  return p.value;
};
const opt = (s: string | null): PartialDate | null => (s ? d(s) : null);
const base = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', author: 'T' };
const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SRC = id(900);

const unit = (n: number, extra: Partial<Unit> = {}): Unit =>
  unitSchema.parse({ ...base, id: id(n), nameEn: `Unit ${n}`, nameAr: '', ...extra });
const facility = (runBy: NonNullable<Place['runBy']>): Place =>
  placeSchema.parse({ ...base, id: 'facility', kind: 'facility', nameEn: 'Facility', nameAr: '', runBy });
const officer = (n: number, memberships: Array<Partial<Person['memberships'][number]> & { unitId: string }>): Person =>
  personSchema.parse({ ...base, id: id(n), role: 'perpetrator', nameLatin: `Officer ${n}`, memberships });
const commanding = (unitId: string, from: string | null, to: string | null, more = {}) => ({
  unitId,
  commands: true,
  from: opt(from),
  to: opt(to),
  ...more,
});

describe('a date inside a period', () => {
  it('is certain only when every day the date can mean lies inside every reading of the period', () => {
    const period = { from: d('2012-01'), to: d('2013-06') };
    expect(dateWithin(d('2012-05-10'), period)).toBe('certain');
    expect(dateWithin(d('2012-03'), period)).toBe('certain');
    // "From January 2012" may mean the 31st: the first days of 2012 are only possibly inside.
    expect(dateWithin(d('2012'), period)).toBe('possible');
    expect(dateWithin(d('2013'), period)).toBe('possible');
    expect(dateWithin(d('2011-12-31'), period)).toBeNull();
    expect(dateWithin(d('2013-07-01'), period)).toBeNull();
  });

  it('never excludes on an unknown bound, and never calls it certain', () => {
    expect(dateWithin(d('2030'), { from: d('2012'), to: null })).toBe('possible');
    expect(dateWithin(d('1990'), { from: null, to: d('2012') })).toBe('possible');
    expect(dateWithin(d('1990'), { from: d('2012'), to: null })).toBeNull();
  });
});

describe('who was in command', () => {
  const branch = unit(1, { parentId: id(2) });
  const directorate = unit(2);
  const place = facility([{ unitId: id(1), from: d('2011'), to: d('2014'), sources: [{ recordId: SRC }] }]);
  const first = officer(10, [
    commanding(id(1), '2012-01', '2013-06', { rank: 'Colonel', sources: [{ recordId: SRC }] }),
  ]);
  const second = officer(11, [commanding(id(1), '2013-07', '2014-12')]);
  const head = officer(12, [commanding(id(2), '2010', '2015')]);
  const member = officer(13, [{ unitId: id(1), role: 'interrogator', from: d('2012'), to: d('2013') }]);
  const index = commandIndex({ units: [branch, directorate], places: [place], persons: [first, second, head, member] });

  it('answers with the unit that ran the place then, its commander then with his sources, and the chain above', () => {
    const rows = index.at({ date: d('2012-05-10'), placeId: 'facility' });
    expect(rows.map((r) => [r.unitId, r.depth, r.via.kind, r.overlap])).toEqual([
      [id(1), 0, 'ran-place', 'certain'],
      [id(2), 1, 'above', 'certain'],
    ]);
    expect(rows[0]!.via).toMatchObject({ sources: [SRC] });
    expect(rows[0]!.commanders).toEqual([
      expect.objectContaining({ personId: id(10), rank: 'Colonel', sources: [SRC], overlap: 'certain' }),
    ]);
    expect(rows[1]!.commanders.map((c) => c.personId)).toEqual([id(12)]);
  });

  it('names the next commander after the change, and a member is never a commander', () => {
    const rows = index.at({ date: d('2014-02'), placeId: 'facility' });
    expect(rows[0]!.commanders.map((c) => c.personId)).toEqual([id(11)]);
    expect(rows.flatMap((r) => r.commanders).some((c) => c.personId === id(13))).toBe(false);
  });

  it('finds no unit when nobody is recorded as running the place then', () => {
    expect(index.at({ date: d('2016'), placeId: 'facility' })).toEqual([]);
    expect(index.at({ date: d('2012'), placeId: 'elsewhere' })).toEqual([]);
  });

  it('follows a change of parent over time', () => {
    const moved = unit(1, {
      parentId: id(3),
      parents: [
        { unitId: id(2), from: d('2010'), to: d('2012'), sources: [] },
        { unitId: id(3), from: d('2013'), to: null, sources: [{ recordId: SRC }] },
      ],
    });
    const idx = commandIndex({ units: [moved, directorate, unit(3)], places: [place], persons: [] });
    expect(idx.at({ date: d('2012'), placeId: 'facility' }).map((r) => r.unitId)).toEqual([id(1), id(2)]);
    const later = idx.at({ date: d('2013-03'), placeId: 'facility' });
    expect(later.map((r) => [r.unitId, r.overlap])).toEqual([
      [id(1), 'certain'],
      [id(3), 'possible'],
    ]);
    expect(later[1]!.via).toEqual({ kind: 'above', of: id(1), sources: [SRC] });
  });

  it('lists a unit named in the event once, even when it also ran the place, and survives a loop in the hierarchy', () => {
    const a = unit(1, { parentId: id(2) });
    const b = unit(2, { parentId: id(1) });
    const idx = commandIndex({ units: [a, b], places: [place], persons: [head] });
    const rows = idx.at({ date: d('2012'), placeId: 'facility', unitIds: [id(1), id(2)] });
    expect(rows.map((r) => [r.unitId, r.depth])).toEqual([
      [id(1), 0],
      [id(2), 0],
    ]);
  });

  it('is only possibly the commander when the unit only possibly ran the place then', () => {
    const vague = facility([{ unitId: id(1), from: null, to: null, sources: [] }]);
    const idx = commandIndex({ units: [branch, directorate], places: [vague], persons: [first] });
    expect(idx.at({ date: d('2012-05-10'), placeId: 'facility' })[0]!.commanders[0]!.overlap).toBe('possible');
  });

  it('reads commanders written on the unit by earlier versions, and credits a merged person’s positions to the one he became', () => {
    const old = unit(1, { commanders: [{ personId: id(20), from: d('2012'), to: d('2012') }] });
    const merged = { ...first, mergedInto: id(98) };
    const twice = { ...officer(98, []), mergedInto: id(99) };
    const idx = commandIndex({ units: [old], places: [place], persons: [merged, twice] });
    expect(idx.at({ date: d('2012-05'), placeId: 'facility' })[0]!.commanders.map((c) => c.personId)).toEqual([
      id(99),
      id(20),
    ]);
  });

  it('widens a date known only as "about" a year, so it is never certain by the calendar year alone', () => {
    const about = d('about 2012');
    expect(dateWithin(about, { from: d('2012'), to: d('2012') })).toBe('possible');
    expect(dateWithin(about, { from: d('2010'), to: d('2014') })).toBe('certain');
    // "About 2012" may be 2011: a command that ended in December 2011 possibly covers it.
    expect(dateWithin(about, { from: d('2009'), to: d('2011-12') })).toBe('possible');
    expect(dateWithin(d('2011-06'), { from: d('about 2012'), to: null })).toBe('possible');
    expect(dateWithin(d('2010-06'), { from: d('about 2012'), to: null })).toBeNull();
  });
});

describe('the events inside a person’s command', () => {
  it('lists the events at places his unit ran, or naming his unit, while he commanded it or a unit above it', () => {
    const branch = unit(1, { parentId: id(2) });
    const place = facility([{ unitId: id(1), from: d('2011'), to: d('2014'), sources: [] }]);
    const first = officer(10, [commanding(id(1), '2012-01', '2013-06')]);
    const head = officer(12, [commanding(id(2), '2010', '2015')]);
    const index = commandIndex({ units: [branch, unit(2)], places: [place], persons: [first, head] });
    const inside = ev('detention', '2012-05-10', 'facility');
    const after = ev('torture', '2013-09', 'facility');
    const undated = ev('detention', null, 'facility');
    const named = { ...ev('arrest', '2013-02', null), unitIds: [id(1)] };
    const events = [inside, after, undated, named];
    expect(eventsInCommand(id(10), events, index).map((x) => [x.event.id, x.overlap])).toEqual([
      [inside.id, 'certain'],
      [named.id, 'certain'],
    ]);
    expect(eventsInCommand(id(12), events, index).map((x) => [x.event.id, x.depth])).toEqual([
      [inside.id, 1],
      [after.id, 1],
      [named.id, 1],
    ]);
  });
});

describe('the units on a date', () => {
  it('gives each unit its parents and commanders on that date only, and drops a parent that is not on file', () => {
    const branch = unit(1, {
      parents: [
        { unitId: id(2), from: d('2010'), to: d('2012-12'), sources: [] },
        { unitId: id(77), from: d('2013'), to: null, sources: [] },
      ],
    });
    const first = officer(10, [commanding(id(1), '2012-01', '2013-06')]);
    const index = commandIndex({ units: [branch, unit(2)], places: [], persons: [first] });
    expect(index.structureAt(d('2012-03'))).toEqual([
      {
        unitId: id(1),
        parents: [{ unitId: id(2), overlap: 'certain', sources: [] }],
        commanders: [expect.objectContaining({ personId: id(10), overlap: 'certain' })],
      },
      { unitId: id(2), parents: [], commanders: [] },
    ]);
    expect(index.structureAt(d('2014-01'))[0]).toEqual({ unitId: id(1), parents: [], commanders: [] });
  });
});

describe('detentions under a person’s command', () => {
  const branch = unit(1, { parentId: id(2) });
  const place = facility([{ unitId: id(1), from: d('2011'), to: d('2014'), sources: [] }]);
  const first = officer(10, [commanding(id(1), '2012-01', '2013-06')]);
  const second = officer(11, [commanding(id(1), '2013-07', '2014-12')]);
  const head = officer(12, [commanding(id(2), '2010', '2015')]);
  const index = commandIndex({ units: [branch, unit(2)], places: [place], persons: [first, second, head] });
  const stay = (caseId: string, from: string | null, to: string | null, end: Stay['end'] = 'transfer') => ({
    caseId,
    placeId: 'facility',
    from: opt(from),
    to: opt(to),
    end,
    sightings: 0,
    sources: 0,
  });
  const stays = new Map([
    [
      'facility',
      [
        stay('spans-the-change', '2011-06', '2012-03'),
        stay('late', '2014-05', '2014-08'),
        stay('undated', null, null),
        stay('one-date', '2013-02', null),
      ],
    ],
    ['elsewhere', [stay('other-place', '2012', '2013')]],
  ]);

  it('lists a stay that overlaps his command, even one that began before it, and leaves out an undated one', () => {
    expect(detentionsInCommand(id(10), stays, index).rows.map((x) => [x.stay.caseId, x.overlap, x.depth])).toEqual([
      ['spans-the-change', 'certain', 0],
      ['one-date', 'certain', 0],
    ]);
  });

  it('is only possible where a period is too rough, and reaches the commander above through the chain', () => {
    // The branch ran the prison "to 2014": it may have handed it over on 1 January.
    expect(detentionsInCommand(id(11), stays, index).rows.map((x) => [x.stay.caseId, x.overlap])).toEqual([
      ['late', 'possible'],
    ]);
    expect(detentionsInCommand(id(12), stays, index).rows.map((x) => [x.stay.caseId, x.depth])).toEqual([
      ['spans-the-change', 1],
      ['late', 1],
      ['one-date', 1],
    ]);
  });

  it('narrows the chain by dated parent periods, and ends on a loop or a hierarchy made to branch without end', () => {
    const moved = unit(1, { parents: [{ unitId: id(2), from: d('2014'), to: null, sources: [] }] });
    const idx = commandIndex({ units: [moved, unit(2)], places: [place], persons: [head] });
    expect(detentionsInCommand(id(12), stays, idx).rows.map((x) => x.stay.caseId)).toEqual(['late']);

    const loop = commandIndex({
      units: [unit(1, { parentId: id(2) }), unit(2, { parentId: id(1) })],
      places: [place],
      persons: [head],
    });
    expect(loop.over('facility')).toEqual({
      spans: [expect.objectContaining({ personId: id(12), depth: 1 })],
      complete: true,
    });

    // Thirty levels, each part of the next in a hundred overlapping periods: 100^30 paths if walked naively.
    const periods = (next: number) =>
      Array.from({ length: 100 }, () => ({ unitId: id(next), from: null, to: null, sources: [] }));
    const deep = Array.from({ length: 30 }, (_, i) => unit(i + 1, { parents: periods(i + 2) }));
    const top = officer(40, [commanding(id(31), null, null)]);
    const wide = commandIndex({ units: [...deep, unit(31)], places: [place], persons: [top] });
    // Deeper than any army: cut, and said to be cut, never silently short.
    expect(wide.over('facility').complete).toBe(false);

    // A clique of forty units, each part of every other: walked once per unit and stretch of days, it ends, whole.
    const clique = (from: (k: number) => string, to: (k: number) => string): Unit[] =>
      Array.from({ length: 40 }, (_, i) =>
        unit(i + 1, {
          parents: Array.from({ length: 40 }, (_, j) => ({
            unitId: id(j + 1),
            from: d(from(i * 40 + j)),
            to: d(to(i * 40 + j)),
            sources: [],
          })),
        }),
      );
    const plain = commandIndex({
      units: clique(
        () => '2000',
        () => '2020',
      ),
      places: [place],
      persons: [head],
    });
    expect(plain.over('facility')).toEqual({
      spans: [expect.objectContaining({ personId: id(12), depth: 1 })],
      complete: true,
    });
    // Three levels of a hundred periods each, starts and ends on different years: every narrowing is a new stretch
    // of days to walk (a hundred at the second unit, ten thousand at the third, more at the fourth). The budget
    // ends it, and the answer says it is incomplete rather than hiding whoever lay beyond.
    const hundred = (unitId: string, from: (k: number) => string | null, to: (k: number) => string | null) =>
      Array.from({ length: 100 }, (_, k) => ({ unitId, from: opt(from(k)), to: opt(to(k)), sources: [] }));
    const tangled = commandIndex({
      units: [
        unit(1, {
          parents: hundred(
            id(2),
            (k) => `${1900 + k}`,
            () => null,
          ),
        }),
        unit(2, {
          parents: hundred(
            id(3),
            () => null,
            (k) => `${2000 + k}`,
          ),
        }),
        unit(3, {
          parents: hundred(
            id(4),
            (k) => `${1900 + k}-06`,
            () => null,
          ),
        }),
        unit(4),
      ],
      places: [facility([{ unitId: id(1), from: null, to: null, sources: [] }])],
      persons: [officer(14, [commanding(id(4), null, null)])],
    });
    expect(tangled.over('facility').complete).toBe(false);
    expect(index.over('facility').complete).toBe(true);
  });

  it('keeps a person last known at a place possibly there under every later commander', () => {
    const last = new Map([['facility', [stay('last-seen', '2012-02', '2012-03', 'last-known')]]]);
    expect(detentionsInCommand(id(11), last, index).rows.map((x) => [x.stay.caseId, x.overlap])).toEqual([
      ['last-seen', 'possible'],
    ]);
    expect(detentionsInCommand(id(10), last, index).rows.map((x) => [x.stay.caseId, x.overlap])).toEqual([
      ['last-seen', 'certain'],
    ]);
  });
});
