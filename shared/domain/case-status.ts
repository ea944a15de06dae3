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
 * The event a status dates from, where the file records one: a disappearance or detention from the arrest (the
 * latest one, after any release), a death or a release from its own event. Never the day the status was typed in.
 */
export function statusEvent(status: CaseStatus, events: readonly DetentionEvent[]): DetentionEvent | null {
  const dated = events.filter((e) => e.date).sort((a, b) => comparePartialDates(a.date!, b.date!));
  const latest = (...kinds: Array<DetentionEvent['kind']>): DetentionEvent | null =>
    dated.filter((e) => kinds.includes(e.kind)).at(-1) ?? null;
  switch (status) {
    case 'disappeared':
      return latest('disappearance') ?? latest('arrest', 'detention');
    case 'detained':
      return latest('arrest', 'detention');
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
