import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, Modal, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { CERTAINTIES, type Certainty } from '@shared/domain/records';
import { FormFooter } from '../../components/FormFooter';
import { blankMembershipDraft, type PerpetratorDraft } from './perpetrator-draft';
import { PeriodRows } from './PeriodRows';

/** A suspected perpetrator: names, rank today, and his positions over time, each with its dates, sources and certainty. */
export function PerpetratorDialog({
  draft,
  setDraft,
  unitOptions,
  error,
  onSave,
  onClose,
}: {
  draft: PerpetratorDraft | null;
  setDraft: (d: PerpetratorDraft) => void;
  unitOptions: Array<{ value: string; label: string }>;
  error: string | null;
  onSave: () => void;
  onClose: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const certaintyOptions = CERTAINTIES.map((c) => ({ value: c, label: t(`units.certainty.${c}`) }));
  return (
    <Modal opened={draft !== null} onClose={onClose} title={t('units.perpetratorDialog')} size="xl">
      {draft && (
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            onSave();
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('caseEditor.nameAr')}
              value={draft.nameAr}
              onChange={(e) => setDraft({ ...draft, nameAr: e.currentTarget.value })}
              dir="rtl"
            />
            <TextInput
              label={t('caseEditor.nameLatin')}
              value={draft.nameLatin}
              onChange={(e) => setDraft({ ...draft, nameLatin: e.currentTarget.value })}
              dir="ltr"
            />
            <TextInput
              label={t('units.rank')}
              value={draft.rank}
              onChange={(e) => setDraft({ ...draft, rank: e.currentTarget.value })}
              dir="auto"
            />
            <TagsInput
              label={t('units.sanctions')}
              value={draft.sanctionsRefs}
              onChange={(sanctionsRefs) => setDraft({ ...draft, sanctionsRefs })}
            />
          </SimpleGrid>
          <Text size="sm" fw={500}>
            {t('units.memberships')}
          </Text>
          <PeriodRows
            rows={draft.memberships}
            onChange={(memberships) => setDraft({ ...draft, memberships })}
            blank={blankMembershipDraft}
            unitOptions={unitOptions}
            text={{
              legend: (row) => t('units.position', { row }),
              unit: t('units.unit'),
              remove: (n) => t('units.removeMembership', { n }),
              add: t('units.addMembership'),
            }}
            fields={(m, set) => (
              <>
                <TextInput
                  label={t('units.role')}
                  value={m.role}
                  onChange={(e) => set({ role: e.currentTarget.value })}
                  dir="auto"
                />
                <TextInput
                  label={t('units.rankThen')}
                  value={m.rank}
                  onChange={(e) => set({ rank: e.currentTarget.value })}
                  dir="auto"
                />
              </>
            )}
            afterDates={(m, set) => (
              <Select
                label={t('units.certaintyLabel')}
                value={m.certainty}
                onChange={(v) => set({ certainty: (v as Certainty | null) ?? null })}
                data={certaintyOptions}
                clearable
              />
            )}
            footer={(m, set) => (
              <Checkbox
                label={t('units.commands')}
                checked={m.commands}
                onChange={(e) => set({ commands: e.currentTarget.checked })}
              />
            )}
          />
          <FormFooter error={error} onCancel={onClose} />
        </Stack>
      )}
    </Modal>
  );
}
