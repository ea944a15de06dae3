import { comparePartialDates } from './partial-date';
import type { Case, CaseStatus, DetentionEvent, StatusChange } from './records';

/**
 * Status changes are never silent: each carries who, when and why, and the
 * history is append-only so a family's file shows how it evolved.
 */
export type StatusChangeError = 'same-status' | 'reason-required';

export function changeStatus(
  c: Pick<Case, 'status' | 'statusHistory'>,
  next: CaseStatus,
  reason: string,
  by: string,
  at: string,
): { ok: true; status: CaseStatus; statusHistory: StatusChange[] } | { ok: false; error: StatusChangeError } {
  if (next === c.status) return { ok: false, error: 'same-status' };
  if (!reason.trim()) return { ok: false, error: 'reason-required' };
  return {
    ok: true,
    status: next,
    statusHistory: [...c.statusHistory, { status: next, at, by, reason: reason.trim() }],
  };
}

/**
 * The event a status dates from, where the file records one. Custody (detained, disappeared) dates from the
 * event that began the current custody: the first arrest or detention after the latest release (for
 * disappeared, a disappearance recorded since then comes first). A death or a release dates from its own event.
 * Never the day the status was typed in; null when the events say nothing that fits.
 */
export function statusEvent(status: CaseStatus, events: readonly DetentionEvent[]): DetentionEvent | null {
  const dated = events.filter((e) => e.date).sort((a, b) => comparePartialDates(a.date!, b.date!));
  const latest = (kind: DetentionEvent['kind']): DetentionEvent | null =>
    dated.filter((e) => e.kind === kind).at(-1) ?? null;
  const lastRelease = dated.findLastIndex((e) => e.kind === 'release');
  const sinceRelease = dated.slice(lastRelease + 1);
  const custodyStart = sinceRelease.find((e) => e.kind === 'arrest' || e.kind === 'detention') ?? null;
  switch (status) {
    case 'disappeared':
      return sinceRelease.find((e) => e.kind === 'disappearance') ?? custodyStart;
    case 'detained':
      return custodyStart;
    case 'deceased':
      return latest('death');
    case 'released':
      return latest('release');
    case 'open':
    case 'found':
    case 'closed':
      return null;
  }
}
