import { canonicalJson } from '@shared/crypto/canonical-json';
import { newRecord, revised } from '@shared/domain/new-record';
import { comparePartialDates, type PartialDate } from '@shared/domain/partial-date';
import type { DesignationRecord, SanctionsList } from '@shared/domain/records';
import { designationId } from '@shared/sanctions/designation-id';
import type { Designation } from '@shared/sanctions/designation';
import type { ParsedList } from '@shared/sanctions/read-list';
import type { Change } from '../../db/record-store';

/** The fields of a designation that an authority may change between releases, in the order they are shown. */
export const DESIGNATION_FIELDS = [
  'names',
  'kind',
  'birthDates',
  'birthPlaces',
  'nationalities',
  'documents',
  'addresses',
  'programmes',
  'positions',
  'gender',
  'listedOn',
  'reasons',
  'remarks',
] as const satisfies ReadonlyArray<keyof Designation>;
export type DesignationField = (typeof DESIGNATION_FIELDS)[number];

/** What importing a list would do to the designations on file for its authority: nothing is written yet. */
export interface ListImportPlan {
  parsed: ParsedList;
  sha256: string;
  fileName: string;
  added: Designation[];
  changed: Array<{ before: DesignationRecord; after: Designation; fields: DesignationField[] }>;
  relisted: Array<{ before: DesignationRecord; after: Designation }>;
  delisted: DesignationRecord[];
  unchanged: number;
  /** The newest list of this authority already on file, when this one says it was published before it. */
  olderThan: SanctionsList | null;
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

export function planListImport(
  read: { list: ParsedList; sha256: string; fileName: string },
  stored: readonly DesignationRecord[],
  lists: readonly SanctionsList[],
): ListImportPlan {
  const authority = read.list.meta.authority;
  const onFile = new Map(stored.filter((d) => d.authority === authority).map((d) => [d.ref, d]));
  const plan: ListImportPlan = {
    parsed: read.list,
    sha256: read.sha256,
    fileName: read.fileName,
    added: [],
    changed: [],
    relisted: [],
    delisted: [],
    unchanged: 0,
    olderThan: null,
  };
  const seen = new Set<string>();
  for (const d of read.list.designations) {
    seen.add(d.ref);
    const before = onFile.get(d.ref);
    if (!before) plan.added.push(d);
    else if (before.delistedOn) plan.relisted.push({ before, after: d });
    else {
      const fields = DESIGNATION_FIELDS.filter((f) => !same(before[f], d[f]));
      if (fields.length) plan.changed.push({ before, after: d, fields });
      else plan.unchanged++;
    }
  }
  for (const d of onFile.values()) if (!seen.has(d.ref) && !d.delistedOn) plan.delisted.push(d);
  const published = read.list.meta.publishedOn;
  const newest = lists
    .filter((l) => l.authority === authority && l.publishedOn)
    .sort((a, b) => comparePartialDates(b.publishedOn!, a.publishedOn!))[0];
  if (published && newest && comparePartialDates(published, newest.publishedOn!) < 0) plan.olderThan = newest;
  return plan;
}

const today = (now: Date): PartialDate => ({
  precision: 'day',
  year: now.getUTCFullYear(),
  month: now.getUTCMonth() + 1,
  day: now.getUTCDate(),
});

/** The one commit an import writes: the list's record and every designation it adds, changes, de-lists or re-lists. */
export function listImportChanges(
  plan: ListImportPlan,
  ctx: { actor: string; now: Date; newId: () => string },
): { list: SanctionsList; changes: Change[] } {
  const listId = ctx.newId();
  const { meta } = plan.parsed;
  // A list that states no date of its own is dated by its import.
  const when = meta.publishedOn ?? today(ctx.now);
  const list = newRecord(
    'sanctionsLists',
    {
      id: listId,
      authority: meta.authority,
      format: meta.format,
      fileName: plan.fileName.slice(0, 500),
      sha256: plan.sha256,
      publishedOn: meta.publishedOn,
      counts: {
        designations: plan.parsed.designations.length,
        added: plan.added.length,
        changed: plan.changed.length,
        delisted: plan.delisted.length,
        relisted: plan.relisted.length,
      },
    },
    ctx.actor,
    ctx.now,
  );
  const changes: Change[] = [{ table: 'sanctionsLists', put: list }];
  for (const d of plan.added)
    changes.push({
      table: 'designations',
      put: newRecord(
        'designations',
        { ...d, id: designationId(d.authority, d.ref), listId, firstSeen: when, delistedOn: null },
        ctx.actor,
        ctx.now,
      ),
    });
  for (const { before, after } of [...plan.changed, ...plan.relisted])
    changes.push({ table: 'designations', put: revised(before, { ...after, listId, delistedOn: null }, ctx.now) });
  for (const d of plan.delisted)
    changes.push({ table: 'designations', put: revised(d, { listId, delistedOn: when }, ctx.now) });
  return { list, changes };
}
