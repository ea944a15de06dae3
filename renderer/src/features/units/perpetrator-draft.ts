import { formatPartialDateInput, parsePeriod } from '@shared/domain/partial-date';
import type { Certainty, Person } from '@shared/domain/records';
import { newRecord, revised } from '@shared/domain/new-record';
import type { Change } from '../../db/record-store';
import { sameRow } from './unit-draft';

/** One position as the form edits it: dates as typed, sources as record ids. */
export interface MembershipDraft {
  unitId: string | null;
  role: string;
  commands: boolean;
  rank: string;
  fromText: string;
  toText: string;
  certainty: Certainty | null;
  sources: string[];
}

export const blankMembershipDraft = (): MembershipDraft => ({
  unitId: null,
  role: '',
  commands: false,
  rank: '',
  fromText: '',
  toText: '',
  certainty: null,
  sources: [],
});

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
    commands: m.commands ?? false,
    rank: m.rank ?? '',
    fromText: m.from ? formatPartialDateInput(m.from) : '',
    toText: m.to ? formatPartialDateInput(m.to) : '',
    certainty: m.certainty ?? null,
    sources: (m.sources ?? []).map((s) => s.recordId),
  })),
});

export type PerpetratorProblem =
  { problem: 'name-required' } | { problem: 'position-bad-date' | 'position-reversed'; row: number };

/** A stored position as the form would write it again: what was never set stays unset, so its digest is kept. */
function positionFrom(m: MembershipDraft, from: Person['memberships'][number]['from'], to: typeof from) {
  const rank = m.rank.trim();
  const sources = [...new Set(m.sources)].map((recordId) => ({ recordId }));
  return {
    unitId: m.unitId!,
    role: m.role.trim(),
    from,
    to,
    ...(m.commands ? { commands: true } : {}),
    ...(rank ? { rank } : {}),
    ...(m.certainty ? { certainty: m.certainty } : {}),
    ...(sources.length ? { sources } : {}),
  };
}

/** The one change a Save writes. Positions without a unit are dropped; every other field of a stored person is kept. */
export function perpetratorChange(
  d: PerpetratorDraft,
  ctx: { existing: Person | undefined; actor: string; now: Date; newId: () => string },
): { ok: true; change: Change } | ({ ok: false } & PerpetratorProblem) {
  const nameAr = d.nameAr.trim();
  const nameLatin = d.nameLatin.trim();
  if (!nameAr && !nameLatin) return { ok: false, problem: 'name-required' };
  const memberships: Person['memberships'] = [];
  const stored = ctx.existing?.memberships ?? [];
  const storedDrafts = ctx.existing ? perpetratorDraftFrom(ctx.existing).memberships : [];
  for (const [row, m] of d.memberships.entries()) {
    if (!m.unitId) continue;
    const period = parsePeriod(m.fromText, m.toText);
    if (!period.ok) return { ok: false, problem: `position-${period.error}`, row };
    // An untouched row keeps its stored form (an empty list or a false flag another version wrote), so its digest.
    memberships.push(sameRow(m, storedDrafts[row]) ? stored[row]! : positionFrom(m, period.from, period.to));
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
