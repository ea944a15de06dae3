import { describe, expect, it } from 'vitest';
import {
  facets,
  filterCases,
  hasFilters,
  NO_FILTERS,
  sortCases,
} from '../../../../renderer/src/features/cases/case-list-model';
import { displayName } from '@shared/names/display-name';
import type { CaseSummary } from '../../../../renderer/src/db/case-repository';

const c = (over: Partial<CaseSummary>): CaseSummary => ({
  id: over.reference ?? 'x',
  reference: 'ATH-2026-00001',
  nameAr: '',
  nameLatin: '',
  kind: 'missing',
  status: 'open',
  priority: 'normal',
  assignee: '',
  tags: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const cases = [
  c({
    reference: 'ATH-2026-00003',
    nameAr: 'سمير',
    nameLatin: 'Samir',
    status: 'detained',
    priority: 'urgent',
    assignee: 'Layla',
    tags: ['homs', 'army'],
    updatedAt: '2026-03-01T00:00:00.000Z',
  }),
  c({
    reference: 'ATH-2026-00001',
    nameAr: 'هدى',
    nameLatin: 'Huda',
    status: 'disappeared',
    kind: 'enforced-disappearance',
    assignee: 'Omar',
    tags: ['homs'],
    updatedAt: '2026-05-01T00:00:00.000Z',
  }),
  c({
    reference: 'ATH-2026-00002',
    nameAr: 'أحمد',
    nameLatin: 'Ahmad',
    status: 'detained',
    priority: 'low',
    updatedAt: '2026-04-01T00:00:00.000Z',
  }),
];

describe('case list model', () => {
  it('filters by status, kind, assignee, every tag, and text', () => {
    expect(filterCases(cases, { ...NO_FILTERS, status: 'detained' }).map((x) => x.nameLatin)).toEqual([
      'Samir',
      'Ahmad',
    ]);
    expect(filterCases(cases, { ...NO_FILTERS, kind: 'enforced-disappearance' }).map((x) => x.nameLatin)).toEqual([
      'Huda',
    ]);
    expect(filterCases(cases, { ...NO_FILTERS, assignee: 'Layla' })).toHaveLength(1);
    expect(filterCases(cases, { ...NO_FILTERS, tags: ['homs'] })).toHaveLength(2);
    expect(filterCases(cases, { ...NO_FILTERS, tags: ['homs', 'army'] })).toHaveLength(1);
    expect(filterCases(cases, { ...NO_FILTERS, text: 'هدى' }).map((x) => x.nameLatin)).toEqual(['Huda']);
    expect(filterCases(cases, { ...NO_FILTERS, text: '00002' }).map((x) => x.nameLatin)).toEqual(['Ahmad']);
    expect(filterCases(cases, { ...NO_FILTERS, text: 'sam' }).map((x) => x.nameLatin)).toEqual(['Samir']);
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, text: ' x ' })).toBe(true);
  });

  it('sorts by update, reference, name in the interface script, and priority', () => {
    expect(sortCases(cases, 'updated', 'en').map((x) => x.nameLatin)).toEqual(['Huda', 'Ahmad', 'Samir']);
    expect(sortCases(cases, 'reference', 'en').map((x) => x.reference)).toEqual([
      'ATH-2026-00001',
      'ATH-2026-00002',
      'ATH-2026-00003',
    ]);
    expect(sortCases(cases, 'name', 'en').map((x) => x.nameLatin)).toEqual(['Ahmad', 'Huda', 'Samir']);
    expect(sortCases(cases, 'name', 'ar').map((x) => x.nameAr)).toEqual(['أحمد', 'سمير', 'هدى']);
    expect(sortCases(cases, 'priority', 'en').map((x) => x.priority)).toEqual(['urgent', 'normal', 'low']);
  });

  it('counts facets over all cases', () => {
    const f = facets(cases);
    expect(f.status.detained).toBe(2);
    expect(f.status.closed).toBe(0);
    expect(f.tags.get('homs')).toBe(2);
    expect(f.assignees.get('Omar')).toBe(1);
  });

  it('shows names in the interface script first, the other in brackets', () => {
    expect(displayName('سمير', 'Samir', 'en')).toBe('Samir (سمير)');
    expect(displayName('سمير', 'Samir', 'ar')).toBe('سمير (Samir)');
    expect(displayName('', 'Samir', 'ar')).toBe('Samir');
  });
});
