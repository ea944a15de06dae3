import { recordDigest } from '@shared/crypto/audit-chain';
import { exportPlanKey } from '@shared/domain/reviews';
import type { Review } from '@shared/domain/records';
import { randomId } from '../../db/webcrypto-key';
import type { VaultSession } from '../../session/vault-session';

export type ReviewSubject =
  | { subject: 'cases'; subjectId: string; caseId: string }
  | { subject: 'testimonies'; subjectId: string; caseId: string | null }
  | { subject: 'exports'; subjectId: string; caseId: null; exportPlan: NonNullable<Review['exportPlan']> };

/**
 * The digest of what is reviewed, as it is now: a case with its subject, a testimony, or an export's plan. An
 * approval holds only while it is unchanged. Null when it can no longer be read (deleted, or withheld).
 */
export async function currentDigest(
  session: VaultSession,
  s: Pick<Review, 'subject' | 'subjectId' | 'exportPlan'>,
): Promise<string | null> {
  if (s.subject === 'cases') {
    const loaded = await session.cases.load(s.subjectId);
    return loaded ? recordDigest({ case: loaded.record, subject: loaded.subject }) : null;
  }
  if (s.subject === 'testimonies') {
    const t = await session.store.get('testimonies', s.subjectId);
    return t ? recordDigest(t) : null;
  }
  return s.exportPlan ? exportPlanKey(s.exportPlan).digest : null;
}

/** The newest review of a subject, if any. */
export async function reviewOf(session: VaultSession, subjectId: string): Promise<Review | undefined> {
  const all = await session.reviews.where((r) => r.subjectId === subjectId);
  return all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
}

/** Submits (or submits again) the subject as it is now; one signed commit. */
export async function submit(session: VaultSession, s: ReviewSubject, comment = ''): Promise<Review> {
  const now = new Date().toISOString();
  const digest = await currentDigest(session, { ...s, exportPlan: 'exportPlan' in s ? s.exportPlan : null });
  const me = session.member.id;
  const existing = await reviewOf(session, s.subjectId);
  const step = { at: now, by: me, action: 'submitted' as const, comment, digest };
  const next: Review =
    existing && existing.submittedBy === me && existing.state !== 'submitted'
      ? { ...existing, state: 'submitted', digest, history: [...existing.history, step], updatedAt: now }
      : {
          id: randomId(),
          createdAt: now,
          updatedAt: now,
          author: session.actor,
          subject: s.subject,
          subjectId: s.subjectId,
          caseId: s.caseId,
          exportPlan: 'exportPlan' in s ? s.exportPlan : null,
          submittedBy: me,
          state: 'submitted',
          digest,
          history: [step],
        };
  await session.reviews.put(next);
  return next;
}

/** A reviewer's decision, or the author withdrawing: one signed commit adding one step. */
export async function decide(
  session: VaultSession,
  review: Review,
  action: 'approved' | 'returned' | 'withdrawn',
  comment = '',
): Promise<Review> {
  const now = new Date().toISOString();
  const next: Review = {
    ...review,
    state: action,
    history: [...review.history, { at: now, by: session.member.id, action, comment, digest: review.digest }],
    updatedAt: now,
  };
  await session.reviews.put(next);
  return next;
}
