import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { formatPartialDateInput } from '@shared/domain/partial-date';
import { displayName } from '@shared/names/display-name';
import { PLACE_KINDS, type Place } from '@shared/domain/records';
import { placeLabel } from '../../components/place-label';
import { FormFooter } from '../../components/FormFooter';
import { useSession } from '../../session/VaultProvider';
import { useSubmit } from '../../session/use-submit';
import { useSettings } from '../../settings/settings-store';
import { coordinatesFrom, runByDrafts, runByFrom, type RunByDraft } from './facility-draft';
import { PartialDateField } from '../../components/PartialDateField';
import { useRecords } from '../../session/use-records';
import { useSourceOptions } from '../../session/use-source-options';

/** A place's register entry: names and other spellings in both scripts, kind, governorate, who ran it, where. */
export function FacilityEditor({
  place,
  places,
  onDone,
}: {
  place: Place;
  places: readonly Place[];
  onDone: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { language } = useSettings();
  const [draft, setDraft] = useState({
    nameEn: place.nameEn,
    nameAr: place.nameAr,
    aliases: place.aliases ?? [],
    kind: place.kind,
    parentId: place.parentId,
    operatorEn: place.operatorEn,
    operatorAr: place.operatorAr,
    lat: place.coordinates?.lat ?? ('' as number | string),
    lon: place.coordinates?.lon ?? ('' as number | string),
    how: place.coordinates?.how ?? '',
    notes: place.notes,
    runBy: runByDrafts(place, formatPartialDateInput),
  });
  const { records: units } = useRecords(session.units, () => true, []);
  const unitOptions = (units ?? []).map((u) => ({ value: u.id, label: displayName(u.nameAr, u.nameEn, language) }));
  const sourceOptions = useSourceOptions();
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit(async () => {
    setProblem(null);
    if (!draft.nameEn.trim() && !draft.nameAr.trim()) return setProblem(t('facilities.edit.nameNeeded'));
    const coordinates = coordinatesFrom(draft.lat, draft.lon, draft.how);
    if (coordinates === 'half' || coordinates === 'out-of-range')
      return setProblem(t(`facilities.edit.coordinates.${coordinates}`));
    const runBy = runByFrom(draft.runBy);
    if (!Array.isArray(runBy))
      return setProblem(t(`facilities.runBy.problem.${runBy.problem}`, { row: runBy.row + 1 }));
    const { coordinates: _old, aliases: _aliases, runBy: _runBy, ...rest } = place;
    const aliases = [...new Set(draft.aliases.map((a) => a.trim()).filter(Boolean))];
    await session.places.put({
      ...rest,
      nameEn: draft.nameEn.trim(),
      nameAr: draft.nameAr.trim(),
      kind: draft.kind,
      parentId: draft.parentId,
      operatorEn: draft.operatorEn.trim(),
      operatorAr: draft.operatorAr.trim(),
      notes: draft.notes,
      ...(aliases.length ? { aliases } : {}),
      ...(coordinates ? { coordinates } : {}),
      ...(runBy.length ? { runBy } : {}),
      updatedAt: new Date().toISOString(),
    });
    onDone();
  });
  const set = <K extends keyof typeof draft>(k: K, v: (typeof draft)[K]): void => setDraft({ ...draft, [k]: v });
  const setRow = (i: number, patch: Partial<RunByDraft>): void =>
    set(
      'runBy',
      draft.runBy.map((r, j) => (j === i ? { ...r, ...patch } : r)),
    );
  const governorates = places
    .filter((p) => p.kind === 'governorate' && p.id !== place.id)
    .map((p) => ({ value: p.id, label: placeLabel(p, language, p.id) }));

  return (
    <form onSubmit={submit}>
      <Stack>
        <SimpleGrid cols={2}>
          <TextInput
            label={t('facilities.nameEn')}
            value={draft.nameEn}
            onChange={(e) => set('nameEn', e.currentTarget.value)}
            dir="ltr"
          />
          <TextInput
            label={t('facilities.nameAr')}
            value={draft.nameAr}
            onChange={(e) => set('nameAr', e.currentTarget.value)}
            dir="rtl"
          />
        </SimpleGrid>
        <TagsInput
          label={t('facilities.aliases')}
          description={t('facilities.edit.aliasesHint')}
          value={draft.aliases}
          onChange={(v) => set('aliases', v)}
          dir="auto"
        />
        <Group grow>
          <Select
            label={t('facilities.kind')}
            value={draft.kind}
            onChange={(v) => v && set('kind', v as Place['kind'])}
            data={PLACE_KINDS.map((k) => ({ value: k, label: t(`facilities.kinds.${k}`) }))}
            allowDeselect={false}
          />
          <Select
            label={t('facilities.col.governorate')}
            value={draft.parentId}
            onChange={(v) => set('parentId', v)}
            data={governorates}
            searchable
            clearable
          />
        </Group>
        <SimpleGrid cols={2}>
          <TextInput
            label={t('facilities.edit.operatorEn')}
            value={draft.operatorEn}
            onChange={(e) => set('operatorEn', e.currentTarget.value)}
            dir="ltr"
          />
          <TextInput
            label={t('facilities.edit.operatorAr')}
            value={draft.operatorAr}
            onChange={(e) => set('operatorAr', e.currentTarget.value)}
            dir="rtl"
          />
        </SimpleGrid>
        <Group grow align="flex-start">
          <NumberInput
            label={t('facilities.edit.lat')}
            value={draft.lat}
            onChange={(v) => set('lat', v)}
            decimalScale={6}
            min={-90}
            max={90}
            dir="ltr"
          />
          <NumberInput
            label={t('facilities.edit.lon')}
            value={draft.lon}
            onChange={(v) => set('lon', v)}
            decimalScale={6}
            min={-180}
            max={180}
            dir="ltr"
          />
        </Group>
        <TextInput
          label={t('facilities.edit.how')}
          description={t('facilities.edit.howHint')}
          value={draft.how}
          onChange={(e) => set('how', e.currentTarget.value)}
          dir="auto"
        />
        <Stack gap="xs">
          {draft.runBy.map((r, i) => (
            <Fieldset key={i} legend={t('facilities.runBy.row', { row: i + 1 })}>
              <SimpleGrid cols={2}>
                <Select
                  label={t('facilities.runBy.unit')}
                  data={unitOptions}
                  value={r.unitId}
                  onChange={(v) => setRow(i, { unitId: v })}
                  searchable
                />
                <MultiSelect
                  label={t('facilities.runBy.sources')}
                  data={sourceOptions}
                  value={r.sources}
                  onChange={(v) => setRow(i, { sources: v })}
                  searchable
                />
                <PartialDateField
                  label={t('facilities.runBy.from')}
                  value={r.fromText}
                  onChange={(v) => setRow(i, { fromText: v })}
                />
                <PartialDateField
                  label={t('facilities.runBy.to')}
                  value={r.toText}
                  onChange={(v) => setRow(i, { toText: v })}
                />
              </SimpleGrid>
              <Button
                variant="subtle"
                color="red"
                size="xs"
                mt="xs"
                onClick={() =>
                  set(
                    'runBy',
                    draft.runBy.filter((_, j) => j !== i),
                  )
                }
              >
                {t('facilities.runBy.remove', { row: i + 1 })}
              </Button>
            </Fieldset>
          ))}
          <Button
            variant="default"
            w="fit-content"
            onClick={() => set('runBy', [...draft.runBy, { unitId: null, fromText: '', toText: '', sources: [] }])}
          >
            {t('facilities.runBy.add')}
          </Button>
        </Stack>
        <Textarea
          label={t('facilities.edit.notes')}
          value={draft.notes}
          onChange={(e) => set('notes', e.currentTarget.value)}
          autosize
          minRows={2}
          dir="auto"
        />
        <FormFooter error={problem ?? error} onCancel={onDone} saveDisabled={busy} />
      </Stack>
    </form>
  );
}
