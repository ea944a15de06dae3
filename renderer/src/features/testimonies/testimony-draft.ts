import {
  formatPartialDateInput,
  parseOptionalPartialDate,
  type PartialDate,
  type PartialDateParseError,
} from '@shared/domain/partial-date';
import { mentionsIn } from '@shared/domain/consent';
import { EMPTY_DOC, type Link, type Person, type RichText, type Testimony } from '@shared/domain/records';
import { newRecord } from '@shared/domain/new-record';
import type { Change } from '../../db/record-store';

/** What the testimony form edits: dates as typed text, and a witness either chosen or written anew. */
export interface TestimonyDraft {
  id: string;
  isNew: boolean;
  witnessId: string | null;
  newWitness: {
    nameAr: string;
    nameLatin: string;
    pseudonym: string;
    protectionLevel: Person['protectionLevel'];
  } | null;
  dateText: string;
  placeId: string | null;
  interviewer: string;
  language: string;
  interpreter: string;
  recordedHow: string;
  content: RichText;
  attachmentIds: string[];
  consent: {
    scope: Testimony['consent']['scope'];
    /** Recipients on record the witness agreed to. */
    recipientIds: string[];
    /** Names typed before recipients were records: kept until replaced by recipients, never added to. */
    mechanisms: string[];
    obtainedText: string;
    how: string;
    withdrawnAt: string | null;
  };
}

export function blankTestimonyDraft(id: string, interviewer: string): TestimonyDraft {
  return {
    id,
    isNew: true,
    witnessId: null,
    newWitness: null,
    dateText: '',
    placeId: null,
    interviewer,
    language: '',
    interpreter: '',
    recordedHow: '',
    content: EMPTY_DOC,
    attachmentIds: [],
    consent: { scope: 'internal', recipientIds: [], mechanisms: [], obtainedText: '', how: '', withdrawnAt: null },
  };
}

export function testimonyDraftFrom(x: Testimony): TestimonyDraft {
  return {
    id: x.id,
    isNew: false,
    witnessId: x.witnessId,
    newWitness: null,
    dateText: x.date ? formatPartialDateInput(x.date) : '',
    placeId: x.placeId,
    interviewer: x.interviewer,
    language: x.language,
    interpreter: x.interpreter,
    recordedHow: x.recordedHow,
    content: x.content,
    attachmentIds: x.attachmentIds,
    consent: {
      scope: x.consent.scope,
      recipientIds: x.consent.recipientIds,
      mechanisms: x.consent.mechanisms,
      obtainedText: x.consent.obtainedAt ? formatPartialDateInput(x.consent.obtainedAt) : '',
      how: x.consent.how,
      withdrawnAt: x.consent.withdrawnAt,
    },
  };
}

export type TestimonyProblem =
  'witness-required' | 'pseudonym-required' | `date-${Exclude<PartialDateParseError, 'empty'>}`;

export interface TestimonyContext {
  caseId: string;
  /** The stored testimony, when the draft edits one. */
  existing: Testimony | undefined;
  /** The testimony's current "mentions" links, which the text's @-mentions replace. */
  mentionLinks: readonly Link[];
  actor: string;
  now: Date;
  newId: () => string;
}

/**
 * Everything one Save writes, as one commit: the new witness (if one was
 * written), the testimony, and its "mentions" links following the text
 * (a mention removed drops its link, a new one adds one).
 */
export function testimonyChanges(
  d: TestimonyDraft,
  ctx: TestimonyContext,
): { ok: true; changes: Change[]; witnessId: string } | { ok: false; problem: TestimonyProblem } {
  if (!d.witnessId && !d.newWitness) return { ok: false, problem: 'witness-required' };
  if (d.newWitness && !d.newWitness.pseudonym.trim()) return { ok: false, problem: 'pseudonym-required' };
  const dates: { date: PartialDate | null; obtained: PartialDate | null } = { date: null, obtained: null };
  for (const [k, text] of [
    ['date', d.dateText],
    ['obtained', d.consent.obtainedText],
  ] as const) {
    const p = parseOptionalPartialDate(text);
    if (!p.ok) return { ok: false, problem: `date-${p.error}` };
    dates[k] = p.value;
  }
  const at = ctx.now.toISOString();
  const changes: Change[] = [];
  let witnessId = d.witnessId;
  if (d.newWitness) {
    const w = d.newWitness;
    const witness = newRecord(
      'persons',
      {
        id: ctx.newId(),
        role: 'witness',
        nameAr: w.nameAr.trim(),
        nameLatin: w.nameLatin.trim() || w.pseudonym.trim(),
        protectionLevel: w.protectionLevel,
        pseudonym: w.pseudonym.trim(),
      },
      ctx.actor,
      at,
    );
    witnessId = witness.id;
    changes.push({ table: 'persons', put: witness, fresh: true });
  }
  const fields = {
    caseId: ctx.caseId,
    witnessId: witnessId!,
    date: dates.date,
    placeId: d.placeId,
    interviewer: d.interviewer.trim(),
    language: d.language.trim(),
    interpreter: d.interpreter.trim(),
    recordedHow: d.recordedHow.trim(),
    content: d.content,
    consent: {
      scope: d.consent.scope,
      // A draft sealed by an older version has no recipient ids.
      recipientIds: d.consent.scope === 'mechanisms' ? (d.consent.recipientIds ?? []) : [],
      mechanisms: d.consent.scope === 'mechanisms' ? d.consent.mechanisms : [],
      obtainedAt: dates.obtained,
      how: d.consent.how.trim(),
      withdrawnAt: d.consent.withdrawnAt,
    },
    // A draft sealed by an older version may lack the field: keep what is stored.
    attachmentIds: d.attachmentIds ?? ctx.existing?.attachmentIds ?? [],
  };
  const testimony: Testimony = ctx.existing
    ? { ...ctx.existing, ...fields, updatedAt: at }
    : newRecord('testimonies', { id: d.id, ...fields }, ctx.actor, at);
  changes.push({ table: 'testimonies', put: testimony });
  const wanted = mentionsIn(d.content);
  for (const l of ctx.mentionLinks)
    if (!wanted.some((w) => w.table === l.toTable && w.id === l.toId)) changes.push({ table: 'links', delete: l.id });
  for (const w of wanted) {
    if (ctx.mentionLinks.some((l) => l.toTable === w.table && l.toId === w.id)) continue;
    const link = newRecord(
      'links',
      { id: ctx.newId(), type: 'mentions', fromTable: 'testimonies', fromId: d.id, toTable: w.table, toId: w.id },
      ctx.actor,
      at,
    );
    changes.push({ table: 'links', put: link, fresh: true });
  }
  return { ok: true, changes, witnessId: witnessId! };
}
