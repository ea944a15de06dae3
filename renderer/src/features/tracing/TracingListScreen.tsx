import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useSettings } from '../../settings/settings-store';
import { displayName } from '@shared/names/display-name';
import { currentDecisions } from './tracing-draft';

/** Families' tracing requests: open ones first, each with how many persons have been decided on. */
export function TracingListScreen(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { language } = useSettings();
  const { records } = useRecords(session.tracing, () => true, []);
  // The review queue: for each open request, how many candidates still wait for a decision.
  const [waiting, setWaiting] = useState<Map<string, number>>(new Map());
  useEffect(() => {
    let live = true;
    const open = (records ?? []).filter((r) => r.status === 'open');
    void Promise.all(
      open.map(async (r) => {
        const decided = currentDecisions(r);
        const candidates = await session.search.matchTracing(r);
        return [r.id, candidates.filter((c) => !decided.has(c.id)).length] as const;
      }),
    ).then((counts) => {
      if (live) setWaiting(new Map(counts));
    });
    return () => {
      live = false;
    };
  }, [records, session]);
  const sorted = [...(records ?? [])].sort((a, b) =>
    a.status === b.status ? b.receivedAt.localeCompare(a.receivedAt) : a.status === 'open' ? -1 : 1,
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('tracing.title')}
        </Title>
        <Button onClick={() => void navigate('/tracing/new')}>{t('tracing.new')}</Button>
      </Group>
      <Text c="dimmed" size="sm">
        {t('tracing.intro')}
      </Text>
      {records && records.length === 0 && <Text>{t('tracing.empty')}</Text>}
      {sorted.length > 0 && (
        <Table striped highlightOnHover aria-label={t('tracing.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tracing.sought')}</Table.Th>
              <Table.Th>{t('tracing.requester')}</Table.Th>
              <Table.Th>{t('tracing.received')}</Table.Th>
              <Table.Th>{t('tracing.status')}</Table.Th>
              <Table.Th>{t('tracing.waiting')}</Table.Th>
              <Table.Th>{t('tracing.decisions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((r) => {
              const decided = [...currentDecisions(r).values()];
              return (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/tracing/${r.id}`} dir="auto">
                      {displayName(r.nameAr, r.nameLatin, language)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td dir="auto">
                    {r.requester.name}
                    {r.requester.relationship && ` (${r.requester.relationship})`}
                  </Table.Td>
                  <Table.Td>{r.receivedAt}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={r.status === 'open' ? 'blue' : 'gray'}>
                      {t(`tracing.statuses.${r.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{r.status === 'open' ? (waiting.get(r.id) ?? '…') : t('common.none')}</Table.Td>
                  <Table.Td>
                    {t('tracing.decisionCounts', {
                      match: decided.filter((d) => d.decision === 'match').length,
                      unsure: decided.filter((d) => d.decision === 'unsure').length,
                      no: decided.filter((d) => d.decision === 'not-match').length,
                    })}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
