import { describe, expect, it } from 'vitest';
import {
  currentDecisions,
  emptyTracingDraft,
  tracingDraftFrom,
  validateTracingDraft,
} from '../../../../renderer/src/features/tracing/tracing-draft';
import { tracingRequestSchema } from '@shared/domain/records';

describe('tracing request form', () => {
  it('needs a name and who is asking, and a sensible birth year and date', () => {
    const bad = validateTracingDraft({ ...emptyTracingDraft(), birthYear: '85', lastSeenDate: 'sometime' });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems).toEqual(['name-required', 'requester-required', 'birth-year-invalid', 'date-unrecognised']);
  });

  it('reads Arabic-Indic digits and round-trips through the stored record', () => {
    const v = validateTracingDraft({
      ...emptyTracingDraft(),
      nameAr: 'محمد الحسن',
      requesterName: 'أم محمد',
      birthYear: '١٩٨٥',
      lastSeenDate: '2013-03',
      nationalId: ' 0123 ',
    });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value.birthYear).toBe(1985);
    expect(v.value.nationalIds).toEqual(['0123']);
    const at = '2026-01-01T00:00:00.000Z';
    const stored = tracingRequestSchema.parse({
      ...v.value,
      id: crypto.randomUUID(),
      receivedAt: '2026-01-01',
      status: 'open',
      decisions: [],
      createdAt: at,
      updatedAt: at,
      author: 'x',
    });
    expect(tracingDraftFrom(stored)).toMatchObject({
      nameAr: 'محمد الحسن',
      birthYear: '1985',
      lastSeenDate: '2013-03',
      nationalId: '0123',
    });
  });

  it('the latest decision on a person stands; earlier ones stay in the record', () => {
    const personId = crypto.randomUUID();
    const at = '2026-01-01T00:00:00.000Z';
    const r = tracingRequestSchema.parse({
      id: crypto.randomUUID(),
      nameLatin: 'X',
      requester: { name: 'Y' },
      receivedAt: '2026-01-01',
      createdAt: at,
      updatedAt: at,
      author: 'x',
      decisions: [
        { personId, decision: 'unsure', score: 10, by: 'a', at },
        { personId, decision: 'match', score: 10, by: 'b', at },
      ],
    });
    expect(currentDecisions(r).get(personId)?.decision).toBe('match');
    expect(r.decisions).toHaveLength(2);
  });
});
