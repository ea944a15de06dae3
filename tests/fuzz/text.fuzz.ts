import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPartialDateInput,
  parsePartialDate,
  partialDateSchema,
  toLatinDigits,
} from '@shared/domain/partial-date';
import { analyseName, matchKeys, nameSkeleton } from '@shared/names';
import { scorePair, type PersonProfile } from '@shared/names/person-match';
import { params } from './fuzz';

const digitsAndSeparators = fc.string({
  unit: fc.constantFrom(...'0123456789٠١٢٣٤٥٦٧٨٩-/. –~?abcXYZ'.split(''), ' to ', ' - ', 'circa ', 'c.'),
  maxLength: 30,
});
const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }));
const nameText = fc.oneof(
  anyText,
  fc.string({ unit: fc.constantFrom(...'محمد عبد الرحمن ال بن أبو إ آ ة ى ـ'.split('')), maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(..."Mohammed Abd al-Rahman ibn Abu El' -".split('')), maxLength: 40 }),
);

describe('partial dates, fuzzed', () => {
  it('parse to a valid date or a typed refusal, and what they parse to reads back the same', () => {
    fc.assert(
      fc.property(fc.oneof(digitsAndSeparators, anyText), (input) => {
        const r = parsePartialDate(input);
        if (!r.ok) {
          expect(['empty', 'unrecognised', 'invalid-date', 'range-reversed']).toContain(r.error);
          return;
        }
        expect(partialDateSchema.safeParse(r.value).success).toBe(true);
        const again = parsePartialDate(formatPartialDateInput(r.value));
        expect(again).toEqual({ ok: true, value: r.value });
        expect(toLatinDigits(input)).toMatch(/^[^٠-٩]*$/);
      }),
      params(),
    );
  });
});

describe('name analysis, fuzzed', () => {
  it('analyses any text without failing, and matching any two profiles gives a finite score', () => {
    fc.assert(
      fc.property(
        fc.array(nameText, { maxLength: 3 }),
        fc.array(nameText, { maxLength: 3 }),
        nameText,
        fc.option(fc.integer({ min: 1800, max: 2100 }), { nil: null }),
        fc.constantFrom('male' as const, 'female' as const, 'unknown' as const),
        (a, b, parent, year, sex) => {
          for (const n of [...a, ...b, parent]) {
            expect(Array.isArray(analyseName(n))).toBe(true);
            expect(typeof nameSkeleton(n)).toBe('string');
            expect(Array.isArray(matchKeys(n))).toBe(true);
          }
          const profile = (names: string[]): PersonProfile => ({
            names,
            father: parent,
            mother: '',
            birthYear: year,
            placeId: null,
            governorateId: null,
            sex,
            nationalIds: [],
          });
          const r = scorePair(profile(a), profile(b));
          expect(Number.isFinite(r.score)).toBe(true);
          expect(['probable', 'review', 'dropped']).toContain(r.band);
        },
      ),
      params(),
    );
  });
});
