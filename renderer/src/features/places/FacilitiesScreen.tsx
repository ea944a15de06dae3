import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Anchor, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { placeMatches } from '@shared/names/place-match';
import { placeLabel } from '../../components/place-label';
import { useSettings } from '../../settings/settings-store';
import { useFacilityStays } from '../../session/use-facility-stays';
import { FacilityMap } from './FacilityMap';

/**
 * The register of places of detention: every facility, and every other place someone was held, with how many
 * people's timelines include a stay there. Found by any spelling, in either script.
 */
export function FacilitiesScreen(): ReactNode {
  const { t } = useTranslation();
  const { language } = useSettings();
  const navigate = useNavigate();
  const { places, stays, undated } = useFacilityStays();
  const [query, setQuery] = useState('');
  const rows = useMemo(() => {
    if (!places) return null;
    return places
      .filter((p) => p.kind === 'facility' || stays.has(p.id) || undated.has(p.id))
      .filter((p) => placeMatches(query, [p.nameEn, p.nameAr, ...(p.aliases ?? [])]))
      .map((p) => ({
        place: p,
        held: new Set((stays.get(p.id) ?? []).map((s) => s.caseId)).size,
        undated: undated.get(p.id)?.size ?? 0,
        parent: places.find((x) => x.id === p.parentId),
      }))
      .sort((a, b) => b.held - a.held || a.place.nameEn.localeCompare(b.place.nameEn));
  }, [places, stays, undated, query]);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('facilities.title')}
      </Title>
      <Text maw={760}>{t('facilities.intro')}</Text>
      <TextInput
        label={t('facilities.search')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        autoComplete="off"
        dir="auto"
        maw={420}
      />
      {rows && rows.length > 0 && (
        <section aria-labelledby="facilities-map">
          <Title order={2} size="h4" id="facilities-map" mb="xs">
            {t('facilities.map.title')}
          </Title>
          <FacilityMap rows={rows} />
        </section>
      )}
      {rows && rows.length === 0 && <Text c="dimmed">{t('facilities.none')}</Text>}
      {rows && rows.length > 0 && (
        <Table striped withTableBorder aria-label={t('facilities.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('facilities.col.name')}</Table.Th>
              <Table.Th>{t('facilities.col.governorate')}</Table.Th>
              <Table.Th>{t('facilities.col.operator')}</Table.Th>
              <Table.Th>{t('facilities.col.held')}</Table.Th>
              <Table.Th>{t('facilities.col.undated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ place: p, held, undated: u, parent }) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => void navigate(`/places/${p.id}`)}>
                    <bdi>{placeLabel(p, language, p.id)}</bdi>
                  </Anchor>
                  <Text size="xs" c="dimmed" dir="auto">
                    {language === 'ar' ? p.nameEn : p.nameAr}
                  </Text>
                </Table.Td>
                <Table.Td>{parent ? placeLabel(parent, language, '') : '—'}</Table.Td>
                <Table.Td dir="auto">{(language === 'ar' ? p.operatorAr : p.operatorEn) || '—'}</Table.Td>
                <Table.Td>{held}</Table.Td>
                <Table.Td>{u}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
