import { describe, expect, it } from 'vitest';
import { coDetainees, stayBounds, staysByPlace } from '@shared/domain/facility-stays';
import { parsePartialDate } from '@shared/domain/partial-date';
import { ev } from './test-events';

describe('who was held where', () => {
  it('gathers each case’s stays by place, with how each ended and what was seen', () => {
    const { stays } = staysByPlace(
      new Map([
        [
          'c1',
          [
            ev('arrest', '2013-04-02', 'branch'),
            ev('transfer', '2013-05', 'prison'),
            ev('sighting', '2014', 'prison', 2),
          ],
        ],
        ['c2', [ev('detention', '2014-06', 'prison')]],
      ]),
    );
    expect([...stays.keys()].sort()).toEqual(['branch', 'prison']);
    expect(stays.get('branch')).toMatchObject([{ caseId: 'c1', end: 'transfer' }]);
    expect(stays.get('prison')).toMatchObject([
      { caseId: 'c1', end: 'last-known', sightings: 1, sources: 2 },
      { caseId: 'c2', end: 'last-known', sightings: 0, sources: 0 },
    ]);
  });

  it('names as co-detainees the other cases whose stay at the place overlaps in time, each once', () => {
    const { stays, undated } = staysByPlace(
      new Map([
        ['me', [ev('detention', '2014-03', 'prison'), ev('sighting', '2014-09', 'prison')]],
        ['before', [ev('detention', '2012', 'prison'), ev('release', '2013-12-31', null)]],
        ['during', [ev('detention', '2014-06-10', 'prison')]],
        ['same-year', [ev('sighting', '2014', 'prison')]],
        ['after', [ev('detention', '2014-10-01', 'prison')]],
        ['elsewhere', [ev('detention', '2014-06', 'branch')]],
        ['undated', [ev('detention', null, 'prison')]],
        [
          'twice',
          [
            ev('detention', '2014-04', 'prison'),
            ev('transfer', '2014-05', 'branch'),
            ev('transfer', '2014-08', 'prison'),
          ],
        ],
      ]),
    );
    const atPrison = stays.get('prison')!;
    const mine = atPrison.find((s) => s.caseId === 'me')!;
    expect(
      coDetainees(mine, atPrison)
        .map((s) => s.caseId)
        .sort(),
    ).toEqual(['during', 'same-year', 'twice']);
    // A custody event with no date is no stay: it is counted apart at its place, and is with no one.
    expect(atPrison.some((s) => s.caseId === 'undated')).toBe(false);
    expect([...(undated.get('prison') ?? [])]).toEqual(['undated']);
    expect(coDetainees({ ...mine, from: null, to: null }, atPrison)).toEqual([]);
  });

  it('takes a stay’s widest certain span: the start of its first date to the end of its last', () => {
    const d = (s: string) => {
      const p = parsePartialDate(s);
      if (!p.ok) throw new Error(s);
      return p.value;
    };
    expect(stayBounds({ from: d('2013'), to: d('2014-02') })).toEqual({ earliest: '2013-01-01', latest: '2014-02-28' });
    expect(stayBounds({ from: null, to: d('2014-02-03') })).toEqual({ earliest: '2014-02-03', latest: '2014-02-03' });
    expect(stayBounds({ from: null, to: null })).toBeNull();
  });
});
