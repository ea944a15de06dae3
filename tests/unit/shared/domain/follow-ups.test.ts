import { describe, expect, it } from 'vitest';
import { addDays, followUpsDue } from '@shared/domain/follow-ups';
import type { FamilyContact } from '@shared/domain/records';

const contact = (id: string, log: Array<{ at: string; followUp: string | null; notes?: string }>): FamilyContact => ({
  id,
  caseId: `case-${id}`,
  personId: null,
  name: 'x',
  relationship: 'sister',
  phones: [],
  messaging: [],
  address: '',
  language: '',
  consentToContact: true,
  consentToShare: [],
  safetyNotes: '',
  dnaSample: null,
  createdAt: '',
  updatedAt: '',
  author: '',
  log: log.map((l) => ({ at: l.at, channel: 'phone', by: 'L', notes: l.notes ?? '', followUp: l.followUp })),
});

describe('follow-ups due', () => {
  it('takes the latest entry per contact, within the horizon, overdue first', () => {
    const due = followUpsDue(
      [
        contact('a', [
          { at: '2026-11-01T10:00:00Z', followUp: '2026-11-10' },
          { at: '2026-11-12T10:00:00Z', followUp: '2026-11-25', notes: 'call back' },
        ]),
        contact('b', [{ at: '2026-10-01T10:00:00Z', followUp: '2026-11-15' }]),
        contact('c', [{ at: '2026-11-20T10:00:00Z', followUp: '2027-02-01' }]),
        contact('d', [{ at: '2026-11-20T10:00:00Z', followUp: null }]),
        contact('e', []),
      ],
      '2026-11-22',
    );
    expect(due.map((d) => [d.contactId, d.due, d.overdue])).toEqual([
      ['b', '2026-11-15', true],
      ['a', '2026-11-25', false],
    ]);
    expect(due[1]?.lastNotes).toBe('call back');
  });

  it('adds days across month ends and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
  });
});
