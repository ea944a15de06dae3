import { describe, expect, it } from 'vitest';
import { blankUnitDraft, unitChange, unitDraftFrom } from '../../../../renderer/src/features/units/unit-draft';
import {
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
          { unitId: BRANCH.id, role: ' Head ', fromText: '2011', toText: '2014-06' },
          { unitId: null, role: 'ignored', fromText: '', toText: '' },
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
    ]);
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
      memberships: [{ unitId: BRANCH.id, role: '', fromText: 'soon', toText: '' }],
    };
    expect(perpetratorChange(bad, { ...pctx, existing: stored })).toEqual({ ok: false, problem: 'date-unrecognised' });
    const r = perpetratorChange({ ...perpetratorDraftFrom(stored), rank: 'Major' }, { ...pctx, existing: stored });
    expect(r.ok && 'put' in r.change && r.change.put).toMatchObject({
      fatherName: 'Testfather',
      rank: 'Major',
      author: 'Omar',
    });
  });
});
