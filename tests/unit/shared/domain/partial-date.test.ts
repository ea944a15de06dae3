import { describe, expect, it } from 'vitest';
import {
  comparePartialDates,
  formatPartialDate,
  formatPartialDateInput,
  parseOptionalPartialDate,
  parsePartialDate,
  partialDateBounds,
  partialDateSchema,
  type PartialDate,
} from '@shared/domain/partial-date';

const ok = (s: string): PartialDate => {
  const r = parsePartialDate(s);
  if (!r.ok) throw new Error(`${s}: ${r.error}`);
  return r.value;
};

describe('parsePartialDate', () => {
  it('reads every precision', () => {
    expect(ok('2013')).toEqual({ precision: 'year', year: 2013 });
    expect(ok('2013-03')).toEqual({ precision: 'month', year: 2013, month: 3 });
    expect(ok('2013-03-05')).toEqual({ precision: 'day', year: 2013, month: 3, day: 5 });
    expect(ok('5/3/2013')).toEqual({ precision: 'day', year: 2013, month: 3, day: 5 });
    expect(ok('03.2013')).toEqual({ precision: 'month', year: 2013, month: 3 });
    expect(ok('about 2013')).toEqual({ precision: 'approximate', year: 2013 });
    expect(ok('~2013')).toEqual({ precision: 'approximate', year: 2013 });
    expect(ok('2012/2014')).toEqual({
      precision: 'range',
      from: { precision: 'year', year: 2012 },
      to: { precision: 'year', year: 2014 },
    });
    expect(ok('between 2012-03 and 2014')).toEqual({
      precision: 'range',
      from: { precision: 'month', year: 2012, month: 3 },
      to: { precision: 'year', year: 2014 },
    });
  });

  it('reads Arabic words and Arabic-Indic digits', () => {
    expect(ok('حوالي ٢٠١٣')).toEqual({ precision: 'approximate', year: 2013 });
    expect(ok('بين ٢٠١٢ و ٢٠١٤')).toEqual({
      precision: 'range',
      from: { precision: 'year', year: 2012 },
      to: { precision: 'year', year: 2014 },
    });
    expect(ok('٢٠١٣-٠٣-٠٥')).toEqual({ precision: 'day', year: 2013, month: 3, day: 5 });
  });

  it('refuses impossible and reversed dates', () => {
    expect(parsePartialDate('')).toEqual({ ok: false, error: 'empty' });
    expect(parsePartialDate('2013-02-30')).toEqual({ ok: false, error: 'invalid-date' });
    expect(parsePartialDate('2013-13')).toEqual({ ok: false, error: 'invalid-date' });
    expect(parsePartialDate('last spring')).toEqual({ ok: false, error: 'unrecognised' });
    expect(parsePartialDate('2014 .. 2012')).toEqual({ ok: false, error: 'range-reversed' });
    expect(ok('2012-02-29')).toEqual({ precision: 'day', year: 2012, month: 2, day: 29 });
  });

  it('round-trips through the editable form', () => {
    for (const s of ['2013', '2013-03', '2013-03-05', '~2013', '2012-01 .. 2014-06-30']) {
      const d = ok(s);
      expect(ok(formatPartialDateInput(d))).toEqual(d);
    }
  });
});

describe('ordering and bounds', () => {
  it('sorts by earliest possible day, more precise first', () => {
    const dates = ['2014', '2013-03-05', '2013', 'about 2012', '2013-03', '2012/2013'].map(ok);
    const sorted = [...dates].sort(comparePartialDates).map(formatPartialDateInput);
    expect(sorted).toEqual(['~2012', '2012 .. 2013', '2013', '2013-03', '2013-03-05', '2014']);
    expect(sorted[0]).toBe('~2012');
    expect(sorted[1]).toBe('2012 .. 2013');
    expect(sorted.indexOf('2013')).toBeLessThan(sorted.indexOf('2013-03'));
    expect(sorted.indexOf('2013-03')).toBeLessThan(sorted.indexOf('2013-03-05'));
    expect(sorted.at(-1)).toBe('2014');
  });

  it('gives bounds for a month in a leap year', () => {
    expect(partialDateBounds(ok('2012-02'))).toEqual({ earliest: '2012-02-01', latest: '2012-02-29' });
    expect(partialDateBounds(ok('2011/2013'))).toEqual({ earliest: '2011-01-01', latest: '2013-12-31' });
  });

  it('validates stored values with the schema', () => {
    expect(partialDateSchema.safeParse({ precision: 'day', year: 2013, month: 2, day: 29 }).success).toBe(false);
    expect(partialDateSchema.safeParse({ precision: 'year', year: 1200 }).success).toBe(false);
  });
});

describe('formatPartialDate', () => {
  it('says the precision in English', () => {
    expect(formatPartialDate(ok('2013-03-05'), 'en')).toBe('5 March 2013');
    expect(formatPartialDate(ok('2012-03'), 'en')).toBe('March 2012');
    expect(formatPartialDate(ok('~2013'), 'en')).toBe('about 2013');
    expect(formatPartialDate(ok('2012/2014'), 'en')).toBe('between 2012 and 2014');
  });

  it('says it in Arabic with Levantine months, Latin or Arabic-Indic digits', () => {
    expect(formatPartialDate(ok('2012-03'), 'ar')).toContain('آذار');
    expect(formatPartialDate(ok('~2013'), 'ar')).toBe('حوالي 2013');
    expect(formatPartialDate(ok('~2013'), 'ar', { arabicDigits: true })).toBe('حوالي ٢٠١٣');
    expect(formatPartialDate(ok('2012/2014'), 'ar')).toBe('بين 2012 و2014');
  });
});

describe('parseOptionalPartialDate', () => {
  it('treats blank as no date and otherwise parses', () => {
    expect(parseOptionalPartialDate('  ')).toEqual({ ok: true, value: null });
    expect(parseOptionalPartialDate('2013')).toEqual({ ok: true, value: { precision: 'year', year: 2013 } });
    expect(parseOptionalPartialDate('2013-02-30')).toEqual({ ok: false, error: 'invalid-date' });
  });
});
