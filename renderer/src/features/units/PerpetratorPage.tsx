import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { detentionsInCommand, eventsInCommand } from '@shared/domain/command';
import { compareOptionalPartialDates } from '@shared/domain/partial-date';
import type { DetentionEvent } from '@shared/domain/records';
import { displayName } from '@shared/names/display-name';
import { placeLabel } from '../../components/place-label';
import { useFormatDate } from '../../components/use-format-date';
import { randomId } from '../../db/webcrypto-key';
import { useSession } from '../../session/VaultProvider';
import { useCommitPlanned } from '../../session/use-commit-planned';
import { useFacilityStays } from '../../session/use-facility-stays';
import { useRecords } from '../../session/use-records';
import { useSettings } from '../../settings/settings-store';
import { useSourceOptions } from '../../session/use-source-options';
import { PerpetratorDialog } from './PerpetratorDialog';
import { perpetratorChange, perpetratorDraftFrom, type PerpetratorDraft } from './perpetrator-draft';
import { useCommandIndex } from './use-command-index';
import { PerpetratorSanctionsPanel } from '../sanctions/PerpetratorSanctionsPanel';

/** One suspected perpetrator: his positions over time with their sources, and what happened under his command. */
export function PerpetratorPage(): ReactNode {
  const { t } = useTranslation();
  const { personId = '' } = useParams();
  const { language } = useSettings();
  const fmt = useFormatDate();
  const session = useSession();
  const { index, units, places } = useCommandIndex();
  const { records: people } = useRecords(session.persons, (p) => p.id === personId, [personId]);
  const { records: events } = useRecords(session.events, (e) => e.date !== null, []);
  const { stays, cases } = useFacilityStays();
  const sources = useSourceOptions();
  const [draft, setDraft] = useState<PerpetratorDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commitPlanned = useCommitPlanned(setError);
  const person = people?.[0];
  const under = useMemo(
    () =>
      index && events
        ? eventsInCommand(personId, events, index).sort((a, b) =>
            compareOptionalPartialDates(a.event.date, b.event.date),
          )
        : null,
    [index, events, personId],
  );
  const inCommand = useMemo(
    () => (index ? detentionsInCommand(personId, stays, index) : null),
    [index, stays, personId],
  );
  const held = useMemo(
    () =>
      inCommand?.rows.sort((a, b) => compareOptionalPartialDates(a.stay.from ?? a.stay.to, b.stay.from ?? b.stay.to)) ??
      null,
    [inCommand],
  );
  if (!people) return null;
  if (!person) return <Text>{t('perpetrator.notFound')}</Text>;

  const name = displayName(person.nameAr, person.nameLatin, language);
  const unitName = (id: string): string => {
    const u = units?.find((x) => x.id === id);
    return u ? displayName(u.nameAr, u.nameEn, language) : t('facilities.runBy.unknownUnit');
  };
  const sourceNames = (ids: readonly string[]): string =>
    ids.length
      ? ids.map((id) => sources.find((s) => s.value === id)?.label ?? t('proofOfLife.source.unknown')).join(' · ')
      : t('facilities.runBy.noSource');
  const positions = [...person.memberships].sort((a, b) => compareOptionalPartialDates(a.from, b.from));
  const unitOptions = (units ?? []).map((u) => ({ value: u.id, label: unitName(u.id) }));
  const eventCell = (e: DetentionEvent): ReactNode => {
    const label = e.title || t(`eventKind.${e.kind}`);
    if (!e.caseId)
      return (
        <Anchor component={Link} to={`/incidents/${e.id}`}>
          <bdi>{label}</bdi>
        </Anchor>
      );
    const c = cases.get(e.caseId);
    return c ? (
      <Anchor component={Link} to={`/cases/${c.id}/events`}>
        {label} · <bdi dir="ltr">{c.reference}</bdi>
      </Anchor>
    ) : (
      label
    );
  };
  const save = async (): Promise<void> => {
    if (!draft) return;
    const existing = await session.persons.get(person.id);
    const planned = perpetratorChange(draft, { existing, actor: session.actor, now: new Date(), newId: randomId });
    if (await commitPlanned(planned)) setDraft(null);
  };

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/units" size="sm" w="fit-content">
        {t('perpetrator.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1} size="h2">
          <bdi>{name}</bdi>
          {person.rank && (
            <Text span c="dimmed" fz="lg">
              {' '}
              · <bdi>{person.rank}</bdi>
            </Text>
          )}
        </Title>
        <Button
          variant="light"
          onClick={() => {
            setError(null);
            setDraft(perpetratorDraftFrom(person));
          }}
        >
          {t('perpetrator.edit')}
        </Button>
      </Group>
      <PerpetratorDialog
        draft={draft}
        setDraft={setDraft}
        unitOptions={unitOptions}
        error={error}
        onSave={() => void save()}
        onClose={() => setDraft(null)}
      />

      <Paper withBorder p="md" component="section" aria-labelledby="positions-h">
        <Title order={2} size="h4" id="positions-h" mb="sm">
          {t('perpetrator.positions')}
        </Title>
        {positions.length === 0 ? (
          <Text c="dimmed">{t('perpetrator.noPositions')}</Text>
        ) : (
          <Table striped withTableBorder aria-labelledby="positions-h">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('units.unit')}</Table.Th>
                <Table.Th>{t('units.role')}</Table.Th>
                <Table.Th>{t('units.rankThen')}</Table.Th>
                <Table.Th>{t('command.col.period')}</Table.Th>
                <Table.Th>{t('units.certaintyLabel')}</Table.Th>
                <Table.Th>{t('units.sources')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {positions.map((m, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    <bdi>{unitName(m.unitId)}</bdi>
                  </Table.Td>
                  <Table.Td dir="auto">
                    {m.commands ? t('perpetrator.inCommand') : ''}
                    {m.commands && m.role ? ' · ' : ''}
                    {m.role}
                  </Table.Td>
                  <Table.Td dir="auto">{m.rank ?? ''}</Table.Td>
                  <Table.Td>{t('command.period', { from: fmt(m.from), to: m.to ? fmt(m.to) : '…' })}</Table.Td>
                  <Table.Td>{m.certainty ? t(`units.certainty.${m.certainty}`) : '—'}</Table.Td>
                  <Table.Td>{sourceNames((m.sources ?? []).map((s) => s.recordId))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="under-h">
        <Title order={2} size="h4" id="under-h">
          {t('perpetrator.underCommand')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('perpetrator.underCommandHint')}
        </Text>
        {under && under.length === 0 && <Text>{t('perpetrator.noneUnder')}</Text>}
        {under && under.length > 0 && (
          <Table striped withTableBorder aria-labelledby="under-h">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('events.date')}</Table.Th>
                <Table.Th>{t('perpetrator.col.event')}</Table.Th>
                <Table.Th>{t('events.place')}</Table.Th>
                <Table.Th>{t('perpetrator.col.through')}</Table.Th>
                <Table.Th>{t('command.col.sureness')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {under.map((x) => (
                <Table.Tr key={x.event.id}>
                  <Table.Td>{fmt(x.event.date)}</Table.Td>
                  <Table.Td>{eventCell(x.event)}</Table.Td>
                  <Table.Td>
                    <bdi>
                      {placeLabel(
                        places?.find((p) => p.id === x.event.placeId),
                        language,
                        t('timeline.unknownPlace'),
                      )}
                    </bdi>
                  </Table.Td>
                  <Table.Td>
                    <bdi>{unitName(x.unitId)}</bdi>
                    {x.depth > 0 && <Text size="xs">{t('perpetrator.superior')}</Text>}
                  </Table.Td>
                  <Table.Td>{t(`command.overlap.${x.overlap}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="held-under-h">
        <Title order={2} size="h4" id="held-under-h">
          {t('perpetrator.heldUnder')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('perpetrator.heldUnderHint')}
        </Text>
        {inCommand && !inCommand.complete && (
          <Alert color="orange" role="status" mb="xs">
            {t('perpetrator.incomplete')}
          </Alert>
        )}
        {held && held.length === 0 && <Text>{t('perpetrator.noneHeld')}</Text>}
        {held && held.length > 0 && (
          <Table striped withTableBorder aria-labelledby="held-under-h">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('perpetrator.col.person')}</Table.Th>
                <Table.Th>{t('events.place')}</Table.Th>
                <Table.Th>{t('perpetrator.col.held')}</Table.Th>
                <Table.Th>{t('perpetrator.col.through')}</Table.Th>
                <Table.Th>{t('command.col.sureness')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {held.map((x, i) => {
                const c = cases.get(x.stay.caseId);
                return (
                  <Table.Tr key={`${x.stay.caseId}-${i}`}>
                    <Table.Td>
                      {c ? (
                        <Anchor component={Link} to={`/cases/${c.id}`}>
                          <bdi>{displayName(c.nameAr, c.nameLatin, language) || c.reference}</bdi> ·{' '}
                          <bdi dir="ltr">{c.reference}</bdi>
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <bdi>
                        {placeLabel(
                          places?.find((p) => p.id === x.stay.placeId),
                          language,
                          t('timeline.unknownPlace'),
                        )}
                      </bdi>
                    </Table.Td>
                    <Table.Td>
                      {t('command.period', { from: fmt(x.stay.from), to: x.stay.to ? fmt(x.stay.to) : '…' })}
                    </Table.Td>
                    <Table.Td>
                      <bdi>{unitName(x.unitId)}</bdi>
                      {x.depth > 0 && <Text size="xs">{t('perpetrator.superior')}</Text>}
                    </Table.Td>
                    <Table.Td>{t(`command.overlap.${x.overlap}`)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <PerpetratorSanctionsPanel person={person} />
    </Stack>
  );
}
