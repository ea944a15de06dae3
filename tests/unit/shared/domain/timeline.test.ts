import { describe, expect, it } from 'vitest';
import { deriveTimeline } from '@shared/domain/timeline';
import type { DetentionEvent } from '@shared/domain/records';
import { ev } from './test-events';

describe('detention timeline', () => {
  it('says how each stay ended, and only the latest is "last known"', () => {
    const ends = (...events: DetentionEvent[]) => deriveTimeline(events).periods.map((p) => [p.placeId, p.end]);
    // Arrested at Branch 215, seen at Saydnaya later with no transfer on record.
    expect(ends(ev('arrest', '2012-03-05', 'branch-215'), ev('sighting', '2013-06', 'saydnaya'))).toEqual([
      ['branch-215', 'then-unknown'],
      ['saydnaya', 'last-known'],
    ]);
    expect(ends(ev('arrest', '2012-03-05', 'branch-215'), ev('transfer', '2012-09', 'saydnaya'))).toEqual([
      ['branch-215', 'transfer'],
      ['saydnaya', 'last-known'],
    ]);
    expect(ends(ev('arrest', '2012', 'branch-215'), ev('release', '2013', null))).toEqual([['branch-215', 'release']]);
    expect(ends(ev('arrest', '2012', 'branch-215'), ev('death', '2013', null))).toEqual([['branch-215', 'death']]);
    expect(ends(ev('arrest', '2012', 'branch-215'), ev('disappearance', '2013', null))).toEqual([
      ['branch-215', 'disappearance'],
    ]);
    // An undated event cannot be placed, so it neither ends a stay nor becomes the last known place.
    const undated = ev('sighting', null, 'saydnaya');
    const t = deriveTimeline([ev('arrest', '2012', 'branch-215'), undated]);
    expect(t.periods.map((p) => [p.placeId, p.end])).toEqual([['branch-215', 'last-known']]);
    expect(t.undated).toEqual([undated.id]);
  });

  it('follows arrest, sightings and transfers from facility to facility', () => {
    const t = deriveTimeline([
      ev('sighting', '2012-06', 'branch-a', 2),
      ev('arrest', '2012-03-05', 'branch-a', 1),
      ev('transfer', '2012-09', 'prison-b'),
      ev('sighting', '2013', 'prison-b', 1),
      ev('release', '2014-01-10', null),
    ]);
    expect(t.periods.map((p) => [p.placeId, p.from && `${p.from.precision}`, p.end, p.stops.length])).toEqual([
      ['branch-a', 'day', 'transfer', 2],
      ['prison-b', 'month', 'release', 3],
    ]);
    expect(t.periods[0]!.to).toEqual({ precision: 'month', year: 2012, month: 9 });
    expect(t.periods[1]!.to).toEqual({ precision: 'day', year: 2014, month: 1, day: 10 });
    expect(t.periods[0]!.stops.map((s) => s.sourceCount)).toEqual([1, 2]);
    expect(t.gaps).toEqual([]);
    expect(t.contradictions).toEqual([]);
  });

  it('marks a gap where the person turns up elsewhere with no transfer on record', () => {
    const t = deriveTimeline([ev('arrest', '2012-03', 'branch-a'), ev('sighting', '2015', 'prison-b')]);
    // Only the latest stay is "last known"; the earlier one ends in "then unknown", with the silence as a gap.
    expect(t.periods.map((p) => p.end)).toEqual(['then-unknown', 'last-known']);
    expect(t.gaps).toEqual([
      { afterPeriod: 0, from: { precision: 'month', year: 2012, month: 3 }, to: { precision: 'year', year: 2015 } },
    ]);
  });

  it('flags two places on the same day, sightings after death, and custody after release', () => {
    const a = ev('sighting', '2013-05-01', 'branch-a');
    const b = ev('sighting', '2013-05-01', 'prison-b');
    expect(deriveTimeline([a, b]).contradictions).toEqual([{ eventIds: [a.id, b.id], reason: 'two-places-at-once' }]);
    const death = ev('death', '2014-02', 'prison-b');
    const later = ev('sighting', '2015', 'prison-b');
    expect(deriveTimeline([ev('arrest', '2013', 'prison-b'), death, later]).contradictions).toEqual([
      { eventIds: [death.id, later.id], reason: 'after-death' },
    ]);
    const release = ev('release', '2014-03', null);
    const seen = ev('sighting', '2014-06', 'branch-a');
    expect(deriveTimeline([ev('arrest', '2013', 'branch-a'), release, seen]).contradictions).toEqual([
      { eventIds: [release.id, seen.id], reason: 'held-after-release' },
    ]);
    // A re-arrest after release is not a contradiction.
    expect(
      deriveTimeline([ev('arrest', '2013', 'branch-a'), ev('release', '2014', null), ev('arrest', '2015', 'branch-a')])
        .contradictions,
    ).toEqual([]);
  });

  it('does not call year-level dates in different places a contradiction', () => {
    expect(deriveTimeline([ev('sighting', '2013', 'a'), ev('sighting', '2013', 'b')]).contradictions).toEqual([]);
  });

  it('lists undated custody events instead of guessing their place in time', () => {
    const u = ev('sighting', null, 'a');
    const t = deriveTimeline([ev('arrest', '2012', 'a'), u, ev('other', null, null)]);
    expect(t.undated).toEqual([u.id]);
    expect(t.periods).toHaveLength(1);
  });
});

describe('gaps need time to pass', () => {
  it('reports no gap between a month and a day inside it, or between two events on the same day', () => {
    const t = deriveTimeline([
      ev('arrest', '2012-06', 'a'),
      ev('sighting', '2012-06-10', 'b'),
      ev('sighting', '2012-06-10', 'c'),
      ev('sighting', '2014', 'd'),
    ]);
    expect(t.periods).toHaveLength(4);
    expect(t.gaps).toEqual([
      {
        afterPeriod: 2,
        from: { precision: 'day', year: 2012, month: 6, day: 10 },
        to: { precision: 'year', year: 2014 },
      },
    ]);
  });
});
