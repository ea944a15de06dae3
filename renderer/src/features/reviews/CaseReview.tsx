import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Paper, Stack, Text } from '@mantine/core';
import type { Review } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { ReviewSection } from './ReviewControls';
import { currentDigest, type ReviewSubject } from './review-steps';
import { exportApproval, exportSubject } from './export-review';

/** The review of a case or a testimony where it is shown: submit it, see what was said, and whether it changed. */
function SubjectReview({ subject, canSubmit }: { subject: ReviewSubject; canSubmit: boolean }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { records } = useRecords(
    session.reviews,
    (r) => r.subject === subject.subject && r.subjectId === subject.subjectId,
    [subject.subject, subject.subjectId],
  );
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
        subject={subject}
        review={review}
        canSubmit={canSubmit}
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

export function CaseReview({ caseId }: { caseId: string }): ReactNode {
  const session = useSession();
  return (
    <SubjectReview
      subject={{ subject: 'cases', subjectId: caseId, caseId }}
      canSubmit={session.member.roles.includes('caseworker')}
    />
  );
}

export function TestimonyReview({ testimonyId, caseId }: { testimonyId: string; caseId: string }): ReactNode {
  const session = useSession();
  return (
    <SubjectReview
      subject={{ subject: 'testimonies', subjectId: testimonyId, caseId }}
      canSubmit={session.member.roles.includes('investigator')}
    />
  );
}

/**
 * Where the organisation requires it, an export's own review on the export screen: it is put to a reviewer
 * for exactly these cases and this recipient, and the package can be made only once it is approved.
 */
export function ExportReview({
  recipientId,
  caseIds,
  onApproved,
}: {
  recipientId: string;
  caseIds: readonly string[];
  onApproved: (approved: boolean) => void;
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const subject = exportSubject(recipientId, caseIds);
  const { records } = useRecords(session.reviews, (r) => r.subjectId === subject.subjectId, [subject.subjectId]);
  const review = (records ?? []).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  useEffect(() => {
    void exportApproval(session, recipientId, caseIds).then((a) => onApproved(a.approved));
  }, [review, session, recipientId, caseIds, onApproved]);
  return (
    <Stack gap="xs">
      <Text size="sm">{t('export.reviewPolicy')}</Text>
      <SubjectReview subject={subject} canSubmit={session.member.roles.includes('investigator')} />
    </Stack>
  );
}
