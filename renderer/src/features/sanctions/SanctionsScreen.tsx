import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { compareOptionalPartialDates } from '@shared/domain/partial-date';
import { useFormatDate } from '../../components/use-format-date';
import { ImportListPanel } from './ImportListPanel';
import { DesignationsTable } from './DesignationsTable';
import { ConsolidatedPanel } from './ConsolidatedPanel';
import { useSanctions } from './use-sanctions';

/** The sanctions lists on file: importing an authority's newer list, the lists imported, and every designation. */
export function SanctionsScreen(): ReactNode {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  const { lists, designations, matches } = useSanctions();
  const newestFirst = useMemo(
    () => (designations ? [...designations].sort((a, b) => compareOptionalPartialDates(b.listedOn, a.listedOn)) : null),
    [designations],
  );
  const sorted = [...(lists ?? [])].sort(
    (a, b) => a.authority.localeCompare(b.authority) || b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <Stack pb="xl">
      <Title order={1} size="h2">
        {t('sanctions.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('sanctions.intro')}
      </Text>
      {lists && designations && <ImportListPanel stored={designations} lists={lists} />}
      <Paper withBorder p="md" component="section" aria-labelledby="lists-h">
        <Title order={2} size="h4" id="lists-h" mb="xs">
          {t('sanctions.listsTitle')}
        </Title>
        {sorted.length === 0 ? (
          <Text>{t('sanctions.noLists')}</Text>
        ) : (
          <Table striped withTableBorder aria-labelledby="lists-h">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sanctions.col.authority')}</Table.Th>
                <Table.Th>{t('sanctions.col.published')}</Table.Th>
                <Table.Th>{t('sanctions.col.imported')}</Table.Th>
                <Table.Th>{t('sanctions.col.file')}</Table.Th>
                <Table.Th>{t('sanctions.col.counts')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{t(`sanctions.authority.${l.authority}`)}</Table.Td>
                  <Table.Td>{l.publishedOn ? fmt(l.publishedOn) : t('sanctions.noDate')}</Table.Td>
                  <Table.Td>
                    {fmt({
                      precision: 'day',
                      year: Number(l.createdAt.slice(0, 4)),
                      month: Number(l.createdAt.slice(5, 7)),
                      day: Number(l.createdAt.slice(8, 10)),
                    })}
                    <Text size="xs" c="dimmed">
                      {l.author}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <bdi>{l.fileName}</bdi>
                    <Text size="xs" c="dimmed" dir="ltr" ff="monospace">
                      SHA-256 {l.sha256.slice(0, 16)}…
                    </Text>
                  </Table.Td>
                  <Table.Td>{t('sanctions.countsLine', l.counts)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {lists && designations && matches && lists.length > 0 && (
        <ConsolidatedPanel designations={designations} matches={matches} lists={lists} />
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="designations-h">
        <Title order={2} size="h4" id="designations-h" mb="xs">
          {t('sanctions.designationsTitle')}
        </Title>
        {newestFirst && <DesignationsTable designations={newestFirst} />}
      </Paper>
    </Stack>
  );
}
