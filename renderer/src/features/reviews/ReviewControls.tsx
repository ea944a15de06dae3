import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, Group, List, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import type { Review } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { errorMessage } from '../../session/error-message';
import { useMemberNames } from '../../session/use-member-names';
import { useSettings } from '../../settings/settings-store';
import { formatTimestamp } from '../../components/format';
import { decide, submit, type ReviewSubject } from './review-steps';

const STATE_COLOR: Record<Review['state'], string> = {
  submitted: 'blue',
  returned: 'orange',
  approved: 'green',
  withdrawn: 'gray',
};

export function ReviewStateBadge({ state }: { state: Review['state'] }): ReactNode {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant="light">
      {t(`reviews.state.${state}`)}
    </Badge>
  );
}

/** A reviewer's two decisions; returning asks for a comment. */
export function DecisionButtons({ review, onDone }: { review: Review; onDone: (r: Review) => void }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = async (action: 'approved' | 'returned'): Promise<void> => {
    setError(null);
    try {
      onDone(await decide(session, review, action, action === 'returned' ? comment : ''));
      setReturning(false);
      setComment('');
    } catch (e) {
      setError(errorMessage(t, e));
    }
  };
  return (
    <>
      <Group gap="xs">
        <Button size="xs" color="green" onClick={() => void run('approved')}>
          {t('reviews.approve')}
        </Button>
        <Button size="xs" variant="light" color="orange" onClick={() => setReturning(true)}>
          {t('reviews.return')}
        </Button>
      </Group>
      {error && !returning && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <Modal opened={returning} onClose={() => setReturning(false)} title={t('reviews.returnTitle')}>
        <Stack>
          <Textarea
            label={t('reviews.comment')}
            description={t('reviews.commentHelp')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={3}
            autoComplete="off"
            dir="auto"
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="end">
            <Button variant="default" onClick={() => setReturning(false)}>
              {t('actions.cancel')}
            </Button>
            <Button color="orange" onClick={() => void run('returned')}>
              {t('reviews.returnConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Every step of a review: who, when, what, and what they said. */
export function ReviewHistory({ review }: { review: Review }): ReactNode {
  const { t } = useTranslation();
  const names = useMemberNames();
  const settings = useSettings();
  return (
    <List size="sm" spacing={4} aria-label={t('reviews.history')}>
      {review.history.map((h, i) => (
        <List.Item key={i}>
          <Text span size="sm">
            {t(`reviews.step.${h.action}`, { name: names(h.by), at: formatTimestamp(h.at, settings) })}
          </Text>
          {h.comment && (
            <Text size="sm" fs="italic" dir="auto">
              “{h.comment}”
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}

/**
 * The review of one case or testimony where it is shown: its state and history, and the step this member may
 * take (submit, submit again, withdraw; or, for a reviewer who is not its author, approve or return).
 */
export function ReviewSection({
  subject,
  review,
  canSubmit,
  onChange,
  notice,
}: {
  subject: ReviewSubject;
  review: Review | undefined;
  canSubmit: boolean;
  onChange: (r: Review) => void;
  /** Said under the history (that the subject changed since it was submitted). */
  notice?: ReactNode;
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const [error, setError] = useState<string | null>(null);
  const me = session.member.id;
  const mine = !review || review.submittedBy === me;
  const canReview = session.member.roles.includes('reviewer') && review?.state === 'submitted' && !mine;
  const act = async (f: () => Promise<Review>): Promise<void> => {
    setError(null);
    try {
      onChange(await f());
    } catch (e) {
      setError(errorMessage(t, e));
    }
  };
  return (
    <Stack gap="xs" component="section" aria-label={t('reviews.section')}>
      <Group gap="xs">
        <Title order={2} size="h5">
          {t('reviews.section')}
        </Title>
        {review ? <ReviewStateBadge state={review.state} /> : <Text size="sm">{t('reviews.none')}</Text>}
      </Group>
      {review && <ReviewHistory review={review} />}
      {notice}
      <Group gap="xs">
        {canSubmit && mine && review?.state !== 'submitted' && (
          <Button size="xs" variant="light" onClick={() => void act(() => submit(session, subject))}>
            {review ? t('reviews.resubmit') : t('reviews.submit')}
          </Button>
        )}
        {mine && review?.state === 'submitted' && (
          <Button size="xs" variant="subtle" onClick={() => void act(() => decide(session, review, 'withdrawn'))}>
            {t('reviews.withdraw')}
          </Button>
        )}
        {canReview && <DecisionButtons review={review} onDone={onChange} />}
      </Group>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
