import { CASE_STATUSES, PRIORITIES, type CaseKind, type CaseStatus } from '@shared/domain/records';
import type { CaseSummary } from '../../db/case-repository';

export interface CaseFilters {
  text: string;
  status: CaseStatus | null;
  kind: CaseKind | null;
  assignee: string | null;
  tags: string[];
}

export type CaseSort = 'updated' | 'reference' | 'name' | 'priority';

export const NO_FILTERS: CaseFilters = { text: '', status: null, kind: null, assignee: null, tags: [] };

export function hasFilters(f: CaseFilters): boolean {
  return Boolean(f.text.trim() || f.status || f.kind || f.assignee || f.tags.length);
}

/** Applies every filter; tags must all be present. Plain substring on names and reference (cross-script search is its own feature). */
export function filterCases(cases: readonly CaseSummary[], f: CaseFilters): CaseSummary[] {
  const text = f.text.trim().toLocaleLowerCase();
  return cases.filter(
    (c) =>
      // Of a restricted case this member cannot read only the reference is known: no other filter can hold.
      (!c.withheld || (!f.status && !f.kind && !f.assignee && !f.tags.length)) &&
      (!f.status || c.status === f.status) &&
      (!f.kind || c.kind === f.kind) &&
      (!f.assignee || c.assignee === f.assignee) &&
      f.tags.every((t) => c.tags.includes(t)) &&
      (!text ||
        c.reference.toLocaleLowerCase().includes(text) ||
        c.nameLatin.toLocaleLowerCase().includes(text) ||
        c.nameAr.includes(text)),
  );
}

const PRIORITY_RANK = Object.fromEntries(PRIORITIES.map((p, i) => [p, i]));
const collator = new Intl.Collator(['ar', 'en'], { sensitivity: 'base', numeric: true });

export function sortCases(cases: CaseSummary[], sort: CaseSort, lang: 'en' | 'ar'): CaseSummary[] {
  const nameOf = (c: CaseSummary): string => (lang === 'ar' ? c.nameAr || c.nameLatin : c.nameLatin || c.nameAr);
  const cmp: Record<CaseSort, (a: CaseSummary, b: CaseSummary) => number> = {
    updated: (a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0),
    reference: (a, b) => collator.compare(a.reference, b.reference),
    name: (a, b) => collator.compare(nameOf(a), nameOf(b)),
    priority: (a, b) =>
      (PRIORITY_RANK[b.priority] ?? 0) - (PRIORITY_RANK[a.priority] ?? 0) || collator.compare(a.reference, b.reference),
  };
  return [...cases].sort(cmp[sort]);
}

export interface Facets {
  status: Record<CaseStatus, number>;
  kinds: Map<CaseKind, number>;
  assignees: Map<string, number>;
  tags: Map<string, number>;
}

/** Counts over all cases, for the filter menus. */
export function facets(cases: readonly CaseSummary[]): Facets {
  const status = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  const kinds = new Map<CaseKind, number>();
  const assignees = new Map<string, number>();
  const tags = new Map<string, number>();
  for (const c of cases) {
    if (c.withheld) continue;
    status[c.status]++;
    kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    if (c.assignee) assignees.set(c.assignee, (assignees.get(c.assignee) ?? 0) + 1);
    for (const t of c.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
  }
  return { status, kinds, assignees, tags };
}
