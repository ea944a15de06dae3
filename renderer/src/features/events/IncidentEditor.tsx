import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { EVENT_KINDS, type DetentionEvent } from '@shared/domain/records';
import { PartialDateField } from '../../components/PartialDateField';
import { PlacePicker } from '../../components/PlacePicker';
import { FormFooter } from '../../components/FormFooter';
import { randomId } from '../../db/webcrypto-key';
import { useSession } from '../../session/VaultProvider';
import { useCommitPlanned } from '../../session/use-commit-planned';
import { blankEventDraft, eventChange, eventDraftFrom, type EventDraft } from './event-draft';

/** The form for an incident of many cases, new (`incident` null) or edited; `onSaved` gets its id. */
export function IncidentEditor({
  incident,
  onClose,
  onSaved,
}: {
  incident: DetentionEvent | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const [draft, setDraft] = useState<EventDraft>(() => ({
    ...(incident ? eventDraftFrom(incident) : blankEventDraft()),
    id: incident?.id ?? randomId(),
  }));
  const [error, setError] = useState<string | null>(null);
  const commitPlanned = useCommitPlanned(setError);
  const save = async (): Promise<void> => {
    const planned = eventChange(draft, {
      caseId: null,
      existing: incident ?? undefined,
      actor: session.actor,
      now: new Date(),
      newId: randomId,
    });
    if (await commitPlanned(planned)) onSaved(draft.id!);
  };
  return (
    <Modal opened onClose={onClose} title={incident ? t('incidents.edit') : t('incidents.new')} size="lg">
      <Stack
        component="form"
        onSubmit={(ev) => {
          ev.preventDefault();
          void save();
        }}
      >
        <TextInput
          label={t('incidents.name')}
          description={t('incidents.nameHint')}
          value={draft.title}
          onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
          dir="auto"
          data-autofocus
        />
        <Select
          label={t('events.kind')}
          value={draft.kind}
          allowDeselect={false}
          onChange={(v) => v && setDraft({ ...draft, kind: v as DetentionEvent['kind'] })}
          data={EVENT_KINDS.map((k) => ({ value: k, label: t(`eventKind.${k}`) }))}
        />
        <PartialDateField
          label={t('events.date')}
          value={draft.dateText}
          onChange={(v) => setDraft({ ...draft, dateText: v })}
        />
        <PlacePicker
          label={t('events.place')}
          value={draft.placeId}
          onChange={(placeId) => setDraft({ ...draft, placeId })}
        />
        <Textarea
          label={t('events.description')}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
          autosize
          minRows={2}
          dir="auto"
        />
        <FormFooter error={error} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}
