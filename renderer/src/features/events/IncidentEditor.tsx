import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal, Stack, Textarea, TextInput } from '@mantine/core';
import type { DetentionEvent } from '@shared/domain/records';
import { FormFooter } from '../../components/FormFooter';
import { EventBasicsFields } from './EventBasicsFields';
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
        <EventBasicsFields draft={draft} onChange={setDraft} />
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
