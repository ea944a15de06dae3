import { describe, expect, it } from 'vitest';
import {
  duplicateReferences,
  formatReferenceCode,
  nextReferenceCode,
  parseReferenceCode,
} from '@shared/domain/reference-code';

describe('reference codes', () => {
  it('formats and parses', () => {
    expect(formatReferenceCode(2026, 42)).toBe('ATH-2026-00042');
    expect(parseReferenceCode('ath-2026-00042')).toEqual({ year: 2026, serial: 42 });
    expect(parseReferenceCode('ATH-2026-123456')).toEqual({ year: 2026, serial: 123456 });
    expect(parseReferenceCode('ATH-26-1')).toBeNull();
    expect(formatReferenceCode(2026, 7, 'BEY1')).toBe('ATH-BEY1-2026-00007');
    expect(parseReferenceCode('ath-bey1-2026-00007')).toEqual({ prefix: 'BEY1', year: 2026, serial: 7 });
    expect(parseReferenceCode('ATH-B-2026-00007')).toBeNull();
    expect(parseReferenceCode('ATH-TOOLONG-2026-00007')).toBeNull();
    expect(() => formatReferenceCode(2026, 1, 'b-1')).toThrow(RangeError);
  });

  it('keeps two laptops’ numbering apart, and finds references that two cases share', () => {
    const a = nextReferenceCode({}, 2026);
    const b = nextReferenceCode({}, 2026, 'BEY');
    expect(a.code).not.toBe(b.code);
    expect(
      duplicateReferences([
        { id: '1', reference: a.code },
        { id: '2', reference: b.code },
        { id: '3', reference: a.code },
      ]),
    ).toEqual(new Map([[a.code, ['1', '3']]]));
  });

  it('numbers per year and never repeats', () => {
    let counters: Record<string, number> = {};
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const n = nextReferenceCode(counters, i % 2 ? 2025 : 2026);
      expect(seen.has(n.code)).toBe(false);
      seen.add(n.code);
      counters = n.counters;
    }
    expect(counters).toEqual({ 2025: 500, 2026: 500 });
    expect(nextReferenceCode(counters, 2026).code).toBe('ATH-2026-00501');
  });

  it('refuses nonsense', () => {
    expect(() => formatReferenceCode(2026, 0)).toThrow(RangeError);
    expect(() => formatReferenceCode(99, 1)).toThrow(RangeError);
  });
});
