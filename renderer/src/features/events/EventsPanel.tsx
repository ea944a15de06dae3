import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Anchor,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { compareOptionalPartialDates } from '@shared/domain/partial-date';
import type { DetentionEvent } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useSettings } from '../../settings/settings-store';
import { useFormatDate } from '../../components/use-format-date';
import { placeLabel } from '../../components/place-label';
import { randomId } from '../../db/webcrypto-key';
import { displayName } from '@shared/names/display-name';
import { useCaseRecords } from '../../session/use-case-records';
import { RecordLinks } from '../links/RecordLinks';
import { AlikeIncidents } from './AlikeIncidents';
import { WhoWasInCommandButton } from '../units/WhoWasInCommand';
import { FormFooter } from '../../components/FormFooter';
import { EventBasicsFields } from './EventBasicsFields';
import { MakeIncidentDialog } from './MakeIncidentDialog';
import { useCommitPlanned } from '../../session/use-commit-planned';
import { useCaseEvents } from '../../session/use-case-events';
import { incidentsLike, isIncident, tieLinks } from '@shared/domain/incidents';
import { parseOptionalPartialDate } from '@shared/domain/partial-date';
import { useNavigate } from 'react-router';
import { blankEventDraft, eventChange, eventDraftFrom, type EventDraft } from './event-draft';

const ROLES = ['victim', 'witness', 'perpetrator', 'family'] as const;

export function EventsPanel({ caseId }: { caseId: string }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { language } = useSettings();
  const fmt = useFormatDate();
  const { own: events, incidents } = useCaseEvents(caseId);
  const { records: allIncidents } = useRecords(session.events, isIncident, []);
  const { records: places } = useRecords(session.places, () => true, []);
  const [draft, setDraft] = useState<EventDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<DetentionEvent | null>(null);
  const [making, setMaking] = useState<DetentionEvent | null>(null);
  const { records: refs, labelOf } = useCaseRecords(caseId);
  const { records: units } = useRecords(session.units, () => true, []);
  const unitOptions = (units ?? []).map((u) => ({ value: u.id, label: displayName(u.nameAr, u.nameEn, language) }));
  const sourceOptions = refs
    .filter((r) => r.table === 'testimonies' || r.table === 'documents')
    .map((r) => ({ value: r.id, label: `${r.label} · ${r.kind}` }));
  const personOptions = [
    ...new Map(refs.filter((r) => r.table === 'persons').map((r) => [r.id, { value: r.id, label: r.label }])).values(),
  ];
  const sourceLabel = (id: string): string => refs.find((r) => r.id === id)?.label ?? id;

  const sorted = [...(events ?? [])].sort((a, b) => compareOptionalPartialDates(a.date, b.date));
  const placeOf = (id: string | null): string =>
    placeLabel(
      places?.find((p) => p.id === id),
      language,
      t('timeline.unknownPlace'),
    );
  const nameOf = (e: DetentionEvent): string => `${t(`eventKind.${e.kind}`)} — ${fmt(e.date)}`;

  const commitPlanned = useCommitPlanned(setError);
  const navigate = useNavigate();
  const incidentName = (e: DetentionEvent): string => e.title || nameOf(e);
  const typedDate = draft ? parseOptionalPartialDate(draft.dateText) : null;
  const tied = new Set((incidents ?? []).map((e) => e.id));
  const alike =
    draft && !draft.id && typedDate?.ok
      ? incidentsLike(allIncidents ?? [], { placeId: draft.placeId, date: typedDate.value }).filter(
          (e) => !tied.has(e.id),
        )
      : [];
  const tieTo = async (incidentId: string): Promise<void> => {
    const [put] = tieLinks(incidentId, [caseId], { actor: session.actor, now: new Date(), newId: randomId });
    if (put && (await commitPlanned({ ok: true, change: { table: 'links', put, fresh: true } }))) setDraft(null);
  };
  const save = async (): Promise<void> => {
    if (!draft) return;
    const existing = draft.id ? await session.events.get(draft.id) : undefined;
    if (
      await commitPlanned(
        eventChange(draft, { caseId, existing, actor: session.actor, now: new Date(), newId: randomId }),
      )
    )
      setDraft(null);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('events.title')}
        </Title>
        <Button
          onClick={() => {
            setDraft(blankEventDraft());
            setError(null);
          }}
        >
          {t('events.add')}
        </Button>
      </Group>
      {events && events.length === 0 && <Text c="dimmed">{t('events.empty')}</Text>}
      <Stack
        gap="xs"
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        aria-label={t('events.title')}
      >
        {sorted.map((e) => (
          <Paper key={e.id} withBorder p="sm" component="li">
            <Group justify="space-between" wrap="nowrap" align="start">
              <Stack gap={2}>
                <Text fw={600}>{nameOf(e)}</Text>
                <Text size="sm">{placeOf(e.placeId)}</Text>
                {e.description && (
                  <Text size="sm" c="dimmed" dir="auto">
                    {e.description}
                  </Text>
                )}
                {e.persons.length > 0 && (
                  <Text size="sm">
                    {e.persons
                      .map((p) => `${labelOf('persons', p.personId)} (${t(`events.roles.${p.role}`)})`)
                      .join(' · ')}
                  </Text>
                )}
                {e.unitIds.length > 0 && (
                  <Text size="sm">
                    {t('units.unitsOfEvent')}:{' '}
                    {e.unitIds.map((id) => unitOptions.find((u) => u.value === id)?.label ?? id).join(' · ')}
                  </Text>
                )}
                {e.sources.length > 0 && (
                  <Text size="sm" c="dimmed">
                    {t('events.sources')}: {e.sources.map((s) => sourceLabel(s.recordId)).join(' · ')}
                  </Text>
                )}
                <RecordLinks table="events" id={e.id} labelOf={labelOf} />
              </Stack>
              <Group gap="xs" wrap="nowrap">
                <Button
                  size="xs"
                  variant="light"
                  aria-label={t('events.editNamed', { name: nameOf(e) })}
                  onClick={() => {
                    setError(null);
                    setDraft(eventDraftFrom(e));
                  }}
                >
                  {t('events.edit')}
                </Button>
                <WhoWasInCommandButton
                  name={nameOf(e)}
                  query={e.date ? { date: e.date, placeId: e.placeId, unitIds: e.unitIds, eventId: e.id } : null}
                />
                <Button
                  size="xs"
                  variant="subtle"
                  aria-label={t('incidents.make.openNamed', { name: nameOf(e) })}
                  onClick={() => setMaking(e)}
                >
                  {t('incidents.make.open')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={t('events.removeNamed', { name: nameOf(e) })}
                  onClick={() => setConfirmDelete(e)}
                >
                  {t('events.remove')}
                </Button>
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="case-incidents-h">
        <Title order={3} size="h5" id="case-incidents-h">
          {t('incidents.ofCase')}
        </Title>
        {incidents && incidents.length === 0 && <Text c="dimmed">{t('incidents.ofCaseNone')}</Text>}
        {incidents && incidents.length > 0 && (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {incidents.map((e) => (
              <li key={e.id}>
                <Anchor
                  component="button"
                  type="button"
                  aria-label={t('incidents.open', { name: incidentName(e) })}
                  onClick={() => void navigate(`/incidents/${e.id}`)}
                >
                  <bdi>{incidentName(e)}</bdi>
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">
                  {t(`eventKind.${e.kind}`)} · {fmt(e.date)} · <bdi>{placeOf(e.placeId)}</bdi>
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Stack>

      <MakeIncidentDialog event={making} onClose={() => setMaking(null)} />
      <Modal opened={draft !== null} onClose={() => setDraft(null)} title={t('events.dialog')} size="lg">
        {draft && (
          <Stack
            component="form"
            onSubmit={(ev) => {
              ev.preventDefault();
              void save();
            }}
          >
            <EventBasicsFields draft={draft} onChange={setDraft} />
            <AlikeIncidents
              title={t('incidents.maybeSame')}
              incidents={alike}
              nameOf={incidentName}
              placeOf={placeOf}
              action={t('incidents.tieHere')}
              actionNameOf={(e) => t('incidents.tieThis', { name: incidentName(e) })}
              onPick={(e) => void tieTo(e.id)}
            />
            <Textarea
              label={t('events.description')}
              value={draft.description}
              onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
              autosize
              minRows={2}
              dir="auto"
            />
            <MultiSelect
              label={t('events.persons')}
              data={personOptions}
              value={draft.persons.map((p) => p.personId)}
              searchable
              onChange={(ids) =>
                setDraft({
                  ...draft,
                  persons: ids.map(
                    (id) => draft.persons.find((p) => p.personId === id) ?? { personId: id, role: 'victim' },
                  ),
                })
              }
            />
            {draft.persons.map((p) => (
              <Select
                key={p.personId}
                label={t('events.personRole', { name: labelOf('persons', p.personId) })}
                value={p.role}
                allowDeselect={false}
                onChange={(v) =>
                  v &&
                  setDraft({
                    ...draft,
                    persons: draft.persons.map((x) =>
                      x.personId === p.personId ? { ...x, role: v as typeof p.role } : x,
                    ),
                  })
                }
                data={ROLES.map((r) => ({ value: r, label: t(`events.roles.${r}`) }))}
              />
            ))}
            <MultiSelect
              label={t('units.unitsOfEvent')}
              data={unitOptions}
              value={draft.unitIds}
              onChange={(unitIds) => setDraft({ ...draft, unitIds })}
              searchable
            />
            <MultiSelect
              label={t('events.sources')}
              data={sourceOptions}
              value={draft.sources.map((s) => s.recordId)}
              searchable
              onChange={(ids) =>
                setDraft({
                  ...draft,
                  sources: ids.map(
                    (id) => draft.sources.find((s) => s.recordId === id) ?? { recordId: id, reliability: '' },
                  ),
                })
              }
            />
            {draft.sources.map((s) => (
              <TextInput
                key={s.recordId}
                label={t('events.reliability', { source: sourceLabel(s.recordId) })}
                value={s.reliability}
                dir="auto"
                onChange={(ev) => {
                  const reliability = ev.currentTarget.value;
                  setDraft({
                    ...draft,
                    sources: draft.sources.map((x) => (x.recordId === s.recordId ? { ...x, reliability } : x)),
                  });
                }}
              />
            ))}
            <FormFooter error={error} onCancel={() => setDraft(null)} />
          </Stack>
        )}
      </Modal>

      <Modal opened={confirmDelete !== null} onClose={() => setConfirmDelete(null)} title={t('events.remove')}>
        <Text>{t('events.confirmRemove')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmDelete(null)}>
            {t('actions.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => {
              const e = confirmDelete;
              setConfirmDelete(null);
              if (e) void session.events.remove(e.id);
            }}
          >
            {t('events.remove')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
