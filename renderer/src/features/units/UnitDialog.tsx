import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { FormFooter } from '../../components/FormFooter';
import { blankParentPeriod, type UnitDraft } from './unit-draft';
import { PeriodRows } from './PeriodRows';

/** A unit: names in both scripts, what it is part of today, and what it was part of when. */
export function UnitDialog({
  draft,
  setDraft,
  unitOptions,
  error,
  onSave,
  onClose,
}: {
  draft: UnitDraft | null;
  setDraft: (d: UnitDraft) => void;
  unitOptions: Array<{ value: string; label: string }>;
  error: string | null;
  onSave: () => void;
  onClose: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const parentOptions = unitOptions.filter((o) => o.value !== draft?.id);
  return (
    <Modal opened={draft !== null} onClose={onClose} title={t('units.unitDialog')} size="lg">
      {draft && (
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            onSave();
          }}
        >
          <TextInput
            label={t('units.nameEn')}
            value={draft.nameEn}
            onChange={(e) => setDraft({ ...draft, nameEn: e.currentTarget.value })}
            dir="ltr"
          />
          <TextInput
            label={t('units.nameAr')}
            value={draft.nameAr}
            onChange={(e) => setDraft({ ...draft, nameAr: e.currentTarget.value })}
            dir="rtl"
          />
          <Select
            label={t('units.parent')}
            description={t('units.parentHint')}
            value={draft.parentId}
            onChange={(parentId) => setDraft({ ...draft, parentId })}
            data={parentOptions}
            clearable
            searchable
          />
          <Text size="sm" fw={500}>
            {t('units.parentsOverTime')}
          </Text>
          <PeriodRows
            rows={draft.parents}
            onChange={(parents) => setDraft({ ...draft, parents })}
            blank={blankParentPeriod}
            unitOptions={parentOptions}
            text={{
              legend: (row) => t('units.parentPeriod', { row }),
              unit: t('units.partOf'),
              remove: (row) => t('units.removeParentPeriod', { row }),
              add: t('units.addParentPeriod'),
            }}
          />
          <Textarea
            label={t('units.notes')}
            value={draft.notes}
            onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })}
            dir="auto"
          />
          <FormFooter error={error} onCancel={onClose} />
        </Stack>
      )}
    </Modal>
  );
}
