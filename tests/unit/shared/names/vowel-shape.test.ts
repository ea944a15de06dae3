import { describe, expect, it } from 'vitest';
import { crossShapesClash, latinShapesClash } from '@shared/names/vowel-shape';

describe('Latin names that share their consonants', () => {
  it('are two names when a short e meets a marked long ee, or an a meets a u', () => {
    expect(latinShapesClash('salem', 'saleem')).toBe(true);
    expect(latinShapesClash('hassan', 'hassoun')).toBe(true);
    // An i may be either length; a lone o may be a u or an a after ʿayn (Olwan).
    expect(latinShapesClash('salim', 'saleem')).toBe(false);
    expect(latinShapesClash('salem', 'salim')).toBe(false);
    expect(latinShapesClash('alwan', 'olwan')).toBe(false);
  });

  it('are two names when one doubles a consonant and the vowel after it is a against e', () => {
    expect(latinShapesClash('jaber', 'jabbar')).toBe(true);
    expect(latinShapesClash('basem', 'bassam')).toBe(true);
    // A dropped shadda alone decides nothing: Mohanad is مهنّد, Wisam وسام.
    expect(latinShapesClash('mohanad', 'mohannad')).toBe(false);
    expect(latinShapesClash('wisam', 'wissam')).toBe(false);
  });

  it('are two names when one has an i between consonants that the other lacks', () => {
    expect(latinShapesClash('salma', 'salima')).toBe(true);
    expect(latinShapesClash('rana', 'rania')).toBe(true);
    // A glide the other writes as y, a French silent e, and a linking vowel that could be the e are no clash.
    expect(latinShapesClash('mariam', 'maryam')).toBe(false);
    expect(latinShapesClash('salaheddine', 'salahuddin')).toBe(false);
    expect(latinShapesClash('salahdin', 'salaheddine')).toBe(false);
  });
});

describe('a Latin and an Arabic spelling', () => {
  it('are two names when a marked ee has no ي inside the Arabic, or the Arabic’s long ي has no i in the Latin', () => {
    expect(crossShapesClash('saleem', 'سالم')).toBe(true);
    expect(crossShapesClash('salem', 'سليم')).toBe(true);
    expect(crossShapesClash('saleem', 'سليم')).toBe(false);
    expect(crossShapesClash('salem', 'سالم')).toBe(false);
    // The ي of مريم and السيد is a consonant y the Latin writes.
    expect(crossShapesClash('maryam', 'مريم')).toBe(false);
    expect(crossShapesClash('sayed', 'سيد')).toBe(false);
    expect(crossShapesClash('amina', 'امنه')).toBe(false);
  });
});
