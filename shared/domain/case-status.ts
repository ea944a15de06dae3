import type { Case, CaseStatus, StatusChange } from './records';

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
