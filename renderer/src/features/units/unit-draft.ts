import type { Unit } from '@shared/domain/records';
import { formatPartialDateInput, parsePeriod } from '@shared/domain/partial-date';
import { newRecord, revised } from '@shared/domain/new-record';
import type { Change } from '../../db/record-store';

/** A period the unit was part of another, as typed. */
export interface ParentPeriodDraft {
  unitId: string | null;
  fromText: string;
  toText: string;
  sources: string[];
}

/** What the unit form edits; `id` is null for a new unit. */
export interface UnitDraft {
  id: string | null;
  nameEn: string;
  nameAr: string;
  parentId: string | null;
  parents: ParentPeriodDraft[];
  notes: string;
}

export const blankUnitDraft = (): UnitDraft => ({
  id: null,
  nameEn: '',
  nameAr: '',
  parentId: null,
  parents: [],
  notes: '',
});

export const blankParentPeriod = (): ParentPeriodDraft => ({ unitId: null, fromText: '', toText: '', sources: [] });

export const unitDraftFrom = (u: Unit): UnitDraft => ({
  id: u.id,
  nameEn: u.nameEn,
  nameAr: u.nameAr,
  parentId: u.parentId,
  parents: (u.parents ?? []).map((p) => ({
    unitId: p.unitId,
    fromText: p.from ? formatPartialDateInput(p.from) : '',
    toText: p.to ? formatPartialDateInput(p.to) : '',
    sources: p.sources.map((s) => s.recordId),
  })),
  notes: u.notes,
});

/** Whether a row of the form is still what a stored row reads as. */
export const sameRow = <T>(row: T, stored: T | undefined): boolean =>
  stored !== undefined && JSON.stringify(row) === JSON.stringify(stored);

export type UnitProblem =
  | { problem: 'unit-name-required' | 'parent-cycle' }
  | { problem: 'parent-cycle-row' | 'parent-unit-missing' | 'parent-bad-date' | 'parent-reversed'; row: number };

/**
 * True if `candidate` is `unitId` itself or sits anywhere below it, at any time: through the undated parent or any
 * dated period, since a loop at one date is as wrong as a loop today.
 */
function isWithin(candidate: string, unitId: string, units: readonly Unit[]): boolean {
  const parentsOf = new Map(
    units.map((u) => [u.id, [...(u.parentId ? [u.parentId] : []), ...(u.parents ?? []).map((p) => p.unitId)]]),
  );
  const seen = new Set<string>([candidate]);
  const queue = [candidate];
  for (let at = queue.pop(); at !== undefined; at = queue.pop()) {
    if (at === unitId) return true;
    for (const up of parentsOf.get(at) ?? [])
      if (!seen.has(up)) {
        seen.add(up);
        queue.push(up);
      }
  }
  return false;
}

/** The one change a Save writes: a new unit, or the stored one revised (its commanders and history kept). */
export function unitChange(
  d: UnitDraft,
  ctx: { existing: Unit | undefined; units: readonly Unit[]; actor: string; now: Date; newId: () => string },
): { ok: true; change: Change } | ({ ok: false } & UnitProblem) {
  const nameEn = d.nameEn.trim();
  const nameAr = d.nameAr.trim();
  if (!nameEn && !nameAr) return { ok: false, problem: 'unit-name-required' };
  // A unit cannot be part of itself or of one of its own sub-units: the hierarchy would loop.
  const loops = (parentId: string): boolean => parentId === d.id || (!!d.id && isWithin(parentId, d.id, ctx.units));
  if (d.parentId && loops(d.parentId)) return { ok: false, problem: 'parent-cycle' };
  const parents: NonNullable<Unit['parents']> = [];
  const stored = ctx.existing?.parents ?? [];
  const storedDrafts = ctx.existing ? unitDraftFrom(ctx.existing).parents : [];
  for (const [row, p] of d.parents.entries()) {
    if (!p.unitId) return { ok: false, problem: 'parent-unit-missing', row };
    if (loops(p.unitId)) return { ok: false, problem: 'parent-cycle-row', row };
    const period = parsePeriod(p.fromText, p.toText);
    if (!period.ok) return { ok: false, problem: `parent-${period.error}`, row };
    // A row the form shows as it was stored is written back as it was stored, whatever form that took.
    if (sameRow(p, storedDrafts[row])) {
      parents.push(stored[row]!);
      continue;
    }
    const sources = [...new Set(p.sources)].map((recordId) => ({ recordId }));
    parents.push({ unitId: p.unitId, from: period.from, to: period.to, sources });
  }
  // Set only when there are periods, so a unit that never had them keeps its stored form and digest (an empty list
  // another version stored stays, untouched).
  const fields = {
    nameEn,
    nameAr,
    parentId: d.parentId,
    notes: d.notes.trim(),
    ...(parents.length || ctx.existing?.parents?.length === 0 ? { parents } : {}),
  };
  let unit: Unit;
  if (ctx.existing) {
    const { parents: _replaced, ...kept } = ctx.existing;
    unit = revised(kept as Unit, fields, ctx.now);
  } else unit = newRecord('units', { id: d.id ?? ctx.newId(), ...fields }, ctx.actor, ctx.now);
  return { ok: true, change: { table: 'units', put: unit } };
}
