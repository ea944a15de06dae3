import {
  formatPartialDateInput,
  parseOptionalPartialDate,
  type PartialDateParseError,
} from '@shared/domain/partial-date';
import type { EvidenceDocument } from '@shared/domain/records';
import { newRecord, revised } from '@shared/domain/new-record';
import type { Change } from '../../db/record-store';
import type { IntakeResult } from '../../db/file-chunks';

type CustodyEntry = EvidenceDocument['custody'][number];

/**
 * A file just stored by intake becomes its record, with the intake hashes
 * and an "acquired" custody entry; a working copy also gets its "derived
 * from" link to the original. One commit: the copy is never unlinked.
 */
export function intakeChanges(
  file: { name: string; type: string },
  result: IntakeResult,
  ctx: {
    documentId: string;
    caseId: string;
    derivedFromId: string | null;
    actor: string;
    now: Date;
    newId: () => string;
  },
): Change[] {
  const at = ctx.now.toISOString();
  const doc = newRecord(
    'documents',
    {
      id: ctx.documentId,
      caseId: ctx.caseId,
      originalName: file.name.slice(0, 1000),
      mediaType: file.type || 'application/octet-stream',
      size: result.size,
      sha256: result.sha256,
      sha512: result.sha512,
      chunkCount: result.chunkCount,
      derivedFromId: ctx.derivedFromId,
      acquiredBy: ctx.actor,
      custody: [{ at, by: ctx.actor, action: 'acquired', detail: `sha256:${result.sha256}`, hashOk: null }],
    },
    ctx.actor,
    at,
  );
  const changes: Change[] = [{ table: 'documents', put: doc, fresh: true }];
  if (ctx.derivedFromId) {
    const link = newRecord(
      'links',
      {
        id: ctx.newId(),
        type: 'derived-from',
        fromTable: 'documents',
        fromId: doc.id,
        toTable: 'documents',
        toId: ctx.derivedFromId,
      },
      ctx.actor,
      at,
    );
    changes.push({ table: 'links', put: link, fresh: true });
  }
  return changes;
}

/** An entry added to a file's chain of custody (viewed, verified…); earlier entries are never changed. */
export function custodyAppended(
  doc: EvidenceDocument,
  entry: Omit<CustodyEntry, 'at' | 'by'>,
  actor: string,
  now: Date,
): Change {
  const at = now.toISOString();
  return { table: 'documents', put: revised(doc, { custody: [...doc.custody, { ...entry, at, by: actor }] }, at) };
}

/** What the Details form edits; the dates as typed text. The file itself and its hashes are never edited. */
export interface DetailsDraft {
  source: string;
  acquiredHow: string;
  acquiredBy: string;
  acquiredAt: string;
  documentDate: string;
  docType: string;
  language: string;
  description: string;
  authenticity: string;
}

export const DETAIL_TEXT_FIELDS = [
  'source',
  'acquiredHow',
  'acquiredBy',
  'docType',
  'language',
  'description',
  'authenticity',
] as const;

export const detailsDraftFrom = (d: EvidenceDocument): DetailsDraft => ({
  source: d.source,
  acquiredHow: d.acquiredHow,
  acquiredBy: d.acquiredBy,
  acquiredAt: d.acquiredAt ? formatPartialDateInput(d.acquiredAt) : '',
  documentDate: d.documentDate ? formatPartialDateInput(d.documentDate) : '',
  docType: d.docType,
  language: d.language,
  description: d.description,
  authenticity: d.authenticity,
});

export type DetailsProblem = `date-${Exclude<PartialDateParseError, 'empty'>}`;

export function detailsChange(
  d: DetailsDraft,
  doc: EvidenceDocument,
  now: Date,
): { ok: true; change: Change } | { ok: false; problem: DetailsProblem } {
  const acquiredAt = parseOptionalPartialDate(d.acquiredAt);
  if (!acquiredAt.ok) return { ok: false, problem: `date-${acquiredAt.error}` };
  const documentDate = parseOptionalPartialDate(d.documentDate);
  if (!documentDate.ok) return { ok: false, problem: `date-${documentDate.error}` };
  const text = Object.fromEntries(DETAIL_TEXT_FIELDS.map((k) => [k, d[k].trim()])) as Pick<
    DetailsDraft,
    (typeof DETAIL_TEXT_FIELDS)[number]
  >;
  return {
    ok: true,
    change: {
      table: 'documents',
      put: revised(doc, { ...text, acquiredAt: acquiredAt.value, documentDate: documentDate.value }, now),
    },
  };
}
