import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Stack, Table, Text, Title } from '@mantine/core';
import { compareOptionalPartialDates } from '@shared/domain/partial-date';
import type { Place } from '@shared/domain/records';
import { displayName } from '@shared/names/display-name';
import { useFormatDate } from '../../components/use-format-date';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useSettings } from '../../settings/settings-store';
import { useSourceOptions } from '../../session/use-source-options';

/** The units that ran a place over time, earliest first, each with what says so. */
export function RunByTable({ place }: { place: Place }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { language } = useSettings();
  const fmt = useFormatDate();
  const { records: units } = useRecords(session.units, () => true, []);
  const sources = useSourceOptions();
  const rows = [...(place.runBy ?? [])].sort((a, b) => compareOptionalPartialDates(a.from, b.from));
  const unitName = (id: string): string => {
    const u = units?.find((x) => x.id === id);
    return u ? displayName(u.nameAr, u.nameEn, language) : t('facilities.runBy.unknownUnit');
  };
  const sourceName = (id: string): string =>
    sources.find((s) => s.value === id)?.label ?? t('proofOfLife.source.unknown');
  return (
    <Stack gap="xs" component="section" aria-labelledby="run-by-h">
      <Title order={2} size="h4" id="run-by-h">
        {t('facilities.runBy.title')}
      </Title>
      {rows.length === 0 ? (
        <Text>{t('facilities.runBy.none')}</Text>
      ) : (
        <Table striped withTableBorder aria-labelledby="run-by-h">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('facilities.runBy.unit')}</Table.Th>
              <Table.Th>{t('facilities.runBy.from')}</Table.Th>
              <Table.Th>{t('facilities.runBy.to')}</Table.Th>
              <Table.Th>{t('facilities.runBy.sources')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <bdi>{unitName(r.unitId)}</bdi>
                </Table.Td>
                <Table.Td>{fmt(r.from)}</Table.Td>
                <Table.Td>{fmt(r.to)}</Table.Td>
                <Table.Td>
                  {r.sources.length
                    ? r.sources.map((s) => sourceName(s.recordId)).join(' · ')
                    : t('facilities.runBy.noSource')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
