import {
  formatPartialDateInput,
  parseOptionalPartialDate,
  type PartialDateParseError,
} from '@shared/domain/partial-date';
import type { DetentionEvent } from '@shared/domain/records';
import { newRecord, revised } from '@shared/domain/new-record';
import type { Change } from '../../db/record-store';

/** What the event form edits: the date as typed text; `id` is null for a new event. */
export interface EventDraft {
  id: string | null;
  kind: DetentionEvent['kind'];
  /** An incident's name; a case's own event has none. */
  title: string;
  dateText: string;
  placeId: string | null;
  description: string;
  sources: DetentionEvent['sources'];
  persons: DetentionEvent['persons'];
  unitIds: string[];
}

export const blankEventDraft = (): EventDraft => ({
  id: null,
  kind: 'arrest',
  title: '',
  dateText: '',
  placeId: null,
  description: '',
  sources: [],
  persons: [],
  unitIds: [],
});

export const eventDraftFrom = (e: DetentionEvent): EventDraft => ({
  id: e.id,
  kind: e.kind,
  title: e.title ?? '',
  dateText: e.date ? formatPartialDateInput(e.date) : '',
  placeId: e.placeId,
  description: e.description,
  sources: e.sources,
  persons: e.persons,
  unitIds: e.unitIds,
});

export type EventProblem = `date-${Exclude<PartialDateParseError, 'empty'>}` | 'incident-title-required';

/**
 * The one change a Save writes: the event of this case, or (with no case) an incident of many cases, new or
 * revised. A person or source listed twice counts once.
 */
export function eventChange(
  d: EventDraft,
  ctx: { caseId: string | null; existing: DetentionEvent | undefined; actor: string; now: Date; newId: () => string },
): { ok: true; change: Change } | { ok: false; problem: EventProblem } {
  const date = parseOptionalPartialDate(d.dateText);
  if (!date.ok) return { ok: false, problem: `date-${date.error}` };
  const title = d.title.trim();
  // An incident is found again by its name; a case's event is found by its case.
  if (ctx.caseId === null && !title) return { ok: false, problem: 'incident-title-required' };
  const fields = {
    caseId: ctx.caseId,
    ...(title ? { title } : {}),
    kind: d.kind,
    date: date.value,
    placeId: d.placeId,
    description: d.description.trim(),
    sources: [...new Map(d.sources.map((s) => [s.recordId, s])).values()],
    persons: [...new Map(d.persons.map((p) => [p.personId, p])).values()],
    unitIds: [...new Set(d.unitIds)],
  };
  const event = ctx.existing
    ? revised(ctx.existing, fields, ctx.now)
    : newRecord('events', { id: d.id ?? ctx.newId(), ...fields }, ctx.actor, ctx.now);
  return { ok: true, change: { table: 'events', put: event } };
}
