import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { followUpsDue } from '@shared/domain/follow-ups';
import type { CaseSummary } from '../../db/case-repository';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useSettings } from '../../settings/settings-store';
import { displayName } from '@shared/names/display-name';
import { formatTimestamp } from '../../components/format';

export function FollowUpsScreen(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const settings = useSettings();
  const navigate = useNavigate();
  const { records: contacts } = useRecords(session.contacts, () => true, []);
  const [cases, setCases] = useState<Map<string, CaseSummary>>(new Map());
  useEffect(() => {
    void session.cases.summaries().then((s) => setCases(new Map(s.map((c) => [c.id, c]))));
  }, [session]);
  const due = useMemo(() => followUpsDue(contacts ?? [], new Date().toISOString().slice(0, 10)), [contacts]);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('followUps.title')}
      </Title>
      <Text maw={760}>{t('followUps.intro')}</Text>
      {contacts && due.length === 0 && <Text c="dimmed">{t('followUps.empty')}</Text>}
      {due.length > 0 && (
        <Table withTableBorder striped aria-label={t('followUps.title')}>
          <Table.Thead>
            <Table.Tr>
              {(['due', 'case', 'contact', 'last'] as const).map((c) => (
                <Table.Th key={c}>{t(`followUps.col.${c}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {due.map((d) => {
              const c = cases.get(d.caseId);
              const contact = contacts?.find((x) => x.id === d.contactId);
              const label = c ? `${c.reference} · ${displayName(c.nameAr, c.nameLatin, settings.language)}` : d.caseId;
              return (
                <Table.Tr key={d.contactId}>
                  <Table.Td>
                    <Text size="sm" dir="ltr" component="span">
                      {d.due}
                    </Text>{' '}
                    {d.overdue && (
                      <Badge color="red" variant="light">
                        {t('followUps.overdue')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      aria-label={t('followUps.open', { label })}
                      onClick={() => void navigate(`/cases/${d.caseId}/contacts`)}
                    >
                      {label}
                    </Anchor>
                  </Table.Td>
                  <Table.Td dir="auto">{contact ? `${contact.name} (${contact.relationship})` : ''}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatTimestamp(d.lastContactAt, settings).split(',')[0]}</Text>
                    <Text size="sm" c="dimmed" lineClamp={2} dir="auto">
                      {d.lastNotes}
                    </Text>
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
