import { describe, expect, it } from 'vitest';
import { consentCovers, mentionsIn } from '@shared/domain/consent';

const consent = (
  scope: 'internal' | 'mechanisms' | 'public-anonymised',
  mechanisms: string[] = [],
  withdrawnAt: string | null = null,
) => ({ scope, mechanisms, obtainedAt: null, how: 'oral, recorded', withdrawnAt });

describe('consent scope', () => {
  it('widens from internal to named mechanisms to public', () => {
    expect(consentCovers(consent('internal'), { kind: 'internal' })).toBe(true);
    expect(consentCovers(consent('internal'), { kind: 'mechanism', name: 'IIIM' })).toBe(false);
    expect(consentCovers(consent('mechanisms', ['IIIM']), { kind: 'mechanism', name: 'iiim ' })).toBe(true);
    expect(consentCovers(consent('mechanisms', ['IIIM']), { kind: 'mechanism', name: 'Commission of Inquiry' })).toBe(
      false,
    );
    expect(consentCovers(consent('mechanisms', ['IIIM']), { kind: 'public' })).toBe(false);
    expect(consentCovers(consent('public-anonymised'), { kind: 'mechanism', name: 'Any unit' })).toBe(true);
    expect(consentCovers(consent('public-anonymised'), { kind: 'public' })).toBe(true);
  });

  it('covers nothing once withdrawn', () => {
    for (const r of [
      { kind: 'internal' as const },
      { kind: 'mechanism' as const, name: 'IIIM' },
      { kind: 'public' as const },
    ]) {
      expect(consentCovers(consent('public-anonymised', ['IIIM'], '2026-01-01'), r)).toBe(false);
    }
  });
});

describe('mentions', () => {
  it('finds each mentioned record once, at any depth', () => {
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Saw ' },
            { type: 'mention', attrs: { id: 'persons:p1', label: 'A' } },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                {
                  type: 'paragraph',
                  content: [
                    { type: 'mention', attrs: { id: 'places:fac-homs-central', label: 'B' } },
                    { type: 'mention', attrs: { id: 'persons:p1', label: 'A' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(mentionsIn(doc)).toEqual([
      { table: 'persons', id: 'p1' },
      { table: 'places', id: 'fac-homs-central' },
    ]);
    expect(mentionsIn({ type: 'doc' })).toEqual([]);
  });
});
