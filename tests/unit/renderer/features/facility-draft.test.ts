import { describe, expect, it } from 'vitest';
import { formatPartialDateInput } from '@shared/domain/partial-date';
import {
  coordinatesFrom,
  runByDrafts,
  runByFrom,
  type RunByDraft,
} from '../../../../renderer/src/features/places/facility-draft';

describe('a place’s coordinates as typed', () => {
  it('are both given or neither, and within range', () => {
    expect(coordinatesFrom('', '', 'x')).toBeNull();
    expect(coordinatesFrom(34.73, 36.71, ' satellite ')).toEqual({ lat: 34.73, lon: 36.71, how: 'satellite' });
    expect(coordinatesFrom(-90, 180, '')).toEqual({ lat: -90, lon: 180, how: '' });
    expect(coordinatesFrom(34.73, '', '')).toBe('half');
    expect(coordinatesFrom('', 36.71, '')).toBe('half');
    expect(coordinatesFrom(91, 10, '')).toBe('out-of-range');
    expect(coordinatesFrom(10, -180.5, '')).toBe('out-of-range');
    expect(coordinatesFrom('abc', 10, '')).toBe('out-of-range');
  });
});

describe('the units that ran a place, as typed', () => {
  const unit = '00000000-0000-4000-8000-000000000001';
  const doc = '00000000-0000-4000-8000-000000000002';
  const row = (over: Partial<RunByDraft>): RunByDraft => ({
    unitId: unit,
    fromText: '',
    toText: '',
    sources: [],
    ...over,
  });
  it('keeps each unit with its dates as typed and each source once', () => {
    expect(runByFrom([row({ fromText: '2011-03', toText: '2015', sources: [doc, doc] })])).toEqual([
      {
        unitId: unit,
        from: { precision: 'month', year: 2011, month: 3 },
        to: { precision: 'year', year: 2015 },
        sources: [{ recordId: doc }],
      },
    ]);
    // Open at either end, and "from March 2014 to 2014" is not reversed.
    expect(runByFrom([row({}), row({ fromText: '2014-03', toText: '2014' })])).toHaveLength(2);
  });
  it('names the row that has no unit, a date it cannot read, or ends before it starts', () => {
    expect(runByFrom([row({}), row({ unitId: null })])).toEqual({ row: 1, problem: 'unit-missing' });
    expect(runByFrom([row({ fromText: 'spring' })])).toEqual({ row: 0, problem: 'bad-date' });
    expect(runByFrom([row({ fromText: '2015', toText: '2014-12' })])).toEqual({ row: 0, problem: 'reversed' });
  });
  it('reads back what it stored', () => {
    const stored = runByFrom([row({ fromText: '2011-03-15', toText: '~2016', sources: [doc] })]);
    expect(Array.isArray(stored) && runByDrafts({ runBy: stored }, formatPartialDateInput)).toEqual([
      { unitId: unit, fromText: '2011-03-15', toText: '~2016', sources: [doc] },
    ]);
  });
});
