import { describe, expect, it } from 'vitest';
import { placeMatches } from '@shared/names/place-match';

describe('finding a place by any of its spellings', () => {
  const prison = ['Saydnaya Military Prison', 'سجن صيدنايا العسكري', 'Sednaya'];
  it('finds it from either script, from a variant spelling, and from the start of a word', () => {
    for (const q of ['Sednaya', 'Saydnaya', 'sidnaya', 'صيدنايا', 'sedn', 'military saydnaya', 'السجن'])
      expect(placeMatches(q, prison), q).toBe(true);
  });
  it('does not find it from another place’s name, or when one word typed matches nothing', () => {
    for (const q of ['Mezzeh', 'المزة', 'Saydnaya airport', 'Tadmur']) expect(placeMatches(q, prison), q).toBe(false);
    expect(placeMatches('', prison)).toBe(true);
  });
});
