import { describe, expect, it } from 'vitest';
import { coordinatesFrom } from '../../../../renderer/src/features/places/facility-draft';

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
