import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Grid, Paper, Stack, Table, Text, Title, useComputedColorScheme } from '@mantine/core';
import { parsePartialDate } from '@shared/domain/partial-date';
import type { Person } from '@shared/domain/records';
import { displayName } from '@shared/names/display-name';
import { useEchart } from '../../components/use-echart';
import { PartialDateField } from '../../components/PartialDateField';
import { useFormatDate } from '../../components/use-format-date';
import { useSettings } from '../../settings/settings-store';
import { commandGraph, commandGraphOption } from './command-graph-option';
import { useCommandIndex } from './use-command-index';

const HEIGHT = 420;

/** The units and their commanders as they stood on a chosen date: a graph, and beside it the same as a table. */
export function CommandGraph(): ReactNode {
  const { t } = useTranslation();
  const { language } = useSettings();
  const fmt = useFormatDate();
  const scheme = useComputedColorScheme('light');
  const { index, units, holders } = useCommandIndex();
  const [text, setText] = useState('');
  const host = useRef<HTMLDivElement>(null);
  const parsed = text.trim() ? parsePartialDate(text) : null;
  const date = parsed?.ok ? parsed.value : null;
  const structure = index && date ? index.structureAt(date) : [];
  const unitName = (id: string): string => {
    const u = units?.find((x) => x.id === id);
    return u ? displayName(u.nameAr, u.nameEn, language) : id;
  };
  const personName = (id: string): string => {
    const p: Person | undefined = holders?.find((x) => x.id === id);
    return p ? displayName(p.nameAr, p.nameLatin, language) : t('proofOfLife.source.unknown');
  };
  const graph = commandGraph(
    structure,
    { unit: unitName, person: personName, compare: (a, b) => a.localeCompare(b, language) },
    language === 'ar',
  );
  const shown = date !== null && structure.length > 0;

  // SVG: every node is an element of the page, and its text is shaped by the browser.
  useEchart(host, commandGraphOption(graph, { dark: scheme === 'dark' }), {
    renderer: 'svg',
    height: HEIGHT,
    enabled: shown,
  });

  const sorted = [...structure].sort((a, b) => unitName(a.unitId).localeCompare(unitName(b.unitId), language));
  const title = date ? t('command.graph.titleOn', { date: fmt(date) }) : t('command.graph.title');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="chain-h">
      <Title order={2} size="h4" id="chain-h" mb="xs">
        {title}
      </Title>
      <Stack gap="sm">
        <PartialDateField label={t('command.graph.date')} value={text} onChange={setText} />
        {!date && <Text c="dimmed">{t('command.graph.pick')}</Text>}
        {date && structure.length === 0 && <Text>{t('units.unitsEmpty')}</Text>}
        {shown && (
          <Grid>
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <div
                ref={host}
                role="img"
                aria-label={t('command.graph.label', { date: fmt(date) })}
                // SVG anchors text by the page's direction; the layout itself is mirrored for Arabic.
                style={{ width: '100%', height: HEIGHT, direction: 'ltr' }}
              />
              <Text size="xs" c="dimmed">
                {t('command.graph.legend')}
              </Text>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Table striped withTableBorder aria-labelledby="chain-h">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('command.col.unit')}</Table.Th>
                    <Table.Th>{t('command.graph.partOf')}</Table.Th>
                    <Table.Th>{t('command.col.commander')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sorted.map((u) => (
                    <Table.Tr key={u.unitId}>
                      <Table.Td>
                        <bdi>{unitName(u.unitId)}</bdi>
                      </Table.Td>
                      <Table.Td>
                        {u.parents.length
                          ? u.parents
                              .map(
                                (p) =>
                                  `${unitName(p.unitId)}${p.overlap === 'possible' ? ` (${t('command.overlap.possible')})` : ''}`,
                              )
                              .join(' · ')
                          : '—'}
                      </Table.Td>
                      <Table.Td>
                        {u.commanders.length
                          ? u.commanders
                              .map(
                                (c) =>
                                  `${personName(c.personId)}${c.overlap === 'possible' ? ` (${t('command.overlap.possible')})` : ''}`,
                              )
                              .join(' · ')
                          : t('command.graph.noCommander')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Grid.Col>
          </Grid>
        )}
      </Stack>
    </Paper>
  );
}
