import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Group, List, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { countPatterns, GRANULARITIES, type Granularity } from '@shared/domain/patterns';
import { parsePartialDate, partialDateBounds } from '@shared/domain/partial-date';
import { CASE_KINDS, CASE_STATUSES, SEXES, type CaseKind, type CaseStatus, type Person } from '@shared/domain/records';
import { PartialDateField } from '../../components/PartialDateField';
import { placeLabel } from '../../components/place-label';
import { useSettings } from '../../settings/settings-store';
import { CountTable, type CountPick } from './CountTable';
import { AdvocacySheet } from './AdvocacySheet';
import { CasesBehind } from './CasesBehind';
import { PatternChart } from './PatternChart';
import { barOption, periodOption } from './pattern-charts';
import { countsCsv, countsXlsx } from './pattern-export';
import { patternTables, TABLE_IDS, type PatternTable } from './pattern-tables';
import { saveBytes } from '../../components/save-bytes';
import { usePatternInput } from './use-pattern-input';

function dayBound(text: string, side: 'earliest' | 'latest'): { day: string | null; bad: boolean } {
  if (!text.trim()) return { day: null, bad: false };
  const d = parsePartialDate(text);
  return d.ok ? { day: partialDateBounds(d.value)[side], bad: false } : { day: null, bad: true };
}

/**
 * Patterns across cases: people held by place and period, and people by status, kind of case, sex, age at arrest
 * and governorate of origin, each as a chart with its table beside it. Every number opens the cases behind it.
 * Only the cases this member may read are counted; the screen says how many it leaves out.
 */
export function PatternsScreen(): ReactNode {
  const { t } = useTranslation();
  const { language, arabicDigits } = useSettings();
  const { input, summaries, withheld } = usePatternInput();
  const [granularity, setGranularity] = useState<Granularity>('year');
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [fromText, setFromText] = useState('');
  const [toText, setToText] = useState('');
  const [kinds, setKinds] = useState<CaseKind[]>([]);
  const [statuses, setStatuses] = useState<CaseStatus[]>([]);
  const [sexes, setSexes] = useState<Person['sex'][]>([]);
  const [picked, setPicked] = useState<CountPick | null>(null);
  const [exportError, setExportError] = useState(false);
  const [sheet, setSheet] = useState(false);
  const from = dayBound(fromText, 'earliest');
  const to = dayBound(toText, 'latest');
  const reversed = from.day !== null && to.day !== null && from.day > to.day;

  const numbers = useMemo(
    () => new Intl.NumberFormat(language === 'ar' ? `ar-SY-u-nu-${arabicDigits ? 'arab' : 'latn'}` : 'en-GB'),
    [language, arabicDigits],
  );
  const format = (n: number): string => numbers.format(n);

  const counts = useMemo(() => {
    if (!input || from.bad || to.bad || reversed) return null;
    return countPatterns(input, {
      granularity,
      placeId,
      from: from.day,
      to: to.day,
      kinds,
      statuses,
      sexes,
    });
  }, [input, granularity, placeId, from.day, to.day, from.bad, to.bad, reversed, kinds, statuses, sexes]);
  const tables = useMemo(
    () => (counts && input ? patternTables(counts, granularity, input.places, t, language) : null),
    [counts, input, granularity, t, language],
  );
  const heldPlaces = useMemo(() => {
    if (!input) return [];
    const ids = new Set<string>();
    for (const events of input.eventsByCase.values()) for (const e of events) if (e.placeId) ids.add(e.placeId);
    return [...ids]
      .map((id) => ({ value: id, label: placeLabel(input.places.get(id), language, id) }))
      .sort((a, b) => a.label.localeCompare(b.label, language));
  }, [input, language]);

  const save = async (kind: 'csv' | 'xlsx'): Promise<void> => {
    if (!tables) return;
    setExportError(false);
    try {
      const bytes = kind === 'csv' ? countsCsv(tables, t) : await countsXlsx(tables, language);
      await saveBytes(`athar-patterns.${kind}`, bytes);
    } catch {
      setExportError(true);
    }
  };

  const section = (table: PatternTable): ReactNode => {
    const wide = table.id === 'place-period';
    const chart = wide
      ? periodOption(table, language, (count) => t('patterns.otherPlaces', { count: format(count) }))
      : barOption(table, language);
    return (
      <Paper key={table.id} withBorder p="md" component="section" aria-labelledby={`patterns-${table.id}`}>
        <Title order={2} size="h4" id={`patterns-${table.id}`} mb="sm">
          {table.title}
        </Title>
        <SimpleGrid cols={wide ? 1 : { base: 1, md: 2 }} spacing="md">
          <PatternChart
            option={chart.option}
            title={t('patterns.chartOf', { title: table.title })}
            fileName={`athar-patterns-${table.id}`}
            onPick={(p) => {
              const c = chart.pick(p);
              if (c && c.caseIds.length) setPicked(c);
            }}
          />
          <CountTable table={table} format={format} onPick={setPicked} />
        </SimpleGrid>
      </Paper>
    );
  };

  if (sheet && counts && input)
    return (
      <AdvocacySheet
        counts={counts}
        scope={{
          placeId,
          from: fromText.trim() || null,
          to: toText.trim() || null,
          granularity,
          kinds,
          statuses,
          sexes,
        }}
        places={input.places}
        withheld={withheld}
        onClose={() => setSheet(false)}
      />
    );

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('patterns.title')}
      </Title>
      <Text maw={820}>{t('patterns.intro')}</Text>
      <Paper withBorder p="md" component="form" autoComplete="off" onSubmit={(e) => e.preventDefault()}>
        <Title order={2} size="h5" mb="xs">
          {t('patterns.filters')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <Select
            label={t('patterns.countBy')}
            data={GRANULARITIES.map((g) => ({ value: g, label: t(`patterns.granularity.${g}`) }))}
            value={granularity}
            onChange={(v) => v && setGranularity(v as Granularity)}
            allowDeselect={false}
          />
          <Select
            label={t('patterns.place')}
            placeholder={t('patterns.allPlaces')}
            data={heldPlaces}
            value={placeId}
            onChange={setPlaceId}
            searchable
            clearable
          />
          <PartialDateField label={t('patterns.from')} value={fromText} onChange={setFromText} />
          <PartialDateField label={t('patterns.to')} value={toText} onChange={setToText} />
          <MultiSelect
            label={t('patterns.kinds')}
            placeholder={t('patterns.any')}
            data={CASE_KINDS.map((k) => ({ value: k, label: t(`caseKind.${k}`) }))}
            value={kinds}
            onChange={(v) => setKinds(v as CaseKind[])}
            clearable
          />
          <MultiSelect
            label={t('patterns.statuses')}
            placeholder={t('patterns.any')}
            data={CASE_STATUSES.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))}
            value={statuses}
            onChange={(v) => setStatuses(v as CaseStatus[])}
            clearable
          />
          <MultiSelect
            label={t('patterns.sexes')}
            placeholder={t('patterns.any')}
            data={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
            value={sexes}
            onChange={(v) => setSexes(v as Person['sex'][])}
            clearable
          />
        </SimpleGrid>
        {(from.bad || to.bad) && (
          <Text c="red" size="sm" mt="xs" role="alert">
            {t('patterns.badDate')}
          </Text>
        )}
        {reversed && (
          <Text c="red" size="sm" mt="xs" role="alert">
            {t('patterns.reversed')}
          </Text>
        )}
      </Paper>

      {!counts && !from.bad && !to.bad && !reversed && <Text>{t('patterns.loading')}</Text>}
      {counts && tables && (
        <>
          <Alert variant="light" color="blue" title={t('patterns.counted', { count: format(counts.people.count) })}>
            <List size="sm" spacing={2}>
              {counts.mergedCases > 0 && (
                <List.Item>{t('patterns.merged', { count: format(counts.mergedCases) })}</List.Item>
              )}
              {withheld > 0 && <List.Item>{t('patterns.withheld', { count: format(withheld) })}</List.Item>}
              {counts.outsidePeriod.count > 0 && (
                <List.Item>{t('patterns.outsidePeriod', { count: format(counts.outsidePeriod.count) })}</List.Item>
              )}
              <List.Item>{t('patterns.floor')}</List.Item>
            </List>
          </Alert>
          <Group gap="sm">
            <Button variant="default" onClick={() => void save('csv')}>
              {t('patterns.exportCsv')}
            </Button>
            <Button variant="default" onClick={() => void save('xlsx')}>
              {t('patterns.exportXlsx')}
            </Button>
            <Button variant="default" onClick={() => setSheet(true)}>
              {t('patterns.sheet.open')}
            </Button>
          </Group>
          {exportError && (
            <Alert color="red" role="alert">
              {t('patterns.exportFailed')}
            </Alert>
          )}
          {TABLE_IDS.map((id) => section(tables.find((x) => x.id === id)!))}
          <Paper withBorder p="md" component="section" aria-labelledby="patterns-method">
            <Title order={2} size="h4" id="patterns-method" mb="xs">
              {t('patterns.method.title')}
            </Title>
            <List size="sm" spacing={4}>
              {(['person', 'period', 'apart', 'age', 'origin', 'readable'] as const).map((k) => (
                <List.Item key={k}>{t(`patterns.method.${k}`)}</List.Item>
              ))}
            </List>
          </Paper>
        </>
      )}
      <CasesBehind picked={picked} summaries={summaries} onClose={() => setPicked(null)} />
    </Stack>
  );
}
