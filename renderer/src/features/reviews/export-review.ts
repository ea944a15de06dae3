import { exportPlanKey } from '@shared/domain/reviews';
import type { Review } from '@shared/domain/records';
import type { VaultSession } from '../../session/vault-session';
import { reviewOf, type ReviewSubject } from './review-steps';

export const POLICY_ID = 'organisation';

/** Whether the organisation requires an approved review before any package leaves. */
export async function exportReviewRequired(session: VaultSession): Promise<boolean> {
  return (await session.policies.get(POLICY_ID))?.requireExportReview ?? false;
}

/** An export as a review sees it: exactly these cases, to this recipient (the order of the cases aside). */
export function exportSubject(recipientId: string, caseIds: readonly string[]): ReviewSubject {
  const key = exportPlanKey({ recipientId, caseIds: [...caseIds] });
  return { subject: 'exports', subjectId: key.subjectId, caseId: null, exportPlan: key.plan };
}

/** The review of this export, if any, and whether its approval holds for exactly it. */
export async function exportApproval(
  session: VaultSession,
  recipientId: string,
  caseIds: readonly string[],
): Promise<{ review: Review | undefined; approved: boolean }> {
  const key = exportPlanKey({ recipientId, caseIds: [...caseIds] });
  const review = await reviewOf(session, key.subjectId);
  // Approved, of an export, for exactly this plan (the store refuses a review whose id or digest is not its plan's).
  const approved =
    review?.state === 'approved' &&
    review.subject === 'exports' &&
    review.exportPlan !== null &&
    JSON.stringify(exportPlanKey(review.exportPlan).plan) === JSON.stringify(key.plan) &&
    review.digest === key.digest;
  return { review, approved };
}
