import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { compareOptionalPartialDates } from '@shared/domain/partial-date';
import { placeMatches } from '@shared/names/place-match';
import { placeLabel } from '../../components/place-label';
import { useFormatDate } from '../../components/use-format-date';
import { useSettings } from '../../settings/settings-store';
import { IncidentEditor } from './IncidentEditor';
import { readableCasesOf, useIncidents } from './use-incidents';

/** Events of many cases (a mass arrest, a massacre, a convoy), each written once and tied to every case. */
export function IncidentsScreen(): ReactNode {
  const { t } = useTranslation();
  const { language } = useSettings();
  const fmt = useFormatDate();
  const navigate = useNavigate();
  const { incidents, ties, cases, places } = useIncidents();
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const placeOf = (id: string | null): string =>
    placeLabel(
      places?.find((p) => p.id === id),
      language,
      '—',
    );
  const rows = useMemo(
    () =>
      (incidents ?? [])
        .filter((e) => {
          const p = places?.find((x) => x.id === e.placeId);
          return placeMatches(query, [e.title ?? '', p?.nameEn ?? '', p?.nameAr ?? '', ...(p?.aliases ?? [])]);
        })
        .sort((a, b) => compareOptionalPartialDates(a.date, b.date)),
    [incidents, places, query],
  );

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('incidents.title')}
        </Title>
        <Button onClick={() => setAdding(true)}>{t('incidents.new')}</Button>
      </Group>
      <Text maw={760}>{t('incidents.intro')}</Text>
      <TextInput
        label={t('incidents.search')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        dir="auto"
        maw={420}
      />
      {incidents && rows.length === 0 && <Text c="dimmed">{t('incidents.none')}</Text>}
      {rows.length > 0 && (
        <Table striped withTableBorder aria-label={t('incidents.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('incidents.name')}</Table.Th>
              <Table.Th>{t('events.kind')}</Table.Th>
              <Table.Th>{t('events.date')}</Table.Th>
              <Table.Th>{t('events.place')}</Table.Th>
              <Table.Th>{t('incidents.col.cases')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => void navigate(`/incidents/${e.id}`)}>
                    <bdi>{e.title || t(`eventKind.${e.kind}`)}</bdi>
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`eventKind.${e.kind}`)}</Table.Td>
                <Table.Td>{fmt(e.date)}</Table.Td>
                <Table.Td>
                  <bdi>{placeOf(e.placeId)}</bdi>
                </Table.Td>
                <Table.Td>{readableCasesOf(e.id, ties, cases).length}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {adding && (
        <IncidentEditor
          incident={null}
          onClose={() => setAdding(false)}
          onSaved={(id) => {
            setAdding(false);
            void navigate(`/incidents/${id}`);
          }}
        />
      )}
    </Stack>
  );
}
