import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Group,
  Paper,
  Select,
  Stack,
  TextInput,
  type ComboboxParsedItem,
  type OptionsFilter,
} from '@mantine/core';
import { PLACE_KINDS, type Place } from '@shared/domain/records';
import { placeMatches } from '@shared/names/place-match';
import { useSession } from '../session/VaultProvider';
import { useRecords } from '../session/use-records';
import { useSettings } from '../settings/settings-store';
import { placeLabel } from './place-label';
import { randomId } from '../db/webcrypto-key';

/** Choose a place from the gazetteer, grouped by kind, or add a new one without leaving the form. */
export function PlacePicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { language } = useSettings();
  const { records: places } = useRecords(session.places, () => true, []);
  const [adding, setAdding] = useState(false);
  const [nameEn, setNameEn] = useState('');
  const [nameAr, setNameAr] = useState('');
  const [kind, setKind] = useState<Place['kind']>('facility');

  const data = useMemo(
    () =>
      PLACE_KINDS.map((k) => ({
        group: t(`placeKind.${k}`),
        items: (places ?? [])
          .filter((p) => p.kind === k)
          .map((p) => ({ value: p.id, label: placeLabel(p, language, '') }))
          .sort((a, b) => a.label.localeCompare(b.label, language)),
      })).filter((g) => g.items.length),
    [places, language, t],
  );

  // Any spelling finds a place, in either script, its other names included, as on the register.
  const filter: OptionsFilter = useMemo(() => {
    const byId = new Map((places ?? []).map((p) => [p.id, p]));
    const keep = (o: ComboboxParsedItem, search: string): boolean => {
      const p = 'value' in o ? byId.get(o.value) : undefined;
      return p !== undefined && placeMatches(search, [p.nameEn, p.nameAr, ...(p.aliases ?? [])]);
    };
    return ({ options, search }) =>
      !search.trim()
        ? options
        : options.flatMap((o): ComboboxParsedItem[] => {
            if (!('group' in o)) return keep(o, search) ? [o] : [];
            const items = o.items.filter((i) => keep(i, search));
            return items.length ? [{ ...o, items }] : [];
          });
  }, [places]);

  const add = async (): Promise<void> => {
    if (!nameEn.trim() && !nameAr.trim()) return;
    const now = new Date().toISOString();
    const place = await session.places.put({
      id: randomId(),
      kind,
      nameEn: nameEn.trim(),
      nameAr: nameAr.trim(),
      parentId: null,
      operatorEn: '',
      operatorAr: '',
      notes: '',
      createdAt: now,
      updatedAt: now,
      author: session.actor,
    });
    onChange(place.id);
    setAdding(false);
    setNameEn('');
    setNameAr('');
  };

  return (
    <Stack gap={4}>
      <Select
        label={label}
        value={value}
        onChange={onChange}
        data={data}
        filter={filter}
        searchable
        clearable
        placeholder={t('caseEditor.placeNone')}
      />
      {!adding && (
        <Button variant="subtle" size="compact-sm" style={{ alignSelf: 'flex-start' }} onClick={() => setAdding(true)}>
          {t('events.newPlace')}
        </Button>
      )}
      {adding && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Group grow>
              <TextInput
                label={t('events.newPlaceNameEn')}
                value={nameEn}
                onChange={(e) => setNameEn(e.currentTarget.value)}
                dir="ltr"
              />
              <TextInput
                label={t('events.newPlaceNameAr')}
                value={nameAr}
                onChange={(e) => setNameAr(e.currentTarget.value)}
                dir="rtl"
              />
            </Group>
            <Select
              label={t('events.newPlaceKind')}
              value={kind}
              allowDeselect={false}
              onChange={(v) => v && setKind(v as Place['kind'])}
              data={PLACE_KINDS.filter((k) => k !== 'governorate').map((k) => ({
                value: k,
                label: t(`placeKind.${k}`),
              }))}
            />
            <Group>
              <Button size="xs" onClick={() => void add()} disabled={!nameEn.trim() && !nameAr.trim()}>
                {t('events.addPlace')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setAdding(false)}>
                {t('actions.cancel')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
