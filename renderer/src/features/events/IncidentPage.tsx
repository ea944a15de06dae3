import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  Alert,
  Anchor,
  Button,
  Group,
  MultiSelect,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { tieKey, tieLinks } from '@shared/domain/incidents';
import { displayName } from '@shared/names/display-name';
import { placeLabel } from '../../components/place-label';
import { useFormatDate } from '../../components/use-format-date';
import { useSettings } from '../../settings/settings-store';
import type { CaseSummary } from '../../db/case-repository';
import { randomId } from '../../db/webcrypto-key';
import { useSession } from '../../session/VaultProvider';
import { useCommitPlanned } from '../../session/use-commit-planned';
import { IncidentEditor } from './IncidentEditor';
import { WhoWasInCommandButton } from '../units/WhoWasInCommand';
import { readableCasesOf, useIncidents } from './use-incidents';

/** One incident: what happened, where and when, and every case it concerns, each tied and untied here. */
export function IncidentPage(): ReactNode {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  const { language } = useSettings();
  const fmt = useFormatDate();
  const navigate = useNavigate();
  const session = useSession();
  const { incidents, ties, cases, places } = useIncidents();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const commitPlanned = useCommitPlanned(setError);
  if (!incidents) return null;
  const incident = incidents.find((e) => e.id === incidentId);
  if (!incident) return <Text>{t('incidents.notFound')}</Text>;
  const place = places?.find((p) => p.id === incident.placeId);
  const concerned = readableCasesOf(incident.id, ties, cases).sort((a, b) => a.reference.localeCompare(b.reference));
  const person = (c: CaseSummary): string => displayName(c.nameAr, c.nameLatin, language) || c.reference;
  const others = [...cases.values()]
    .filter((c) => !ties.linkOf.has(tieKey(incident.id, c.id)))
    .map((c) => ({ value: c.id, label: `${c.reference} · ${person(c)}` }));
  const name = incident.title || t(`eventKind.${incident.kind}`);

  const addCases = async (): Promise<void> => {
    const changes = tieLinks(incident.id, adding, { actor: session.actor, now: new Date(), newId: randomId }, ties).map(
      (put) => ({ table: 'links' as const, put, fresh: true as const }),
    );
    if (changes.length > 0 && (await commitPlanned({ ok: true, changes }))) setAdding([]);
  };
  const untie = async (c: CaseSummary): Promise<void> => {
    const link = ties.linkOf.get(tieKey(incident.id, c.id));
    if (link) await commitPlanned({ ok: true, change: { table: 'links', delete: link } });
  };

  return (
    <Stack gap="md">
      <Anchor component="button" type="button" size="sm" onClick={() => void navigate('/incidents')} w="fit-content">
        {t('incidents.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1} size="h2">
          <bdi>{name}</bdi>
        </Title>
        <Group gap="xs">
          <WhoWasInCommandButton
            name={name}
            query={
              incident.date
                ? { date: incident.date, placeId: incident.placeId, unitIds: incident.unitIds, eventId: incident.id }
                : null
            }
          />
          <Button variant="light" onClick={() => setEditing(true)}>
            {t('incidents.edit')}
          </Button>
        </Group>
      </Group>
      {editing && (
        <IncidentEditor incident={incident} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      )}
      <Paper withBorder p="md" component="section" aria-label={t('incidents.details')}>
        <Table variant="vertical" withRowBorders={false} maw={640}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th>{t('events.kind')}</Table.Th>
              <Table.Td>{t(`eventKind.${incident.kind}`)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('events.date')}</Table.Th>
              <Table.Td>{fmt(incident.date)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('events.place')}</Table.Th>
              <Table.Td>
                {place ? (
                  <Anchor component="button" type="button" onClick={() => void navigate(`/places/${place.id}`)}>
                    <bdi>{placeLabel(place, language, place.id)}</bdi>
                  </Anchor>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {incident.description && (
          <Text size="sm" mt="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
            {incident.description}
          </Text>
        )}
      </Paper>

      <Stack gap="xs" component="section" aria-labelledby="concerned-h">
        <Title order={2} size="h4" id="concerned-h">
          {t('incidents.concerned', { count: concerned.length })}
        </Title>
        {concerned.length === 0 ? (
          <Text c="dimmed">{t('incidents.concernedNone')}</Text>
        ) : (
          <Table striped withTableBorder aria-labelledby="concerned-h">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('incidents.col.person')}</Table.Th>
                <Table.Th>{t('incidents.col.reference')}</Table.Th>
                <Table.Th>{t('incidents.col.status')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('incidents.col.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {concerned.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => void navigate(`/cases/${c.id}`)}>
                      <bdi>{person(c)}</bdi>
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <bdi dir="ltr">{c.reference}</bdi>
                  </Table.Td>
                  <Table.Td>{t(`caseStatus.${c.status}`)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={t('incidents.untieNamed', { name: person(c) })}
                      onClick={() => void untie(c)}
                    >
                      {t('incidents.untie')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="end">
          <MultiSelect
            label={t('incidents.addCases')}
            data={others}
            value={adding}
            onChange={setAdding}
            searchable
            miw={320}
            maw={520}
            style={{ flex: 1 }}
          />
          <Button onClick={() => void addCases()} disabled={adding.length === 0}>
            {t('incidents.tie', { count: adding.length })}
          </Button>
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </Stack>
  );
}
