import { parsePartialDate } from '@shared/domain/partial-date';
import type { DetentionEvent } from '@shared/domain/records';

let n = 0;

/** A detention event for the timeline's rules: a kind, a date as typed ("2014-03", null for none), a place. */
export function ev(
  kind: DetentionEvent['kind'],
  date: string | null,
  placeId: string | null,
  sources = 0,
): DetentionEvent {
  const d = date ? parsePartialDate(date) : null;
  return {
    id: `e${++n}`,
    caseId: null,
    kind,
    date: d && d.ok ? d.value : null,
    placeId,
    description: '',
    persons: [],
    unitIds: [],
    sources: Array.from({ length: sources }, (_, i) => ({
      recordId: `00000000-0000-4000-8000-00000000000${i}`,
      reliability: '',
    })),
    createdAt: '',
    updatedAt: '',
    author: '',
  };
}
