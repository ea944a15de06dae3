import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { Granularity, PatternCounts } from '@shared/domain/patterns';
import type { CaseKind, CaseStatus, Person, Place } from '@shared/domain/records';
import { echarts } from '../../components/echarts-setup';
import { placeLabel } from '../../components/place-label';
import '../../components/print-doc.css';
import { platform } from '../../platform/platform';
import { useSession } from '../../session/VaultProvider';
import { errorMessage } from '../../session/error-message';
import { barOption, periodOption } from './pattern-charts';
import { patternTables, TABLE_IDS, type PatternTable, type TableId } from './pattern-tables';

/** More period columns than this do not fit across an A4 page: the chart is printed, the table is not. */
const MAX_PRINTED_PERIODS = 12;
const MAX_PRINTED_PLACES = 15;

export interface SheetScope {
  placeId: string | null;
  from: string | null;
  to: string | null;
  granularity: Granularity;
  kinds: readonly CaseKind[];
  statuses: readonly CaseStatus[];
  sexes: readonly Person['sex'][];
}

/** A chart as an SVG picture, drawn without the page, so the printed sheet carries vectors. */
function chartImage(table: PatternTable, lang: 'en' | 'ar', others: (n: number) => string): string {
  const spec = table.id === 'place-period' ? periodOption(table, lang, others) : barOption(table, lang);
  const c = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 640, height: 280 });
  c.setOption({ ...spec.option, animation: false, backgroundColor: '#ffffff', textStyle: { color: '#111' } });
  const svg = c.renderToSVGString();
  c.dispose();
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * The advocacy sheet: the chosen counts and their charts for a place or a period, with how they were counted,
 * in English or Arabic whatever the interface's language. It names nobody: only numbers, places and periods.
 * The cases behind the numbers are not in it, and printing it is recorded in the audit log.
 */
export function AdvocacySheet({
  counts,
  scope,
  places,
  withheld,
  onClose,
}: {
  counts: PatternCounts;
  scope: SheetScope;
  places: ReadonlyMap<string, Place>;
  withheld: number;
  onClose: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [lang, setLang] = useState<'en' | 'ar'>(i18n.language === 'ar' ? 'ar' : 'en');
  const [chosen, setChosen] = useState<TableId[]>([...TABLE_IDS]);
  const [error, setError] = useState<string | null>(null);
  const p = useMemo(() => i18n.getFixedT(lang), [i18n, lang]);
  const numbers = useMemo(() => new Intl.NumberFormat(lang === 'ar' ? 'ar-SY-u-nu-latn' : 'en-GB'), [lang]);
  const tables = useMemo(
    () => patternTables(counts, scope.granularity, places, p, lang).filter((x) => chosen.includes(x.id)),
    [counts, scope.granularity, places, p, lang, chosen],
  );
  const images = useMemo(
    () => tables.map((x) => chartImage(x, lang, (count) => p('patterns.otherPlaces', { count }))),
    [tables, lang, p],
  );
  const scopeLine = [
    scope.placeId ? placeLabel(places.get(scope.placeId), lang, scope.placeId) : p('patterns.allPlaces'),
    scope.from || scope.to ? p('patterns.sheet.between', { from: scope.from ?? '…', to: scope.to ?? '…' }) : null,
    p(`patterns.sheet.countedBy.${scope.granularity}`),
    // What the filters kept, so that a number is never read as more than it counts.
    scope.kinds.length ? `${p('patterns.kinds')}: ${scope.kinds.map((k) => p(`caseKind.${k}`)).join(', ')}` : null,
    scope.statuses.length
      ? `${p('patterns.statuses')}: ${scope.statuses.map((k) => p(`caseStatus.${k}`)).join(', ')}`
      : null,
    scope.sexes.length ? `${p('patterns.sexes')}: ${scope.sexes.map((k) => p(`sex.${k}`)).join(', ')}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const printedOn = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-SY-u-nu-latn' : 'en-GB', { dateStyle: 'long' }).format(
    new Date(),
  );

  const print = async (pdf: boolean): Promise<void> => {
    setError(null);
    try {
      await session.store.logEvent({
        action: 'print',
        table: 'vault',
        recordId: 'advocacy-sheet',
        caseId: null,
        fields: [
          `language:${lang}`,
          `by:${scope.granularity}`,
          ...(scope.placeId ? [`place:${scope.placeId}`] : []),
          ...(scope.from ? [`from:${scope.from}`] : []),
          ...(scope.to ? [`to:${scope.to}`] : []),
          ...scope.kinds.map((k) => `kind:${k}`),
          ...scope.statuses.map((k) => `status:${k}`),
          ...scope.sexes.map((k) => `sex:${k}`),
          ...tables.map((x) => x.id),
        ],
      });
      if (pdf) await platform.savePdf(`Athar ${p('patterns.sheet.title')}`);
      else await platform.print();
    } catch (e) {
      setError(`${t('print.printedFailed')} ${errorMessage(t, e)}`);
    }
  };

  return (
    <Stack className="print-region-parent">
      <Stack data-print-hide gap="sm">
        <Title order={1} size="h2">
          {t('patterns.sheet.title')}
        </Title>
        <Text maw={820}>{t('patterns.sheet.intro')}</Text>
        <Paper withBorder p="md">
          <Text size="sm" fw={500} id="sheet-lang">
            {t('print.language')}
          </Text>
          <SegmentedControl
            aria-labelledby="sheet-lang"
            value={lang}
            onChange={(v) => setLang(v as 'en' | 'ar')}
            data={[
              { value: 'en', label: 'English' },
              { value: 'ar', label: 'العربية' },
            ]}
          />
          <Checkbox.Group
            mt="sm"
            label={t('patterns.sheet.include')}
            value={chosen}
            onChange={(v) => setChosen(TABLE_IDS.filter((id) => v.includes(id)))}
          >
            <Group gap="md" mt={4}>
              {TABLE_IDS.map((id) => (
                <Checkbox key={id} value={id} label={t(`patterns.table.${id}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group mt="md" gap="sm">
            <Button onClick={() => void print(false)}>{t('print.print')}</Button>
            <Button variant="default" onClick={() => void print(true)}>
              {t('print.savePdf')}
            </Button>
            <Button variant="subtle" onClick={onClose}>
              {t('patterns.sheet.back')}
            </Button>
          </Group>
          {error && (
            <Alert color="red" mt="sm" role="alert">
              {error}
            </Alert>
          )}
        </Paper>
      </Stack>
      <div aria-label={t('print.preview')} role="region" className="print-region">
        <article className="print-doc" dir={lang === 'ar' ? 'rtl' : 'ltr'} lang={lang}>
          <h1>{p('patterns.sheet.title')}</h1>
          <p className="meta">
            {scopeLine} · {p('patterns.sheet.printed', { date: printedOn })}
          </p>
          <p>
            <strong>{p('patterns.counted', { count: numbers.format(counts.people.count) })}</strong>
          </p>
          <ul>
            {counts.mergedCases > 0 && <li>{p('patterns.merged', { count: numbers.format(counts.mergedCases) })}</li>}
            {withheld > 0 && <li>{p('patterns.sheet.withheld', { count: numbers.format(withheld) })}</li>}
            {counts.outsidePeriod.count > 0 && (
              <li>{p('patterns.outsidePeriod', { count: numbers.format(counts.outsidePeriod.count) })}</li>
            )}
          </ul>
          {tables.map((table, i) => (
            <section key={table.id}>
              <h2>{table.title}</h2>
              <img src={images[i]} alt={p('patterns.chartOf', { title: table.title })} style={{ width: '100%' }} />
              {table.id === 'place-period' && table.columns.length - 3 > MAX_PRINTED_PERIODS ? (
                <p>{p('patterns.sheet.tooWide')}</p>
              ) : (
                <SheetTable table={table} format={(n) => numbers.format(n)} more={p} />
              )}
            </section>
          ))}
          <section>
            <h2>{p('patterns.method.title')}</h2>
            <ul>
              {(['person', 'period', 'apart', 'age', 'origin'] as const).map((k) => (
                <li key={k}>{p(`patterns.method.${k}`)}</li>
              ))}
              <li>{p('patterns.sheet.floor')}</li>
              <li>{p('patterns.sheet.noNames')}</li>
            </ul>
          </section>
        </article>
      </div>
    </Stack>
  );
}

function SheetTable({
  table,
  format,
  more,
}: {
  table: PatternTable;
  format: (n: number) => string;
  more: (key: string, o: { count: number }) => string;
}): ReactNode {
  const rows = table.id === 'place-period' ? table.rows.slice(0, MAX_PRINTED_PLACES) : table.rows;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th>{table.rowHeader}</th>
            {table.columns.map((c, i) => (
              <th key={i}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th>{r.label}</th>
              {r.cells.map((c, i) => (
                <td key={i}>{format(c?.count ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length < table.rows.length && (
        <p className="meta">{more('patterns.sheet.morePlaces', { count: table.rows.length - rows.length })}</p>
      )}
    </>
  );
}
