import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Anchor, Button, Modal, Stack, Table, Text } from '@mantine/core';
import type { UnitThen } from '@shared/domain/command';
import type { PartialDate } from '@shared/domain/partial-date';
import type { Person } from '@shared/domain/records';
import { displayName } from '@shared/names/display-name';
import { placeLabel } from '../../components/place-label';
import { useFormatDate } from '../../components/use-format-date';
import { useSettings } from '../../settings/settings-store';
import { useSourceOptions } from '../../session/use-source-options';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useCommandIndex } from './use-command-index';

export interface CommandQuery {
  date: PartialDate;
  placeId: string | null;
  unitIds: readonly string[];
  eventId: string | null;
}

/** The answer to "who was in command?" for a place and a date: each unit then, how it comes in, and its commanders. */
export function CommandAtTable({ query, caption }: { query: CommandQuery; caption: string }): ReactNode {
  const { t } = useTranslation();
  const { language } = useSettings();
  const fmt = useFormatDate();
  const { index, units, holders } = useCommandIndex();
  const sources = useSourceOptions();
  if (!index) return null;
  const rows = index.at(query);
  const unitName = (id: string): string => {
    const u = units?.find((x) => x.id === id);
    return u ? displayName(u.nameAr, u.nameEn, language) : t('facilities.runBy.unknownUnit');
  };
  const personName = (p: Person | undefined): string =>
    p ? displayName(p.nameAr, p.nameLatin, language) : t('proofOfLife.source.unknown');
  const sourceNames = (ids: readonly string[]): string =>
    ids.length
      ? ids.map((id) => sources.find((s) => s.value === id)?.label ?? t('proofOfLife.source.unknown')).join(' · ')
      : t('facilities.runBy.noSource');
  const how = (r: UnitThen): string => {
    switch (r.via.kind) {
      case 'ran-place':
        return t('command.via.ranPlace');
      case 'named':
        return t('command.via.named');
      case 'above':
        return t('command.via.above', { unit: unitName(r.via.of) });
    }
  };
  if (rows.length === 0) return <Text>{t('command.noUnits')}</Text>;
  return (
    <Table withTableBorder striped captionSide="top">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('command.col.unit')}</Table.Th>
          <Table.Th>{t('command.col.how')}</Table.Th>
          <Table.Th>{t('command.col.commander')}</Table.Th>
          <Table.Th>{t('command.col.period')}</Table.Th>
          <Table.Th>{t('command.col.sureness')}</Table.Th>
          <Table.Th>{t('command.col.sources')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.flatMap((r) => {
          const unitCells = (
            <>
              <Table.Td>
                <bdi>{unitName(r.unitId)}</bdi>
              </Table.Td>
              <Table.Td>
                {how(r)}
                {r.via.kind !== 'named' && (
                  <Text size="xs" c="dimmed">
                    {sourceNames(r.via.sources)}
                  </Text>
                )}
              </Table.Td>
            </>
          );
          if (r.commanders.length === 0)
            return [
              <Table.Tr key={r.unitId}>
                {unitCells}
                <Table.Td colSpan={4}>{t('command.noCommander')}</Table.Td>
              </Table.Tr>,
            ];
          return r.commanders.map((c, i) => {
            const person = holders?.find((p) => p.id === c.personId);
            return (
              <Table.Tr key={`${r.unitId}-${i}`}>
                {unitCells}
                <Table.Td>
                  <Anchor component={Link} to={`/perpetrators/${c.personId}`}>
                    <bdi>{personName(person)}</bdi>
                  </Anchor>
                  {(c.rank || c.role) && (
                    <Text size="xs" dir="auto">
                      {[c.rank, c.role].filter(Boolean).join(' · ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t('command.period', { from: fmt(c.from), to: c.to ? fmt(c.to) : '…' })}</Table.Td>
                <Table.Td>
                  {t(`command.overlap.${c.overlap}`)}
                  {c.certainty && (
                    <Text size="xs">{t('command.recordedAs', { certainty: t(`units.certainty.${c.certainty}`) })}</Text>
                  )}
                </Table.Td>
                <Table.Td>{sourceNames(c.sources)}</Table.Td>
              </Table.Tr>
            );
          });
        })}
      </Table.Tbody>
    </Table>
  );
}

/** A button that asks who was in command over an event's place and date, and shows the answer in a dialog. */
export function WhoWasInCommandButton({ query, name }: { query: CommandQuery | null; name: string }): ReactNode {
  const { t } = useTranslation();
  const { language } = useSettings();
  const fmt = useFormatDate();
  const session = useSession();
  // Only the one place, for the caption: the index itself is built once the dialog opens.
  const placeId = query?.placeId ?? null;
  const { records: places } = useRecords(session.places, (p) => p.id === placeId, [placeId]);
  const [open, setOpen] = useState(false);
  if (!query) return null;
  const place = places?.[0];
  const caption = t('command.caption', {
    place: placeLabel(place, language, t('timeline.unknownPlace')),
    date: fmt(query.date),
  });
  return (
    <>
      <Button size="xs" variant="subtle" aria-label={t('command.askNamed', { name })} onClick={() => setOpen(true)}>
        {t('command.ask')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('command.title', { name })} size="xl">
        <Stack>
          <Text size="sm">{t('command.explain')}</Text>
          <CommandAtTable query={query} caption={caption} />
        </Stack>
      </Modal>
    </>
  );
}
