import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Paper, Text } from '@mantine/core';
import type { Review } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { ReviewSection } from './ReviewControls';
import { currentDigest } from './review-steps';

/** A case's review on its page: submit it, see what the reviewer said, and whether it changed since. */
export function CaseReview({ caseId }: { caseId: string }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { records } = useRecords(session.reviews, (r) => r.subject === 'cases' && r.subjectId === caseId, [caseId]);
  const review: Review | undefined = (records ?? []).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  const [changed, setChanged] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => session.cases.onChange(() => setTick((n) => n + 1)), [session]);
  useEffect(() => {
    if (!review) return;
    void currentDigest(session, review).then((d) => setChanged(d !== review.digest));
  }, [review, session, tick]);
  return (
    <Paper withBorder p="md">
      <ReviewSection
        subject={{ subject: 'cases', subjectId: caseId, caseId }}
        review={review}
        canSubmit={session.member.roles.includes('caseworker')}
        onChange={() => undefined}
        notice={
          review &&
          changed &&
          review.state !== 'withdrawn' && (
            <Text size="sm" c="orange">
              {t('reviews.changedSince')}
            </Text>
          )
        }
      />
    </Paper>
  );
}
