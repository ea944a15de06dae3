import type { Review, ReviewState } from './records';
import type { Refusal, Role } from './permissions';
import { recordDigest } from '../crypto/audit-chain';

/** An export's plan as a review binds it: these cases (in any order, once each), to this recipient. */
export function exportPlanKey(plan: NonNullable<Review['exportPlan']>): {
  plan: NonNullable<Review['exportPlan']>;
  subjectId: string;
  digest: string;
} {
  const sorted = { recipientId: plan.recipientId, caseIds: [...new Set(plan.caseIds)].sort() };
  const digest = recordDigest(sorted);
  return { plan: sorted, subjectId: `export-${digest}`, digest };
}

/**
 * Who may take which step of a review. The record store applies it to every change of a review, so the rule
 * holds for a change typed here and for one that arrives from another device; every step is a signed commit.
 *
 * - The author submits what their roles let them write (a case: caseworker; a testimony or an export:
 *   investigator), and may withdraw it while it waits, or submit it again once returned or approved.
 * - A reviewer, who is not the author, approves it or returns it with a comment.
 * - Nothing else changes, and nothing of the history is ever rewritten.
 */
const AUTHOR_ROLE: Record<Review['subject'], Role> = {
  cases: 'caseworker',
  testimonies: 'investigator',
  exports: 'investigator',
};

/** The state each step leaves a review in, and the states it may be taken from. */
const STEPS: Record<
  Review['history'][number]['action'],
  { from: ReadonlyArray<ReviewState | null>; by: 'author' | 'reviewer' }
> = {
  submitted: { from: [null, 'returned', 'approved', 'withdrawn'], by: 'author' },
  withdrawn: { from: ['submitted'], by: 'author' },
  approved: { from: ['submitted'], by: 'reviewer' },
  returned: { from: ['submitted'], by: 'reviewer' },
};

const FIXED = ['subject', 'subjectId', 'caseId', 'exportPlan', 'submittedBy', 'createdAt', 'author', 'id'] as const;

export function reviewRefusal(
  member: string,
  roles: readonly Role[],
  before: Review | null,
  after: Review | null,
): Refusal | null {
  if (!after) return { reason: 'review-step' };
  const added = after.history.length - (before?.history.length ?? 0);
  if (added !== 1) return { reason: 'review-step' };
  if (before && JSON.stringify(after.history.slice(0, -1)) !== JSON.stringify(before.history))
    return { reason: 'review-step' };
  if (before && FIXED.some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])))
    return { reason: 'review-step' };
  const step = after.history.at(-1)!;
  const rule = STEPS[step.action];
  if (step.by !== member || after.state !== step.action) return { reason: 'review-step' };
  if (!rule.from.includes(before?.state ?? null)) return { reason: 'review-step' };
  if (rule.by === 'author') {
    if (after.submittedBy !== member) return { reason: 'review-step' };
    const needs = AUTHOR_ROLE[after.subject];
    if (!roles.includes(needs)) return { reason: 'role', needs: [needs] };
    if (step.action === 'submitted' && after.digest !== step.digest) return { reason: 'review-step' };
    // What a reviewer is shown of an export is what its approval is for: nothing else can carry its id.
    if (after.subject === 'exports') {
      if (!after.exportPlan) return { reason: 'review-step' };
      const key = exportPlanKey(after.exportPlan);
      if (after.subjectId !== key.subjectId || after.digest !== key.digest) return { reason: 'review-step' };
    } else if (after.exportPlan) return { reason: 'review-step' };
  } else {
    if (after.submittedBy === member) return { reason: 'review-own' };
    if (!roles.includes('reviewer')) return { reason: 'role', needs: ['reviewer'] };
    if (step.action === 'returned' && !step.comment.trim()) return { reason: 'review-comment' };
    if (after.digest !== before?.digest) return { reason: 'review-step' };
  }
  return null;
}
