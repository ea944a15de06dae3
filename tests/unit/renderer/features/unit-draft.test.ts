import { describe, expect, it } from 'vitest';
import {
  blankParentPeriod,
  blankUnitDraft,
  unitChange,
  unitDraftFrom,
} from '../../../../renderer/src/features/units/unit-draft';
import {
  blankMembershipDraft,
  blankPerpetratorDraft,
  perpetratorChange,
  perpetratorDraftFrom,
} from '../../../../renderer/src/features/units/perpetrator-draft';
import { personSchema, unitSchema, type Unit } from '@shared/domain/records';

const at = '2026-01-01T00:00:00.000Z';
const unit = (id: string, parentId: string | null, nameEn: string): Unit =>
  unitSchema.parse({ id, nameEn, nameAr: '', parentId, createdAt: at, updatedAt: at, author: 'Omar' });
const DIRECTORATE = unit('00000000-0000-4000-8000-0000000000d1', null, 'Test Directorate');
const BRANCH = unit('00000000-0000-4000-8000-0000000000d2', DIRECTORATE.id, 'Test Branch');
const SECTION = unit('00000000-0000-4000-8000-0000000000d3', BRANCH.id, 'Test Section');
const units = [DIRECTORATE, BRANCH, SECTION];
const SOURCE = '00000000-0000-4000-8000-0000000000a1';
const ctx = {
  units,
  actor: 'Layla',
  now: new Date('2026-12-01T10:00:00Z'),
  newId: () => '00000000-0000-4000-8000-0000000000e1',
};

describe('unit form', () => {
  it('creates a valid unit with a new id, and needs a name', () => {
    expect(unitChange(blankUnitDraft(), { ...ctx, existing: undefined })).toEqual({
      ok: false,
      problem: 'unit-name-required',
    });
    const r = unitChange(
      { ...blankUnitDraft(), nameAr: ' الفرع ', parentId: DIRECTORATE.id },
      { ...ctx, existing: undefined },
    );
    expect(r.ok).toBe(true);
    if (!r.ok || !('put' in r.change)) return;
    expect(unitSchema.parse(r.change.put)).toMatchObject({
      id: '00000000-0000-4000-8000-0000000000e1',
      nameAr: 'الفرع',
      parentId: DIRECTORATE.id,
      commanders: [],
      author: 'Layla',
    });
  });

  it('edits the stored unit under its own id, keeping what the form does not show', () => {
    const stored = {
      ...BRANCH,
      commanders: [{ personId: '00000000-0000-4000-8000-0000000000f1', from: null, to: null }],
    };
    const r = unitChange({ ...unitDraftFrom(stored), nameEn: 'Test Branch (renamed)' }, { ...ctx, existing: stored });
    expect(r).toEqual({
      ok: true,
      change: {
        table: 'units',
        put: { ...stored, nameEn: 'Test Branch (renamed)', updatedAt: '2026-12-01T10:00:00.000Z' },
      },
    });
  });

  it('refuses to make a unit part of itself or of its own sub-unit', () => {
    for (const parentId of [BRANCH.id, SECTION.id])
      expect(unitChange({ ...unitDraftFrom(BRANCH), parentId }, { ...ctx, existing: BRANCH })).toEqual({
        ok: false,
        problem: 'parent-cycle',
      });
    expect(unitChange({ ...unitDraftFrom(SECTION), parentId: DIRECTORATE.id }, { ...ctx, existing: SECTION }).ok).toBe(
      true,
    );
    const period = { ...blankParentPeriod(), unitId: SECTION.id };
    expect(unitChange({ ...unitDraftFrom(BRANCH), parents: [period] }, { ...ctx, existing: BRANCH })).toEqual({
      ok: false,
      problem: 'parent-cycle-row',
      row: 0,
    });
    // Below it through a dated period only: still a loop.
    const datedSection = {
      ...SECTION,
      parentId: null,
      parents: [{ unitId: BRANCH.id, from: null, to: null, sources: [] }],
    };
    const dated = [DIRECTORATE, BRANCH, datedSection];
    expect(
      unitChange({ ...unitDraftFrom(BRANCH), parentId: SECTION.id }, { ...ctx, units: dated, existing: BRANCH }),
    ).toEqual({ ok: false, problem: 'parent-cycle' });
  });

  it('writes back untouched rows exactly as stored, even in a form another version wrote', () => {
    const other = unitSchema.parse({
      ...SECTION,
      parents: [{ unitId: BRANCH.id, from: null, to: null, sources: [] }],
    });
    const emptyList = unitSchema.parse({ ...SECTION, parents: [] });
    for (const stored of [other, emptyList]) {
      const r = unitChange({ ...unitDraftFrom(stored), notes: 'seen' }, { ...ctx, existing: stored });
      expect(r.ok && 'put' in r.change && (r.change.put as Unit).parents).toEqual(stored.parents);
    }
    const person = personSchema.parse({
      id: '00000000-0000-4000-8000-0000000000e4',
      role: 'perpetrator',
      nameLatin: 'Captain Testofficer',
      memberships: [{ unitId: BRANCH.id, role: '', from: null, to: null, commands: false, rank: '', sources: [] }],
      createdAt: at,
      updatedAt: at,
      author: 'Omar',
    });
    const r = perpetratorChange(perpetratorDraftFrom(person), {
      actor: 'Layla',
      now: new Date('2026-12-01T10:00:00Z'),
      newId: () => '',
      existing: person,
    });
    expect(r.ok && 'put' in r.change && r.change.put).toMatchObject({ memberships: person.memberships });
    expect(r.ok && 'put' in r.change && Object.keys((r.change.put as typeof person).memberships[0]!)).toEqual(
      Object.keys(person.memberships[0]!),
    );
  });

  it('records what a unit was part of when, with sources, and refuses a period without a unit or with bad dates', () => {
    const draft = {
      ...unitDraftFrom(SECTION),
      parents: [
        { unitId: BRANCH.id, fromText: '2010', toText: '2013-06', sources: [SOURCE] },
        { unitId: DIRECTORATE.id, fromText: '2013-07', toText: '', sources: [] },
      ],
    };
    const r = unitChange(draft, { ...ctx, existing: SECTION });
    expect(r.ok && 'put' in r.change && unitSchema.parse(r.change.put).parents).toEqual([
      {
        unitId: BRANCH.id,
        from: { precision: 'year', year: 2010 },
        to: { precision: 'month', year: 2013, month: 6 },
        sources: [{ recordId: SOURCE }],
      },
      { unitId: DIRECTORATE.id, from: { precision: 'month', year: 2013, month: 7 }, to: null, sources: [] },
    ]);
    if (!r.ok || !('put' in r.change)) return;
    const stored = unitSchema.parse(r.change.put);
    expect(unitDraftFrom(stored).parents).toEqual(draft.parents);
    // Removing every period leaves no empty list behind.
    const cleared = unitChange({ ...unitDraftFrom(stored), parents: [] }, { ...ctx, existing: stored });
    expect(cleared.ok && 'put' in cleared.change && 'parents' in cleared.change.put).toBe(false);
    expect(
      unitChange({ ...draft, parents: [{ ...blankParentPeriod(), fromText: '2010' }] }, { ...ctx, existing: SECTION }),
    ).toEqual({ ok: false, problem: 'parent-unit-missing', row: 0 });
    expect(
      unitChange(
        { ...draft, parents: [{ ...blankParentPeriod(), unitId: BRANCH.id, fromText: '2014', toText: '2012' }] },
        { ...ctx, existing: SECTION },
      ),
    ).toEqual({ ok: false, problem: 'parent-reversed', row: 0 });
  });
});

describe('suspected perpetrator form', () => {
  const pctx = {
    actor: 'Layla',
    now: new Date('2026-12-01T10:00:00Z'),
    newId: () => '00000000-0000-4000-8000-0000000000e2',
  };

  it('creates a complete person from the few fields the form has', () => {
    const r = perpetratorChange(
      {
        ...blankPerpetratorDraft(),
        nameLatin: 'Colonel Testofficer',
        sanctionsRefs: [' TEST-1 ', 'TEST-1', ''],
        memberships: [
          { ...blankMembershipDraft(), unitId: BRANCH.id, role: ' Head ', fromText: '2011', toText: '2014-06' },
          { ...blankMembershipDraft(), role: 'ignored' },
          {
            unitId: SECTION.id,
            role: '',
            commands: true,
            rank: ' Colonel ',
            fromText: '2012-01',
            toText: '2013-06',
            certainty: 'probable',
            sources: [SOURCE, SOURCE],
          },
        ],
      },
      { ...pctx, existing: undefined },
    );
    expect(r.ok).toBe(true);
    if (!r.ok || !('put' in r.change)) return;
    const p = personSchema.parse(r.change.put);
    expect(p).toMatchObject({ role: 'perpetrator', sanctionsRefs: ['TEST-1'], fatherName: '', mergedInto: null });
    expect(p.memberships).toEqual([
      {
        unitId: BRANCH.id,
        role: 'Head',
        from: { precision: 'year', year: 2011 },
        to: { precision: 'month', year: 2014, month: 6 },
      },
      {
        unitId: SECTION.id,
        role: '',
        from: { precision: 'month', year: 2012, month: 1 },
        to: { precision: 'month', year: 2013, month: 6 },
        commands: true,
        rank: 'Colonel',
        certainty: 'probable',
        sources: [{ recordId: SOURCE }],
      },
    ]);
    // A plain membership is written without the new fields, so one stored before them keeps its digest.
    expect(Object.keys(p.memberships[0]!)).toEqual(['unitId', 'role', 'from', 'to']);
  });

  it('needs a name and readable dates, and keeps a stored person’s other fields', () => {
    expect(perpetratorChange(blankPerpetratorDraft(), { ...pctx, existing: undefined })).toEqual({
      ok: false,
      problem: 'name-required',
    });
    const stored = personSchema.parse({
      id: '00000000-0000-4000-8000-0000000000e3',
      role: 'perpetrator',
      nameLatin: 'Major Testofficer',
      fatherName: 'Testfather',
      createdAt: at,
      updatedAt: at,
      author: 'Omar',
    });
    const bad = {
      ...perpetratorDraftFrom(stored),
      memberships: [
        { ...blankMembershipDraft(), unitId: BRANCH.id },
        { ...blankMembershipDraft(), unitId: BRANCH.id, fromText: 'soon' },
      ],
    };
    expect(perpetratorChange(bad, { ...pctx, existing: stored })).toEqual({
      ok: false,
      problem: 'position-bad-date',
      row: 1,
    });
    const reversed = {
      ...bad,
      memberships: [{ ...blankMembershipDraft(), unitId: BRANCH.id, fromText: '2014', toText: '2013-12' }],
    };
    expect(perpetratorChange(reversed, { ...pctx, existing: stored })).toMatchObject({ problem: 'position-reversed' });
    const r = perpetratorChange({ ...perpetratorDraftFrom(stored), rank: 'Major' }, { ...pctx, existing: stored });
    expect(r.ok && 'put' in r.change && r.change.put).toMatchObject({
      fatherName: 'Testfather',
      rank: 'Major',
      author: 'Omar',
    });
  });
});
