import { recordDigest } from '@shared/crypto/audit-chain';
import type { Review } from '@shared/domain/records';
import type { VaultSession } from '../../session/vault-session';
import { currentDigest, reviewOf, type ReviewSubject } from './review-steps';

export const POLICY_ID = 'organisation';

/** Whether the organisation requires an approved review before any package leaves. */
export async function exportReviewRequired(session: VaultSession): Promise<boolean> {
  return (await session.policies.get(POLICY_ID))?.requireExportReview ?? false;
}

/** An export as a review sees it: exactly these cases, to this recipient (the order of the cases aside). */
export function exportSubject(recipientId: string, caseIds: readonly string[]): ReviewSubject {
  const exportPlan = { recipientId, caseIds: [...new Set(caseIds)].sort() };
  return { subject: 'exports', subjectId: `export-${recordDigest(exportPlan)}`, caseId: null, exportPlan };
}

/** The review of this export, if any, and whether its approval holds for exactly it. */
export async function exportApproval(
  session: VaultSession,
  recipientId: string,
  caseIds: readonly string[],
): Promise<{ review: Review | undefined; approved: boolean }> {
  const s = exportSubject(recipientId, caseIds);
  const review = await reviewOf(session, s.subjectId);
  if (!review || review.state !== 'approved' || s.subject !== 'exports') return { review, approved: false };
  const digest = await currentDigest(session, { ...s, exportPlan: s.exportPlan });
  return { review, approved: review.digest === digest };
}
