import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { Review } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useMemberNames } from '../../session/use-member-names';
import { useSettings } from '../../settings/settings-store';
import { formatTimestamp } from '../../components/format';
import { DecisionButtons, ReviewStateBadge } from './ReviewControls';

/** What a review is of, as a person names it: the case's reference, and for a testimony, that it is one. */
function useReferences(): Map<string, string> {
  const session = useSession();
  const [refs, setRefs] = useState(new Map<string, string>());
  useEffect(() => {
    void session.cases.summaries().then((all) => setRefs(new Map(all.map((s) => [s.id, s.reference]))));
  }, [session]);
  return refs;
}

/** *My reviews*: what waits for this member's decision, and what they submitted, with the reviewers' comments. */
export function ReviewsScreen(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const settings = useSettings();
  const names = useMemberNames();
  const refs = useReferences();
  const me = session.member.id;
  const reviewer = session.member.roles.includes('reviewer');
  const { records } = useRecords(session.reviews, () => true, []);
  const { records: recipients } = useRecords(session.recipients, () => true, []);
  const all = (records ?? []).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  const waiting = all.filter((r) => r.state === 'submitted' && r.submittedBy !== me);
  const mine = all.filter((r) => r.submittedBy === me);

  const what = (r: Review): ReactNode => {
    const ref = r.caseId ? (refs.get(r.caseId) ?? '') : '';
    const label = t(`reviews.subject.${r.subject}`, {
      reference: ref,
      recipient: recipients?.find((x) => x.id === r.exportPlan?.recipientId)?.name ?? '',
      count: r.exportPlan?.caseIds.length ?? 0,
    });
    const to =
      r.subject === 'cases'
        ? `/cases/${r.subjectId}`
        : r.subject === 'testimonies' && r.caseId
          ? `/cases/${r.caseId}/testimonies`
          : null;
    return to ? (
      <Anchor component="button" type="button" onClick={() => void navigate(to)}>
        {label}
      </Anchor>
    ) : (
      label
    );
  };
  const lastComment = (r: Review): string => [...r.history].reverse().find((h) => h.comment)?.comment ?? '';

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('reviews.title')}
      </Title>
      {reviewer && (
        <Paper withBorder p="md" component="section" aria-labelledby="waiting-h">
          <Title order={2} size="h4" mb="sm" id="waiting-h">
            {t('reviews.waiting')}
          </Title>
          {waiting.length === 0 ? (
            <Text size="sm">{t('reviews.noneWaiting')}</Text>
          ) : (
            <Table aria-labelledby="waiting-h">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reviews.col.what')}</Table.Th>
                  <Table.Th>{t('reviews.col.by')}</Table.Th>
                  <Table.Th>{t('reviews.col.when')}</Table.Th>
                  <Table.Th>{t('reviews.col.decide')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {waiting.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{what(r)}</Table.Td>
                    <Table.Td>{names(r.submittedBy)}</Table.Td>
                    <Table.Td>{formatTimestamp(r.updatedAt, settings)}</Table.Td>
                    <Table.Td>
                      <DecisionButtons review={r} onDone={() => undefined} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="mine-h">
        <Title order={2} size="h4" mb="sm" id="mine-h">
          {t('reviews.mine')}
        </Title>
        {mine.length === 0 ? (
          <Text size="sm">{t('reviews.noneMine')}</Text>
        ) : (
          <Table aria-labelledby="mine-h">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reviews.col.what')}</Table.Th>
                <Table.Th>{t('reviews.col.state')}</Table.Th>
                <Table.Th>{t('reviews.col.when')}</Table.Th>
                <Table.Th>{t('reviews.col.comment')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mine.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{what(r)}</Table.Td>
                  <Table.Td>
                    <ReviewStateBadge state={r.state} />
                  </Table.Td>
                  <Table.Td>{formatTimestamp(r.updatedAt, settings)}</Table.Td>
                  <Table.Td dir="auto">{lastComment(r)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
