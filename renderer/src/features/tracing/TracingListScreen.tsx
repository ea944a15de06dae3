import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useSession } from '../vault/VaultProvider';
import { useRecords } from '../vault/use-collection';
import { useSettings } from '../settings/settings-store';
import { displayName } from '../cases/case-list-model';
import { currentDecisions } from './tracing-draft';

/** Families' tracing requests: open ones first, each with how many persons have been decided on. */
export function TracingListScreen(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { language } = useSettings();
  const { records } = useRecords(session.tracing, () => true, []);
  const sorted = [...(records ?? [])].sort((a, b) => (a.status === b.status ? b.receivedAt.localeCompare(a.receivedAt) : a.status === 'open' ? -1 : 1));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">{t('tracing.title')}</Title>
        <Button onClick={() => void navigate('/tracing/new')}>{t('tracing.new')}</Button>
      </Group>
      <Text c="dimmed" size="sm">{t('tracing.intro')}</Text>
      {records && records.length === 0 && <Text>{t('tracing.empty')}</Text>}
      {sorted.length > 0 && (
        <Table striped highlightOnHover aria-label={t('tracing.title')}>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('tracing.sought')}</Table.Th><Table.Th>{t('tracing.requester')}</Table.Th><Table.Th>{t('tracing.received')}</Table.Th><Table.Th>{t('tracing.status')}</Table.Th><Table.Th>{t('tracing.decisions')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((r) => {
              const decided = [...currentDecisions(r).values()];
              return (
                <Table.Tr key={r.id}>
                  <Table.Td><Anchor component={Link} to={`/tracing/${r.id}`} dir="auto">{displayName(r.nameAr, r.nameLatin, language)}</Anchor></Table.Td>
                  <Table.Td dir="auto">{r.requester.name}{r.requester.relationship && ` (${r.requester.relationship})`}</Table.Td>
                  <Table.Td>{r.receivedAt}</Table.Td>
                  <Table.Td><Badge variant="light" color={r.status === 'open' ? 'blue' : 'gray'}>{t(`tracing.statuses.${r.status}`)}</Badge></Table.Td>
                  <Table.Td>{t('tracing.decisionCounts', { match: decided.filter((d) => d.decision === 'match').length, unsure: decided.filter((d) => d.decision === 'unsure').length, no: decided.filter((d) => d.decision === 'not-match').length })}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
