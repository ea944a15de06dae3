import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNamePairs, labelledPairs, quality } from '../../../fixtures/names/pairs';
import { NAME_REVIEW_THRESHOLD, nameSimilarity } from '@shared/names/similarity';

const dir = new URL('../../../fixtures/names/', import.meta.url);
const pairs = buildNamePairs(
  readFileSync(new URL('spellings.csv', dir), 'utf8'),
  readFileSync(new URL('non-matches.csv', dir), 'utf8'),
);

describe('the labelled name-pair set', () => {
  it('has at least 300 pairs in both scripts, with matches and hard non-matches', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    expect(pairs.filter((p) => p.match).length).toBeGreaterThan(200);
    expect(pairs.filter((p) => !p.match).length).toBeGreaterThan(80);
    const ar = (s: string): boolean => /[\u0600-\u06FF]/.test(s);
    expect(pairs.some((p) => ar(p.a) !== ar(p.b) && p.match)).toBe(true);
    expect(pairs.some((p) => ar(p.a) !== ar(p.b) && !p.match)).toBe(true);
  });

  it('the matcher separates them at the review threshold', () => {
    const q = measured(pairs);
    // The targets of issue 4; the figures themselves are reported by npm run bench.
    expect(q.recall).toBeGreaterThanOrEqual(0.95);
    expect(q.precision).toBeGreaterThanOrEqual(0.95);
  });
});

// Written after the matcher's first version; its misses then led to three rules (see the fixtures' README), so it is a check, not a blind test.
const later = buildNamePairs(
  readFileSync(new URL('held-out-spellings.csv', dir), 'utf8'),
  readFileSync(new URL('held-out-non-matches.csv', dir), 'utf8'),
);
it('the later set holds the same targets', () => {
  expect(later.length).toBeGreaterThan(90);
  const q = measured(later);
  expect(q.recall).toBeGreaterThanOrEqual(0.95);
  expect(q.precision).toBeGreaterThanOrEqual(0.95);
});

// Names that differ only in their vowels or a doubled letter (issue 18, item 6), written before the rules that
// separate them and not tuned against since (see the fixtures' README).
const vowels = labelledPairs(readFileSync(new URL('vowel-pairs.csv', dir), 'utf8'));
it('keeps apart Latin names that share their consonants, and still joins spellings of one name', () => {
  expect(vowels.length).toBeGreaterThan(90);
  expect(vowels.filter((p) => !p.match).length).toBeGreaterThanOrEqual(40);
  const q = measured(vowels);
  expect(q.recall).toBeGreaterThanOrEqual(0.95);
  expect(q.precision).toBeGreaterThanOrEqual(0.95);
});

/** Precision and recall at the review threshold; SHOW_MISSES=1 prints every pair on the wrong side. */
function measured(set: typeof pairs) {
  const q = quality(set, nameSimilarity, NAME_REVIEW_THRESHOLD);
  if (process.env.SHOW_MISSES) {
    for (const p of set) {
      const s = nameSimilarity(p.a, p.b);
      if (s >= NAME_REVIEW_THRESHOLD !== p.match)
        console.log(p.match ? 'MISS' : 'FALSE', s.toFixed(3), p.a, '|', p.b, '|', p.why);
    }
    console.log(q);
  }
  return q;
}
