import { Cancelled } from '@shared/cancelled';
import { personFields } from '@shared/domain/new-record';
import { readRow, type ImportField, type ImportedPerson, type RowResult } from '@shared/list-import/mapping';
import { foldMixed } from '@shared/names/index';
import { EMPTY_DOC, type CaseKind, type CaseStatus, type Person, type Place } from '@shared/domain/records';
import type { Change } from '../../db/record-store';
import type { NewCaseInput, PersonInput } from '../../db/case-repository';
import type { VaultSession } from '../../session/vault-session';
import type { CandidateView, PersonLike } from '../../search/search-protocol';
import type { ListTable } from '@shared/list-import/read-list-file';

export type RowAction = 'create' | 'link' | 'skip';

export interface PlannedRow {
  line: number;
  result: RowResult;
  /** The best existing record this row may describe, if any is close enough to review. */
  match: CandidateView | null;
  /** Rows without a likely match are created; the others wait for a person's choice. */
  action: RowAction | null;
}

export interface Progress {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

const CHECK_BATCH = 1000;

/** Resolves a listed place name to the gazetteer by its folded Arabic or English name. */
export function placeResolver(places: Place[]): (text: string) => string | null {
  const byName = new Map<string, string>();
  for (const p of places)
    for (const n of [p.nameEn, p.nameAr]) if (n.trim()) byName.set(foldMixed(n).replace(/\s+/g, ' ').trim(), p.id);
  return (text) => (text.trim() ? (byName.get(foldMixed(text).replace(/\s+/g, ' ').trim()) ?? null) : null);
}

export function personLike(p: ImportedPerson, placeId: string | null): PersonLike {
  return {
    nameAr: p.nameAr,
    nameLatin: p.nameLatin,
    aliases: p.aliases,
    fatherName: p.fatherName,
    motherName: p.motherName,
    sex: p.sex,
    birthDate: p.birthDate,
    birthPlaceId: placeId,
    ids: p.nationalIds.map((value) => ({ kind: 'national', value, issuer: '' })),
  };
}

/** Every row read under the mapping, and each valid one compared with everyone on file (in batches, with progress and cancel). */
export async function checkRows(
  table: ListTable,
  mapping: ImportField[],
  session: Pick<VaultSession, 'search'>,
  places: Place[],
  progress: Progress = {},
): Promise<PlannedRow[]> {
  const resolve = placeResolver(places);
  const rows: PlannedRow[] = table.rows.map((cells, i) => ({
    line: table.lines[i]!,
    result: readRow(cells, mapping, table.headers.length),
    match: null,
    action: null,
  }));
  const valid = rows.filter((r) => r.result.ok);
  for (let start = 0; start < valid.length; start += CHECK_BATCH) {
    if (progress.signal?.aborted) throw new Cancelled();
    const batch = valid.slice(start, start + CHECK_BATCH);
    const best = await session.search.matchMany(
      batch.map((r) => {
        const p = (r.result as { person: ImportedPerson }).person;
        return personLike(p, resolve(p.birthPlaceText));
      }),
    );
    batch.forEach((r, i) => {
      r.match = best[i] ?? null;
      r.action = r.match ? null : 'create';
    });
    progress.onProgress?.(Math.min(valid.length, start + CHECK_BATCH), valid.length);
  }
  return rows;
}

export interface ImportOptions {
  kind: CaseKind;
  status: CaseStatus;
  tag: string;
  fileName: string;
  actor: string;
  /** The member the new cases are assigned to (the one importing). */
  assignee?: string;
  reason: (line: number) => string;
  listedNote: (line: number) => string;
}

export interface ListImportReport {
  created: number;
  linked: number;
  skipped: number;
  invalid: number;
  references: string[];
  tag: string;
}

/** Writes the plan in one transaction: new cases for "create" rows, new spellings on existing persons for "link" rows. */
export async function runImport(
  session: Pick<VaultSession, 'cases' | 'store'>,
  plan: PlannedRow[],
  places: Place[],
  options: ImportOptions,
  progress: Progress = {},
): Promise<ListImportReport> {
  const resolve = placeResolver(places);
  const now = new Date();
  const at = now.toISOString();
  const items: Array<{ input: NewCaseInput; subject: PersonInput }> = [];
  const linkedRows = new Map<string, Array<{ line: number; person: ImportedPerson }>>();
  let skipped = 0;
  for (const row of plan) {
    if (!row.result.ok) continue;
    const p = row.result.person;
    if (row.action === 'skip' || row.action === null) {
      skipped++;
      continue;
    }
    if (row.action === 'link' && row.match) {
      linkedRows.set(row.match.id, [...(linkedRows.get(row.match.id) ?? []), { line: row.line, person: p }]);
      continue;
    }
    const placeId = resolve(p.birthPlaceText);
    items.push({
      input: {
        kind: options.kind,
        status: options.status,
        priority: 'normal',
        assignee: options.assignee ?? '',
        // A list of names (often public): every member works on it. A case is made restricted one by one.
        confidentiality: 'standard',
        tags: options.tag ? [options.tag] : [],
        summary: EMPTY_DOC,
        statusHistory: [{ status: options.status, at, by: options.actor, reason: options.reason(row.line) }],
      },
      subject: personFields({
        nameAr: p.nameAr,
        nameLatin: p.nameLatin,
        aliases: p.aliases,
        fatherName: p.fatherName,
        motherName: p.motherName,
        sex: p.sex,
        birthDate: p.birthDate,
        birthPlaceId: placeId,
        ids: p.nationalIds.map((value) => ({ kind: 'national', value, issuer: '' })),
        description: [p.notes, !placeId && p.birthPlaceText ? p.birthPlaceText : ''].filter(Boolean).join('\n'),
      }),
    });
  }
  const extra: Change[] = [];
  const existing = await session.store.getMany('persons', [...linkedRows.keys()]);
  for (const person of existing) {
    if (!person) continue;
    extra.push({
      table: 'persons',
      put: withListedSpellings(person, linkedRows.get(person.id)!, options.listedNote, at),
    });
  }
  const created =
    items.length || extra.length
      ? await session.cases.createMany(items, now, { extra, onProgress: progress.onProgress, signal: progress.signal })
      : [];
  return {
    created: created.length,
    linked: [...linkedRows.values()].reduce((n, l) => n + l.length, 0),
    skipped,
    invalid: plan.filter((r) => !r.result.ok).length,
    references: created.slice(0, 20).map((c) => c.reference),
    tag: options.tag,
  };
}

/** An existing person with the list's other spellings and numbers added, and a note of where they were listed. */
export function withListedSpellings(
  person: Person,
  rows: Array<{ line: number; person: ImportedPerson }>,
  listedNote: (line: number) => string,
  at: string,
): Person {
  const known = new Set([person.nameAr, person.nameLatin, ...person.aliases].map((n) => n.trim()).filter(Boolean));
  const aliases = [...person.aliases];
  const ids = [...person.ids];
  const notes: string[] = [];
  for (const { line, person: p } of rows) {
    for (const n of [p.nameAr, p.nameLatin, ...p.aliases].map((x) => x.trim()))
      if (n && !known.has(n)) {
        known.add(n);
        aliases.push(n);
      }
    for (const value of p.nationalIds)
      if (!ids.some((x) => x.value === value)) ids.push({ kind: 'national', value, issuer: '' });
    notes.push(listedNote(line));
  }
  return {
    ...person,
    aliases: aliases.slice(0, 100),
    ids: ids.slice(0, 50),
    description: [person.description, ...notes].filter(Boolean).join('\n'),
    updatedAt: at,
  };
}
