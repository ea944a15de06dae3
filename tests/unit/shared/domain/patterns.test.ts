import { describe, expect, it } from 'vitest';
import { ageBandAt, countPatterns, periodsBetween, stayPeriods, type PatternInput } from '@shared/domain/patterns';
import { parsePartialDate, type PartialDate } from '@shared/domain/partial-date';
import { personFields } from '@shared/domain/new-record';
import type { Case, DetentionEvent, Person, Place } from '@shared/domain/records';
import { ev } from './test-events';

const date = (s: string): PartialDate => {
  const d = parsePartialDate(s);
  if (!d.ok) throw new Error(s);
  return d.value;
};

let n = 0;
function person(over: Partial<Person> = {}): Person {
  n++;
  return {
    ...personFields({ nameLatin: `Person ${n}`, ...over }),
    id: over.id ?? `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    createdAt: '',
    updatedAt: '',
    author: '',
    role: 'subject',
  };
}

function aCase(subject: Person, over: Partial<Case> = {}): Case {
  return {
    id: `c${++n}`,
    createdAt: '',
    updatedAt: '2026-01-01T00:00:00.000Z',
    author: '',
    reference: 'ATH-2026-0001',
    subjectId: subject.id,
    kind: 'enforced-disappearance',
    status: 'disappeared',
    statusHistory: [{ status: 'disappeared', at: '2026-01-01T00:00:00.000Z', by: '', reason: '' }],
    priority: 'normal',
    assignee: '',
    confidentiality: 'standard',
    tags: [],
    summary: { type: 'doc' },
    ...over,
  };
}

const place = (id: string, kind: Place['kind'], parentId: string | null = null): Place => ({
  id,
  kind,
  nameEn: id,
  nameAr: id,
  parentId,
  operatorEn: '',
  operatorAr: '',
  notes: '',
  createdAt: '',
  updatedAt: '',
  author: '',
});

function world(
  entries: Array<{ subject: Person; c: Case; events: DetentionEvent[] }>,
  extra: Person[] = [],
): PatternInput {
  const places = [place('damascus', 'governorate'), place('douma', 'town', 'damascus'), place('homs', 'governorate')];
  return {
    cases: entries.map((e) => e.c),
    persons: new Map([...entries.map((e) => e.subject), ...extra].map((p) => [p.id, p])),
    eventsByCase: new Map(entries.map((e) => [e.c.id, e.events])),
    places: new Map(places.map((p) => [p.id, p])),
  };
}

function entry(events: DetentionEvent[], over: Partial<Person> = {}, caseOver: Partial<Case> = {}) {
  const subject = person(over);
  return { subject, c: aCase(subject, caseOver), events };
}

describe('the periods a stay is counted in', () => {
  it('counts a stay in every period it certainly covers, and a date inside one period in that period', () => {
    expect(stayPeriods({ from: date('2013-11-20'), to: date('2014-02-03') }, 'quarter')).toEqual([
      '2013-Q4',
      '2014-Q1',
    ]);
    expect(stayPeriods({ from: date('2013-11'), to: date('2014-02') }, 'month')).toEqual([
      '2013-11',
      '2013-12',
      '2014-01',
      '2014-02',
    ]);
    // Known only as a year: in that year, in none of its quarters.
    expect(stayPeriods({ from: date('2014'), to: date('2014') }, 'year')).toEqual(['2014']);
    expect(stayPeriods({ from: date('2014'), to: date('2014') }, 'quarter')).toEqual([]);
    // "2013" then "March 2015": certainly held from the end of 2013 to the start of March 2015.
    expect(stayPeriods({ from: date('2013'), to: date('2015-03') }, 'year')).toEqual(['2013', '2014', '2015']);
    expect(stayPeriods({ from: null, to: null }, 'year')).toEqual([]);
  });

  it('lists the periods between two, across years', () => {
    expect(periodsBetween('2013-Q3', '2014-Q2', 'quarter')).toEqual(['2013-Q3', '2013-Q4', '2014-Q1', '2014-Q2']);
    expect(periodsBetween('2013-11', '2014-01', 'month')).toEqual(['2013-11', '2013-12', '2014-01']);
  });
});

describe('age at arrest', () => {
  it('gives a band only when every day the dates allow falls in it', () => {
    expect(ageBandAt(date('1990'), date('2012-08-03'))).toBe('18-29');
    expect(ageBandAt(date('1996-05-10'), date('2014-05-09'))).toBe('under-18');
    expect(ageBandAt(date('1996-05-10'), date('2014-05-10'))).toBe('18-29');
    // 17 or 18: not guessed.
    expect(ageBandAt(date('1996'), date('2014'))).toBe('unknown');
    expect(ageBandAt(null, date('2014'))).toBe('unknown');
    expect(ageBandAt(date('2015'), date('2014'))).toBe('unknown');
    expect(ageBandAt(date('1950'), date('2012'))).toBe('60-plus');
  });
});

describe('counting people across cases', () => {
  it('counts by quarter, puts undated and loosely dated stays apart, and they add up to the total', () => {
    const input = world([
      entry([ev('arrest', '2014-01-10', 'sednaya'), ev('sighting', '2014-05-02', 'sednaya')]),
      entry([ev('detention', '2014-02', 'sednaya')]),
      entry([ev('detention', '2014', 'sednaya')]),
      entry([ev('detention', null, 'sednaya')]),
      entry([ev('detention', '2014-04-01', 'branch-215')]),
    ]);
    const r = countPatterns(input, { granularity: 'quarter' });
    const sed = r.byPlace.find((p) => p.placeId === 'sednaya')!;
    expect(sed.total.count).toBe(4);
    expect(sed.periods.get('2014-Q1')?.count).toBe(2);
    expect(sed.periods.get('2014-Q2')?.count).toBe(1);
    expect(sed.undated.count).toBe(1);
    expect(sed.loose.count).toBe(1);
    const placed = new Set([...sed.periods.values()].flatMap((c) => c.caseIds));
    expect(placed.size + sed.undated.count + sed.loose.count).toBe(sed.total.count);
    expect(r.periods).toEqual(['2014-Q1', '2014-Q2']);
    expect(r.people.count).toBe(5);
    // By year, the stay known as "2014" is placed.
    const y = countPatterns(input, { granularity: 'year' }).byPlace.find((p) => p.placeId === 'sednaya')!;
    expect(y.periods.get('2014')?.count).toBe(3);
    expect(y.loose.count).toBe(0);
  });

  it('counts people whose subjects were merged once, and opens every case of theirs', () => {
    const a = entry([ev('detention', '2014-03', 'sednaya')], { sex: 'male' });
    const survivor = person({ sex: 'male' });
    const b = entry([ev('detention', '2014-02', 'sednaya')], { mergedInto: survivor.id });
    const c = { subject: survivor, c: aCase(survivor, { status: 'released' }), events: [ev('release', '2015', null)] };
    const r = countPatterns(world([a, b, c]), { granularity: 'quarter' });
    expect(r.people.count).toBe(2);
    expect(r.mergedCases).toBe(1);
    const q1 = r.byPlace.find((p) => p.placeId === 'sednaya')!.periods.get('2014-Q1')!;
    expect(q1.count).toBe(2);
    expect(q1.caseIds.sort()).toEqual([a.c.id, b.c.id, c.c.id].sort());
    // The surviving record's case speaks for the person.
    expect(r.byStatus.get('released')?.count).toBe(1);
    expect(r.byStatus.get('disappeared')?.count).toBe(1);
    expect(r.bySex.get('male')?.count).toBe(2);
  });

  it('survives a merge cycle without counting anyone twice or looping', () => {
    const p1 = person();
    const p2 = person({ mergedInto: p1.id });
    p1.mergedInto = p2.id;
    const input = world([
      { subject: p1, c: aCase(p1), events: [] },
      { subject: p2, c: aCase(p2), events: [] },
    ]);
    expect(countPatterns(input, { granularity: 'year' }).people.count).toBe(1);
    expect(countPatterns(input, { granularity: 'year' }).mergedCases).toBe(1);
  });

  it('counts unknown sex, age and origin as unknown, and the governorate above a town of birth', () => {
    const input = world([
      entry([ev('arrest', '2012-08-03', 'douma')], { sex: 'female', birthDate: date('1990'), birthPlaceId: 'douma' }),
      entry([ev('arrest', '2012', 'douma')], { birthDate: date('1994') }),
      entry([ev('detention', '2013', 'homs')], { birthPlaceId: 'homs' }),
    ]);
    const r = countPatterns(input, { granularity: 'year' });
    expect(r.byGovernorate.get('damascus')?.count).toBe(1);
    expect(r.byGovernorate.get('homs')?.count).toBe(1);
    expect(r.byGovernorate.get('unknown')?.count).toBe(1);
    expect(r.bySex.get('female')?.count).toBe(1);
    expect(r.bySex.get('unknown')?.count).toBe(2);
    expect(r.byAge.get('18-29')?.count).toBe(1);
    // Born 1994, arrested 2012: 17 or 18. No arrest at all: unknown.
    expect(r.byAge.get('unknown')?.count).toBe(2);
  });

  it('filters by place, kind, status, sex and period, and names who the period could not place', () => {
    const input = world([
      entry([ev('detention', '2014-03', 'sednaya')], { sex: 'male' }),
      entry([ev('detention', '2012-03', 'sednaya'), ev('transfer', '2014-06', 'branch-215')], { sex: 'female' }),
      entry([ev('detention', null, 'sednaya')], {}, { kind: 'missing' }),
      entry([ev('detention', '2011', 'branch-215'), ev('death', '2016', null)], {}, { status: 'deceased' }),
    ]);
    const atSednaya = countPatterns(input, { granularity: 'year', placeId: 'sednaya' });
    expect(atSednaya.people.count).toBe(3);
    expect(atSednaya.byPlace.map((p) => p.placeId)).toEqual(['sednaya']);

    const in2014 = countPatterns(input, { granularity: 'quarter', from: '2014-01-01', to: '2014-12-31' });
    // Held from 2011 until a death in 2016 is certainly held in 2014; the undated one cannot be placed in it.
    expect(in2014.people.count).toBe(3);
    expect(in2014.outsidePeriod.count).toBe(1);
    expect(in2014.byPlace.find((p) => p.placeId === 'branch-215')!.periods.get('2014-Q2')?.count).toBe(2);
    // Held at Sednaya from 2012 until the transfer of June 2014: in its first two quarters of 2014.
    const sed = in2014.byPlace.find((p) => p.placeId === 'sednaya')!;
    expect(sed.total.count).toBe(2);
    expect(sed.periods.get('2014-Q1')?.count).toBe(2);
    expect(sed.periods.get('2014-Q3')).toBeUndefined();
    // Held at Sednaya in 2012 only: not in Sednaya's row for 2014 at all.
    const only2012 = world([entry([ev('detention', '2012-03', 'sednaya'), ev('detention', '2014-03', 'homs')])]);
    const r = countPatterns(only2012, { granularity: 'quarter', from: '2014-01-01', to: '2014-12-31' });
    expect(r.byPlace.map((p) => p.placeId)).toEqual(['homs']);

    expect(countPatterns(input, { granularity: 'year', kinds: ['missing'] }).people.count).toBe(1);
    expect(countPatterns(input, { granularity: 'year', statuses: ['deceased'] }).people.count).toBe(1);
    expect(countPatterns(input, { granularity: 'year', sexes: ['female', 'male'] }).people.count).toBe(2);
  });

  it('counts two subjects merged into a record this member cannot read as one person', () => {
    const hidden = '00000000-0000-4000-8000-00000000abcd';
    const input = world([
      entry([ev('detention', '2014-03', 'sednaya')], { mergedInto: hidden }),
      entry([ev('detention', '2014-05', 'sednaya')], { mergedInto: hidden }),
    ]);
    expect(countPatterns(input, { granularity: 'year' }).people.count).toBe(1);
  });

  it('with a place and a period, counts only who was held at that place in that period', () => {
    const input = world([entry([ev('detention', '2012-03', 'sednaya'), ev('detention', '2014-03', 'homs')])]);
    const r = countPatterns(input, { granularity: 'year', placeId: 'sednaya', from: '2014-01-01', to: '2014-12-31' });
    expect(r.people.count).toBe(0);
    expect(r.bySex.size).toBe(0);
  });

  it('counts a period only for days certainly inside the filter, and no event but custody as being held', () => {
    // Known only as "2014": perhaps only in January, so not certainly in its second half.
    const loose = world([entry([ev('detention', '2014', 'sednaya')])]);
    const half = countPatterns(loose, { granularity: 'year', from: '2014-07-01', to: '2014-12-31' });
    const row = half.byPlace.find((p) => p.placeId === 'sednaya');
    expect(row?.periods.get('2014')).toBeUndefined();
    // Counted for a stay elsewhere, inside the filter: a stay known as "July 2014" may have ended before the
    // 20th, so it is not in the filter's third quarter; it is loose.
    const twoStays = world([entry([ev('detention', '2014-07', 'sednaya'), ev('detention', '2014-09-01', 'homs')])]);
    const fromMid = countPatterns(twoStays, { granularity: 'quarter', from: '2014-07-20', to: '2014-12-31' });
    expect(fromMid.people.count).toBe(1);
    const sed = fromMid.byPlace.find((p) => p.placeId === 'sednaya');
    expect(sed?.periods.get('2014-Q3')).toBeUndefined();
    expect(sed?.loose.count).toBe(1);
    // A stay from March to September 2014, filtered from July: in Q3 only.
    const long = world([entry([ev('detention', '2014-03-01', 'sednaya'), ev('sighting', '2014-09-10', 'sednaya')])]);
    const q = countPatterns(long, { granularity: 'quarter', from: '2014-07-01', to: '2014-12-31' });
    expect([...q.byPlace[0]!.periods.keys()]).toEqual(['2014-Q3']);
    // Released in 2010; something else recorded in 2014 does not make them held in 2014.
    const other = world([
      entry([ev('arrest', '2009', 'homs'), ev('release', '2010', null), ev('other', '2014-03', 'homs')]),
    ]);
    expect(countPatterns(other, { granularity: 'year', from: '2014-01-01', to: '2014-12-31' }).people.count).toBe(0);
  });

  it('counts only the cases it is given', () => {
    const a = entry([ev('detention', '2014-03', 'sednaya')]);
    const b = entry([ev('detention', '2014-03', 'sednaya')]);
    const input = world([a, b]);
    const readable = { ...input, cases: [a.c] };
    const r = countPatterns(readable, { granularity: 'quarter' });
    expect(r.people.count).toBe(1);
    expect(r.byPlace[0]!.total.caseIds).toEqual([a.c.id]);
  });
});
