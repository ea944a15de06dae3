import { describe, expect, it } from 'vitest';
import { formatReferenceCode, nextReferenceCode, parseReferenceCode } from '@shared/domain/reference-code';

describe('reference codes', () => {
  it('formats and parses', () => {
    expect(formatReferenceCode(2026, 42)).toBe('ATH-2026-00042');
    expect(parseReferenceCode('ath-2026-00042')).toEqual({ year: 2026, serial: 42 });
    expect(parseReferenceCode('ATH-2026-123456')).toEqual({ year: 2026, serial: 123456 });
    expect(parseReferenceCode('ATH-26-1')).toBeNull();
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
