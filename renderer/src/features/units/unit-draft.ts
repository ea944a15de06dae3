import type { Unit } from '@shared/domain/records';
import { newRecord, revised } from '@shared/domain/new-record';
import type { Change } from '../../db/record-store';

/** What the unit form edits; `id` is null for a new unit. */
export interface UnitDraft {
  id: string | null;
  nameEn: string;
  nameAr: string;
  parentId: string | null;
  notes: string;
}

export const blankUnitDraft = (): UnitDraft => ({ id: null, nameEn: '', nameAr: '', parentId: null, notes: '' });

export const unitDraftFrom = (u: Unit): UnitDraft => ({
  id: u.id,
  nameEn: u.nameEn,
  nameAr: u.nameAr,
  parentId: u.parentId,
  notes: u.notes,
});

export type UnitProblem = 'unit-name-required' | 'parent-cycle';

/** True if `candidate` is `unitId` itself or sits anywhere below it. */
function isWithin(candidate: string, unitId: string, units: readonly Unit[]): boolean {
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const seen = new Set<string>();
  for (let at: string | null | undefined = candidate; at && !seen.has(at); at = parentOf.get(at)) {
    if (at === unitId) return true;
    seen.add(at);
  }
  return false;
}

/** The one change a Save writes: a new unit, or the stored one revised (its commanders and history kept). */
export function unitChange(
  d: UnitDraft,
  ctx: { existing: Unit | undefined; units: readonly Unit[]; actor: string; now: Date; newId: () => string },
): { ok: true; change: Change } | { ok: false; problem: UnitProblem } {
  const nameEn = d.nameEn.trim();
  const nameAr = d.nameAr.trim();
  if (!nameEn && !nameAr) return { ok: false, problem: 'unit-name-required' };
  // A unit cannot be part of itself or of one of its own sub-units: the hierarchy would loop.
  if (d.id && d.parentId && isWithin(d.parentId, d.id, ctx.units)) return { ok: false, problem: 'parent-cycle' };
  const fields = { nameEn, nameAr, parentId: d.parentId, notes: d.notes.trim() };
  const unit = ctx.existing
    ? revised(ctx.existing, fields, ctx.now)
    : newRecord('units', { id: d.id ?? ctx.newId(), ...fields }, ctx.actor, ctx.now);
  return { ok: true, change: { table: 'units', put: unit } };
}
