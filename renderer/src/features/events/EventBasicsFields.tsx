import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Select } from '@mantine/core';
import { EVENT_KINDS, type DetentionEvent } from '@shared/domain/records';
import { PartialDateField } from '../../components/PartialDateField';
import { PlacePicker } from '../../components/PlacePicker';
import type { EventDraft } from './event-draft';

/** What happened, when and where: the fields a case's event and an incident of many cases share. */
export function EventBasicsFields({
  draft,
  onChange,
}: {
  draft: EventDraft;
  onChange: (next: EventDraft) => void;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <>
      <Select
        label={t('events.kind')}
        value={draft.kind}
        allowDeselect={false}
        onChange={(v) => v && onChange({ ...draft, kind: v as DetentionEvent['kind'] })}
        data={EVENT_KINDS.map((k) => ({ value: k, label: t(`eventKind.${k}`) }))}
      />
      <PartialDateField
        label={t('events.date')}
        value={draft.dateText}
        onChange={(v) => onChange({ ...draft, dateText: v })}
      />
      <PlacePicker
        label={t('events.place')}
        value={draft.placeId}
        onChange={(placeId) => onChange({ ...draft, placeId })}
      />
    </>
  );
}
