import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Fieldset, Group, MultiSelect, Select, SimpleGrid } from '@mantine/core';
import { PartialDateField } from '../../components/PartialDateField';
import { useSourceOptions } from '../../session/use-source-options';

/** What every dated row with a unit has: the unit, from, to, and what says so. */
export interface PeriodRowDraft {
  unitId: string | null;
  fromText: string;
  toText: string;
  sources: string[];
}

/**
 * Rows of periods, each with its unit, from–to and sources, and whatever else a row of this kind carries
 * (`fields` before the dates, `afterDates` after them, `footer` under them); each removable, and one more added at the end.
 */
export function PeriodRows<R extends PeriodRowDraft>({
  rows,
  onChange,
  blank,
  unitOptions,
  text,
  fields,
  afterDates,
  footer,
}: {
  rows: readonly R[];
  onChange: (rows: R[]) => void;
  blank: () => R;
  unitOptions: Array<{ value: string; label: string }>;
  text: { legend: (row: number) => string; unit: string; remove: (row: number) => string; add: string };
  fields?: (row: R, set: (patch: Partial<R>) => void) => ReactNode;
  afterDates?: (row: R, set: (patch: Partial<R>) => void) => ReactNode;
  footer?: (row: R, set: (patch: Partial<R>) => void) => ReactNode;
}): ReactNode {
  const { t } = useTranslation();
  const sourceOptions = useSourceOptions();
  return (
    <>
      {rows.map((r, i) => {
        const set = (patch: Partial<R>): void => onChange(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
        return (
          <Fieldset key={i} legend={text.legend(i + 1)}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={text.unit}
                value={r.unitId}
                onChange={(unitId) => set({ unitId } as Partial<R>)}
                data={unitOptions}
                searchable
              />
              {fields?.(r, set)}
              <PartialDateField
                label={t('units.from')}
                value={r.fromText}
                onChange={(fromText) => set({ fromText } as Partial<R>)}
              />
              <PartialDateField
                label={t('units.to')}
                value={r.toText}
                onChange={(toText) => set({ toText } as Partial<R>)}
              />
              {afterDates?.(r, set)}
            </SimpleGrid>
            <MultiSelect
              mt="xs"
              label={t('units.sources')}
              data={sourceOptions}
              value={r.sources}
              onChange={(sources) => set({ sources } as Partial<R>)}
              searchable
            />
            <Group justify="space-between" mt="xs">
              {footer?.(r, set) ?? <span />}
              <Button variant="subtle" color="red" size="xs" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                {text.remove(i + 1)}
              </Button>
            </Group>
          </Fieldset>
        );
      })}
      <Button variant="light" size="xs" w="fit-content" onClick={() => onChange([...rows, blank()])}>
        {text.add}
      </Button>
    </>
  );
}
