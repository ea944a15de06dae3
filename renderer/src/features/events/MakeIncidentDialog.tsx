import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal, Stack, Text, TextInput } from '@mantine/core';
import {
  incidentsLike,
  incidentTies,
  isIncident,
  isIncidentLink,
  mergeIntoIncident,
  ownEventAsIncident,
  type IncidentMove,
} from '@shared/domain/incidents';
import type { DetentionEvent } from '@shared/domain/records';
import type { Change } from '../../db/record-store';
import { randomId } from '../../db/webcrypto-key';
import { usePlaceName } from '../../components/use-place-name';
import { FormFooter } from '../../components/FormFooter';
import { AlikeIncidents } from './AlikeIncidents';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useCommitPlanned } from '../../session/use-commit-planned';

function changesOf(move: Extract<IncidentMove, { ok: true }>): Change[] {
  return [
    ...(move.event ? [{ table: 'events' as const, put: move.event }] : []),
    ...(move.deleted ? [{ table: 'events' as const, delete: move.deleted }] : []),
    ...(move.link ? [{ table: 'links' as const, put: move.link, fresh: true as const }] : []),
  ];
}

/**
 * A case's own event that concerns many cases, made an incident: named, and tied back to this case so others can
 * be tied to it too. If an incident already on file is the same happening, the case is tied to that one instead
 * and its own copy removed: an existing vault's duplicates become one incident this way.
 */
export function MakeIncidentDialog({
  event,
  onClose,
}: {
  event: DetentionEvent | null;
  onClose: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const placeOf = usePlaceName();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const commitPlanned = useCommitPlanned(setError);
  const { records: incidents } = useRecords(session.events, isIncident, []);
  const { records: links } = useRecords(session.links, isIncidentLink, []);
  const ties = incidentTies(links ?? []);
  const alike =
    event?.date || event?.placeId
      ? incidentsLike(incidents ?? [], { placeId: event.placeId, date: event.date }).filter((i) => i.id !== event.id)
      : [];
  const ctx = (): { actor: string; now: Date; newId: () => string } => ({
    actor: session.actor,
    now: new Date(),
    newId: randomId,
  });
  const run = async (move: IncidentMove): Promise<void> => {
    const ok = await commitPlanned(
      move.ok ? { ok: true, changes: changesOf(move) } : { ok: false, problem: move.problem },
    );
    if (ok) {
      setTitle('');
      onClose();
    }
  };

  return (
    <Modal opened={event !== null} onClose={onClose} title={t('incidents.make.title')} size="lg">
      {event && (
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(ownEventAsIncident(event, title, ctx()));
          }}
        >
          <Text size="sm">{t('incidents.make.intro')}</Text>
          <TextInput
            label={t('incidents.name')}
            description={t('incidents.nameHint')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            autoComplete="off"
            dir="auto"
          />
          <AlikeIncidents
            title={t('incidents.make.same')}
            incidents={alike}
            nameOf={(i) => i.title ?? ''}
            placeOf={placeOf}
            action={t('incidents.make.merge')}
            actionNameOf={(i) => t('incidents.make.mergeInto', { name: i.title ?? '' })}
            onPick={(i) => void run(mergeIntoIncident(event, i.id, ties, ctx()))}
          />
          <FormFooter error={error} onCancel={onClose} />
        </Stack>
      )}
    </Modal>
  );
}
