import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { coDetainees, type Stay } from '@shared/domain/facility-stays';
import { compareOptionalPartialDates } from '@shared/domain/partial-date';
import { displayName } from '@shared/names/display-name';
import { placeLabel } from '../../components/place-label';
import { useFormatDate } from '../../components/use-format-date';
import { useSettings } from '../../settings/settings-store';
import type { CaseSummary } from '../../db/case-repository';
import { useFacilityStays } from '../../session/use-facility-stays';
import { FacilityEditor } from './FacilityEditor';
import { RunByTable } from './RunByTable';

/**
 * One place of detention: its names in both scripts and who ran it, everyone whose timeline includes a stay
 * there (when, how it ended, what was seen), and, for one of them, who else was held there at the same time.
 */
export function FacilityPage(): ReactNode {
  const { t } = useTranslation();
  const { placeId = '' } = useParams();
  const { language } = useSettings();
  const navigate = useNavigate();
  const fmt = useFormatDate();
  const { places, stays, undated, cases } = useFacilityStays();
  const [asking, setAsking] = useState<Stay | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const place = places?.find((p) => p.id === placeId);
  const here = useMemo(
    () =>
      (stays.get(placeId) ?? [])
        .filter((s) => cases.has(s.caseId))
        .sort((a, b) => compareOptionalPartialDates(a.from, b.from)),
    [stays, placeId, cases],
  );
  if (!places) return null;
  if (!place) return <Text>{t('facilities.notFound')}</Text>;
  const parent = places.find((p) => p.id === place.parentId);
  const name = placeLabel(place, language, place.id);
  const person = (c: CaseSummary | undefined): string =>
    c ? displayName(c.nameAr, c.nameLatin, language) || c.reference : '—';
  const span = (s: Stay): string =>
    s.to && s.to !== s.from ? t('timeline.fromTo', { from: fmt(s.from), to: fmt(s.to) }) : fmt(s.from);
  const undatedHere = [...(undated.get(placeId) ?? [])].filter((id) => cases.has(id));
  const withThem = asking ? coDetainees(asking, here) : [];

  return (
    <Stack gap="md">
      <Anchor component="button" type="button" size="sm" onClick={() => void navigate('/places')} w="fit-content">
        {t('facilities.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1} size="h2">
          <bdi>{name}</bdi>
        </Title>
        <Button variant="light" onClick={() => setEditing(true)}>
          {t('facilities.editPlace')}
        </Button>
      </Group>
      {saved && (
        <Alert color="teal" role="status" withCloseButton onClose={() => setSaved(false)}>
          {t('facilities.edit.saved')}
        </Alert>
      )}
      <Modal opened={editing} onClose={() => setEditing(false)} title={t('facilities.editPlace')} size="lg">
        {editing && (
          <FacilityEditor
            place={place}
            places={places}
            onDone={() => {
              setEditing(false);
              setSaved(true);
            }}
          />
        )}
      </Modal>
      <Paper withBorder p="md" component="section" aria-label={t('facilities.details')}>
        <Table variant="vertical" withRowBorders={false} maw={640}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th>{t('facilities.nameEn')}</Table.Th>
              <Table.Td dir="ltr">{place.nameEn}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('facilities.nameAr')}</Table.Th>
              <Table.Td dir="rtl">{place.nameAr}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('facilities.aliases')}</Table.Th>
              <Table.Td dir="auto">{place.aliases?.length ? place.aliases.join(' · ') : '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('facilities.kind')}</Table.Th>
              <Table.Td>{t(`facilities.kinds.${place.kind}`)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('facilities.col.governorate')}</Table.Th>
              <Table.Td>{parent ? placeLabel(parent, language, '') : '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('facilities.col.operator')}</Table.Th>
              <Table.Td dir="auto">{(language === 'ar' ? place.operatorAr : place.operatorEn) || '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('facilities.coordinates')}</Table.Th>
              <Table.Td>
                {place.coordinates ? (
                  <>
                    <bdi dir="ltr">
                      {place.coordinates.lat.toFixed(5)}, {place.coordinates.lon.toFixed(5)}
                    </bdi>
                    {place.coordinates.how && (
                      <Text size="xs" c="dimmed" dir="auto">
                        {place.coordinates.how}
                      </Text>
                    )}
                  </>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {place.notes && (
          <Text size="sm" mt="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
            {place.notes}
          </Text>
        )}
      </Paper>

      <RunByTable place={place} />

      <Stack gap="xs" component="section" aria-labelledby="held-h">
        <Title order={2} size="h4" id="held-h">
          {t('facilities.held', { count: new Set(here.map((s) => s.caseId)).size })}
        </Title>
        {here.length === 0 ? (
          <Text c="dimmed">{t('facilities.heldNone')}</Text>
        ) : (
          <Table striped withTableBorder aria-labelledby="held-h">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('facilities.col.person')}</Table.Th>
                <Table.Th>{t('facilities.col.when')}</Table.Th>
                <Table.Th>{t('facilities.col.ended')}</Table.Th>
                <Table.Th>{t('facilities.col.seen')}</Table.Th>
                <Table.Th>{t('facilities.col.others')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {here.map((s, i) => {
                const c = cases.get(s.caseId);
                return (
                  <Table.Tr key={`${s.caseId}-${i}`}>
                    <Table.Td>
                      <Anchor component="button" type="button" onClick={() => void navigate(`/cases/${s.caseId}`)}>
                        <bdi>{person(c)}</bdi>
                      </Anchor>
                      <Text size="xs" c="dimmed" dir="ltr">
                        {c?.reference}
                      </Text>
                    </Table.Td>
                    <Table.Td>{span(s)}</Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={s.end === 'death' ? 'dark' : s.end === 'release' ? 'teal' : 'orange'}
                      >
                        {t(`timeline.end.${s.end}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{t('facilities.seen', { sightings: s.sightings, sources: s.sources })}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={t('facilities.whoElseFor', { name: person(c) })}
                        onClick={() => setAsking(s)}
                      >
                        {t('facilities.whoElse')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {undatedHere.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('facilities.undated', {
              count: undatedHere.length,
              refs: undatedHere.map((id) => cases.get(id)?.reference).join(', '),
            })}
          </Text>
        )}
      </Stack>

      {asking && (
        <Paper withBorder p="md" component="section" aria-labelledby="with-h">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="with-h">
              {t('facilities.withTitle', { name: person(cases.get(asking.caseId)), when: span(asking) })}
            </Title>
            <Button size="xs" variant="default" onClick={() => setAsking(null)}>
              {t('actions.close')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed" mb="xs">
            {t('facilities.withIntro')}
          </Text>
          {withThem.length === 0 ? (
            <Text>{t('facilities.withNone')}</Text>
          ) : (
            <Table striped withTableBorder aria-labelledby="with-h">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('facilities.col.person')}</Table.Th>
                  <Table.Th>{t('facilities.col.when')}</Table.Th>
                  <Table.Th>{t('facilities.col.ended')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {withThem.map((s) => (
                  <Table.Tr key={s.caseId}>
                    <Table.Td>
                      <bdi>{person(cases.get(s.caseId))}</bdi>
                    </Table.Td>
                    <Table.Td>{span(s)}</Table.Td>
                    <Table.Td>{t(`timeline.end.${s.end}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}
    </Stack>
  );
}
