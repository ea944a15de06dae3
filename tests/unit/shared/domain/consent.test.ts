import { describe, expect, it } from 'vitest';
import { consentCovers, mentionsIn } from '@shared/domain/consent';

const IIIM = { kind: 'mechanism' as const, id: '3b0e6c1d-5a7f-4e2b-9c8d-1f0a2b3c4d5e', name: 'IIIM' };
const COI = { kind: 'mechanism' as const, id: '8e2d4f6a-0b1c-4d3e-a5f7-9c1b3d5e7f90', name: 'Commission of Inquiry' };

const consent = (
  scope: 'internal' | 'mechanisms' | 'public-anonymised',
  o: { recipientIds?: string[]; mechanisms?: string[]; withdrawnAt?: string | null } = {},
) => ({
  scope,
  recipientIds: o.recipientIds ?? [],
  mechanisms: o.mechanisms ?? [],
  obtainedAt: null,
  how: 'oral, recorded',
  withdrawnAt: o.withdrawnAt ?? null,
});

describe('consent scope', () => {
  it('widens from internal to named recipients to public', () => {
    expect(consentCovers(consent('internal'), { kind: 'internal' })).toBe(true);
    expect(consentCovers(consent('internal'), IIIM)).toBe(false);
    expect(consentCovers(consent('mechanisms', { recipientIds: [IIIM.id] }), IIIM)).toBe(true);
    expect(consentCovers(consent('mechanisms', { recipientIds: [IIIM.id] }), COI)).toBe(false);
    expect(consentCovers(consent('mechanisms', { recipientIds: [IIIM.id] }), { kind: 'public' })).toBe(false);
    expect(consentCovers(consent('public-anonymised'), COI)).toBe(true);
    expect(consentCovers(consent('public-anonymised'), { kind: 'public' })).toBe(true);
  });

  it('names recipients by record: a recipient that takes an agreed one’s name is not covered', () => {
    const agreed = consent('mechanisms', { recipientIds: [IIIM.id] });
    expect(consentCovers(agreed, { ...IIIM, id: COI.id })).toBe(false);
    // Renaming the agreed recipient's record does not take the consent away.
    expect(consentCovers(agreed, { ...IIIM, name: 'IIIM (Syria)' })).toBe(true);
  });

  it('reads names typed before recipients were records against the recipient’s recorded name only', () => {
    const old = consent('mechanisms', { mechanisms: ['IIIM'] });
    expect(consentCovers(old, { ...IIIM, name: 'iiim ' })).toBe(true);
    expect(consentCovers(old, COI)).toBe(false);
    expect(consentCovers(old, { ...IIIM, name: '' })).toBe(false);
    expect(consentCovers(consent('mechanisms', { mechanisms: [''] }), { ...IIIM, name: ' ' })).toBe(false);
  });

  it('covers nothing once withdrawn', () => {
    for (const r of [{ kind: 'internal' as const }, IIIM, { kind: 'public' as const }]) {
      expect(
        consentCovers(
          consent('public-anonymised', { recipientIds: [IIIM.id], mechanisms: ['IIIM'], withdrawnAt: '2026-01-01' }),
          r,
        ),
      ).toBe(false);
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
