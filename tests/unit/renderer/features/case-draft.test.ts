import { describe, expect, it } from 'vitest';
import {
  draftFrom,
  emptyDraft,
  validateDraft,
  withInitialStatus,
} from '../../../../renderer/src/features/cases/case-draft';
import { changeStatus } from '@shared/domain/case-status';

describe('case form draft', () => {
  it('requires a name in one script and a reason for a new case', () => {
    const d = emptyDraft('Layla', '');
    const v = validateDraft(d, true);
    expect(v).toEqual({ ok: false, problems: ['name-required', 'reason-required'] });
  });

  it('parses the typed birth date and reports a bad one', () => {
    const d = {
      ...emptyDraft('Layla', 'Family report'),
      subject: { ...emptyDraft('', '').subject, nameLatin: 'Test Person' },
    };
    expect(validateDraft({ ...d, birthDateText: '2013-02-30' }, true)).toEqual({
      ok: false,
      problems: ['date-invalid-date'],
    });
    expect(validateDraft({ ...d, birthDateText: 'yesterday-ish' }, true)).toEqual({
      ok: false,
      problems: ['date-unrecognised'],
    });
    const ok = validateDraft({ ...d, birthDateText: 'about 1985' }, true);
    expect(ok.ok && ok.subject.birthDate).toEqual({ precision: 'approximate', year: 1985 });
  });

  it('trims and de-duplicates aliases and tags', () => {
    const d = emptyDraft('Layla', 'Family report');
    const v = validateDraft(
      {
        ...d,
        subject: { ...d.subject, nameAr: ' سمير ', aliases: [' Abu Khalil', 'Abu Khalil', ' '] },
        record: { ...d.record, tags: ['a', ' a', ''] },
      },
      true,
    );
    expect(v.ok && v.subject.aliases).toEqual(['Abu Khalil']);
    expect(v.ok && v.subject.nameAr).toBe('سمير');
    expect(v.ok && v.record.tags).toEqual(['a']);
  });

  it('keeps the initial status entry in step with the chosen status', () => {
    const d = withInitialStatus(
      emptyDraft('Layla', 'x'),
      'detained',
      'Arrested at checkpoint',
      'Layla',
      '2026-01-01T00:00:00.000Z',
    );
    expect(d.record.statusHistory).toEqual([
      { status: 'detained', at: '2026-01-01T00:00:00.000Z', by: 'Layla', reason: 'Arrested at checkpoint' },
    ]);
  });

  it('round-trips a stored case into a draft', () => {
    const now = '2026-01-01T00:00:00.000Z';
    const d = draftFrom(
      {
        id: crypto.randomUUID(),
        reference: 'ATH-2026-00001',
        subjectId: crypto.randomUUID(),
        createdAt: now,
        updatedAt: now,
        author: 'L',
        ...emptyDraft('L', 'r').record,
      },
      {
        id: crypto.randomUUID(),
        role: 'subject',
        createdAt: now,
        updatedAt: now,
        author: 'L',
        ...emptyDraft('L', 'r').subject,
        nameLatin: 'X',
        birthDate: { precision: 'month', year: 1990, month: 4 },
      },
    );
    expect(d.birthDateText).toBe('1990-04');
  });
});

describe('status changes', () => {
  it('appends to the history with a reason, never silently', () => {
    const c = {
      status: 'detained' as const,
      statusHistory: [{ status: 'detained' as const, at: 'a', by: 'L', reason: 'r' }],
    };
    expect(changeStatus(c, 'detained', 'x', 'L', 'b')).toEqual({ ok: false, error: 'same-status' });
    expect(changeStatus(c, 'released', '  ', 'L', 'b')).toEqual({ ok: false, error: 'reason-required' });
    const r = changeStatus(c, 'released', ' Released in amnesty ', 'L', 'b');
    expect(r.ok && r.statusHistory).toEqual([
      ...c.statusHistory,
      { status: 'released', at: 'b', by: 'L', reason: 'Released in amnesty' },
    ]);
  });
});
