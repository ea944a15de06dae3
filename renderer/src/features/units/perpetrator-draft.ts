import {
  formatPartialDateInput,
  parseOptionalPartialDate,
  type PartialDate,
  type PartialDateParseError,
} from '@shared/domain/partial-date';
import type { Person } from '@shared/domain/records';
import { newRecord, revised } from '@shared/domain/new-record';
import type { Change } from '../../db/record-store';

export interface MembershipDraft {
  unitId: string | null;
  role: string;
  fromText: string;
  toText: string;
}

/** What the suspected-perpetrator form edits; `id` is null for a new person. */
export interface PerpetratorDraft {
  id: string | null;
  nameAr: string;
  nameLatin: string;
  rank: string;
  sanctionsRefs: string[];
  memberships: MembershipDraft[];
}

export const blankPerpetratorDraft = (): PerpetratorDraft => ({
  id: null,
  nameAr: '',
  nameLatin: '',
  rank: '',
  sanctionsRefs: [],
  memberships: [],
});

export const perpetratorDraftFrom = (p: Person): PerpetratorDraft => ({
  id: p.id,
  nameAr: p.nameAr,
  nameLatin: p.nameLatin,
  rank: p.rank,
  sanctionsRefs: p.sanctionsRefs,
  memberships: p.memberships.map((m) => ({
    unitId: m.unitId,
    role: m.role,
    fromText: m.from ? formatPartialDateInput(m.from) : '',
    toText: m.to ? formatPartialDateInput(m.to) : '',
  })),
});

export type PerpetratorProblem = 'name-required' | `date-${Exclude<PartialDateParseError, 'empty'>}`;

/** The one change a Save writes. Memberships without a unit are dropped; every other field of a stored person is kept. */
export function perpetratorChange(
  d: PerpetratorDraft,
  ctx: { existing: Person | undefined; actor: string; now: Date; newId: () => string },
): { ok: true; change: Change } | { ok: false; problem: PerpetratorProblem } {
  const nameAr = d.nameAr.trim();
  const nameLatin = d.nameLatin.trim();
  if (!nameAr && !nameLatin) return { ok: false, problem: 'name-required' };
  const memberships: Person['memberships'] = [];
  for (const m of d.memberships) {
    if (!m.unitId) continue;
    const dates: Record<'from' | 'to', PartialDate | null> = { from: null, to: null };
    for (const [k, text] of [
      ['from', m.fromText],
      ['to', m.toText],
    ] as const) {
      const p = parseOptionalPartialDate(text);
      if (!p.ok) return { ok: false, problem: `date-${p.error}` };
      dates[k] = p.value;
    }
    memberships.push({ unitId: m.unitId, role: m.role.trim(), ...dates });
  }
  const fields = {
    role: 'perpetrator' as const,
    nameAr,
    nameLatin,
    rank: d.rank.trim(),
    sanctionsRefs: [...new Set(d.sanctionsRefs.map((s) => s.trim()).filter(Boolean))],
    memberships,
  };
  const person = ctx.existing
    ? revised(ctx.existing, fields, ctx.now)
    : newRecord('persons', { id: d.id ?? ctx.newId(), ...fields }, ctx.actor, ctx.now);
  return { ok: true, change: { table: 'persons', put: person } };
}
