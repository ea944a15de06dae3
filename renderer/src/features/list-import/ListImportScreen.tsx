import { isCancelled } from '@shared/cancelled';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { CASE_KINDS, CASE_STATUSES, type CaseKind, type CaseStatus, type Place } from '@shared/domain/records';
import { ENCODINGS, type Encoding } from '@shared/list-import/decode';
import { formatPartialDate } from '@shared/domain/partial-date';
import { guessMapping, IMPORT_FIELDS, readRow, type ImportField } from '@shared/list-import/mapping';
import { useSession } from '../../session/VaultProvider';
import { useSettings } from '../../settings/settings-store';
import { errorMessage } from '../../session/error-message';
import { displayName } from '@shared/names/display-name';
import { BandBadge, MatchReasons } from '../../components/MatchReasons';
import { readListFile, type ListTable } from '@shared/list-import/read-list-file';
import { checkRows, runImport, type ListImportReport, type PlannedRow, type RowAction } from './list-import-plan';

type Step =
  | { kind: 'choose' }
  | { kind: 'map'; file: File; table: ListTable }
  | { kind: 'checking'; file: File; table: ListTable; done: number; total: number }
  | { kind: 'review'; file: File; table: ListTable; plan: PlannedRow[] }
  | { kind: 'importing'; file: File; table: ListTable; plan: PlannedRow[]; done: number; total: number }
  | { kind: 'done'; report: ListImportReport };

/** How many flagged or broken rows are listed on screen; the rest are handled by the bulk buttons and counted. */
const SHOWN = 200;

/**
 * Importing a list (detainees, releases, tracing lists) from CSV or XLSX:
 * the file is read and shown with a column mapping; every row is checked and
 * compared with everyone on file; rows that may already be on file wait for
 * a person's choice; then all of it is written in one transaction, or none.
 */
export function ListImportScreen(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { language } = useSettings();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [mapping, setMapping] = useState<ImportField[]>([]);
  const [kind, setKind] = useState<CaseKind>('enforced-disappearance');
  const [status, setStatus] = useState<CaseStatus>('detained');
  const [tag, setTag] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [places, setPlaces] = useState<Place[]>([]);
  const [, setVersion] = useState(0);
  const abort = useRef<AbortController | null>(null);

  const choose = async (file: File | null, encoding?: Encoding): Promise<void> => {
    setError(null);
    if (!file) return;
    const result = await readListFile(file, encoding);
    if (!result.ok) {
      setError(t(`importList.errors.${result.error}`));
      setStep({ kind: 'choose' });
      return;
    }
    setMapping((m) =>
      encoding && m.length === result.table.headers.length
        ? m
        : guessMapping(result.table.headers, result.table.rows.slice(0, 50)),
    );
    setTag((old) => (encoding ? old : `list:${file.name.replace(/\.[^.]+$/, '')}`.slice(0, 60)));
    setPlaces(await session.cases.places());
    setStep({ kind: 'map', file, table: result.table });
  };

  const check = async (): Promise<void> => {
    if (step.kind !== 'map') return;
    const { file, table } = step;
    abort.current = new AbortController();
    setStep({ kind: 'checking', file, table, done: 0, total: table.rows.length });
    try {
      const plan = await checkRows(table, mapping, session, places, {
        signal: abort.current.signal,
        onProgress: (done, total) => setStep({ kind: 'checking', file, table, done, total }),
      });
      setStep({ kind: 'review', file, table, plan });
    } catch (e) {
      setStep({ kind: 'map', file, table });
      if (!isCancelled(e)) setError(errorMessage(t, e));
    }
  };

  const doImport = async (): Promise<void> => {
    if (step.kind !== 'review') return;
    const { file, table, plan } = step;
    abort.current = new AbortController();
    setStep({ kind: 'importing', file, table, plan, done: 0, total: plan.length });
    try {
      const report = await runImport(
        session,
        plan,
        places,
        {
          kind,
          status,
          tag: tag.trim(),
          fileName: file.name,
          actor: session.actor,
          assignee: session.member.id,
          reason: (line) => t('importList.reason', { file: file.name, line }),
          listedNote: (line) => t('importList.listedNote', { file: file.name, line }),
        },
        {
          signal: abort.current.signal,
          onProgress: (done, total) => setStep({ kind: 'importing', file, table, plan, done, total }),
        },
      );
      setStep({ kind: 'done', report });
    } catch (e) {
      setStep({ kind: 'review', file, table, plan });
      setError(isCancelled(e) ? t('importList.cancelled') : errorMessage(t, e));
    }
  };

  const preview = useMemo(
    () =>
      step.kind === 'map' ? step.table.rows.slice(0, 8).map((r) => readRow(r, mapping, step.table.headers.length)) : [],
    [step, mapping],
  );

  return (
    <Stack pb="xl">
      <Title order={1} size="h2">
        {t('importList.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('importList.intro')}
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}

      {(step.kind === 'choose' || step.kind === 'map') && (
        <FileInput
          label={t('importList.file')}
          description={t('importList.fileHint')}
          accept=".csv,.tsv,.txt,.xlsx,text/csv"
          clearable
          placeholder={t('importList.choose')}
          onChange={(f) => void choose(f)}
        />
      )}

      {step.kind === 'map' && (
        <Paper withBorder p="md" component="section" aria-labelledby="map-h">
          <Title order={2} size="h4" id="map-h" mb="xs">
            {t('importList.mapTitle')}
          </Title>
          <Text size="sm" mb="sm">
            {t('importList.fileSummary', { rows: step.table.rows.length, columns: step.table.headers.length })}
          </Text>
          {step.table.encoding !== 'xlsx' && (
            <Select
              label={t('importList.encoding')}
              w={280}
              mb="sm"
              value={step.table.encoding}
              allowDeselect={false}
              data={ENCODINGS.map((e) => ({ value: e, label: t(`importList.encodings.${e}`) }))}
              onChange={(v) => v && void choose(step.file, v as Encoding)}
            />
          )}
          {step.table.unreadable > 0 && (
            <Alert color="orange" mb="sm" role="alert">
              {t('importList.unreadable', { count: step.table.unreadable })}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mb="md">
            {step.table.headers.map((h, i) => (
              <Select
                key={i}
                label={t('importList.column', { name: h || String(i + 1) })}
                value={mapping[i] ?? 'ignore'}
                allowDeselect={false}
                data={IMPORT_FIELDS.map((f) => ({ value: f, label: t(`importList.fields.${f}`) }))}
                onChange={(v) => setMapping((m) => m.map((x, j) => (j === i ? (v as ImportField) : x)))}
              />
            ))}
          </SimpleGrid>
          <Title order={3} size="h5" mb="xs">
            {t('importList.preview')}
          </Title>
          <ScrollArea>
            <Table withTableBorder aria-label={t('importList.preview')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('importList.row')}</Table.Th>
                  <Table.Th>{t('importList.fields.nameAr')}</Table.Th>
                  <Table.Th>{t('importList.fields.nameLatin')}</Table.Th>
                  <Table.Th>{t('importList.fields.fatherName')}</Table.Th>
                  <Table.Th>{t('importList.fields.birthDate')}</Table.Th>
                  <Table.Th>{t('importList.problems')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.map((r, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{step.table.lines[i]}</Table.Td>
                    {r.ok ? (
                      <>
                        <Table.Td dir="rtl">{r.person.nameAr}</Table.Td>
                        <Table.Td dir="ltr">{r.person.nameLatin}</Table.Td>
                        <Table.Td dir="auto">{r.person.fatherName}</Table.Td>
                        <Table.Td>{r.person.birthDate ? formatPartialDate(r.person.birthDate, language) : ''}</Table.Td>
                        <Table.Td />
                      </>
                    ) : (
                      <>
                        <Table.Td colSpan={4} />
                        <Table.Td c="red">{r.problems.map((p) => t(`importList.rowProblems.${p}`)).join(' ')}</Table.Td>
                      </>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          <SimpleGrid cols={{ base: 1, md: 3 }} mt="md">
            <Select
              label={t('importList.kind')}
              value={kind}
              allowDeselect={false}
              onChange={(v) => v && setKind(v as CaseKind)}
              data={CASE_KINDS.map((k) => ({ value: k, label: t(`caseKind.${k}`) }))}
            />
            <Select
              label={t('importList.status')}
              value={status}
              allowDeselect={false}
              onChange={(v) => v && setStatus(v as CaseStatus)}
              data={CASE_STATUSES.map((s) => ({ value: s, label: t(`caseStatus.${s}`) }))}
            />
            <TextInput
              label={t('importList.tag')}
              value={tag}
              onChange={(e) => setTag(e.currentTarget.value)}
              dir="auto"
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="md">
            <Button onClick={() => void check()} disabled={!mapping.some((m) => m === 'nameAr' || m === 'nameLatin')}>
              {t('importList.check')}
            </Button>
          </Group>
          {!mapping.some((m) => m === 'nameAr' || m === 'nameLatin') && (
            <Text size="sm" c="red" ta="end">
              {t('importList.needName')}
            </Text>
          )}
        </Paper>
      )}

      {(step.kind === 'checking' || step.kind === 'importing') && (
        <Paper
          withBorder
          p="md"
          role="status"
          aria-label={t(step.kind === 'checking' ? 'importList.checking' : 'importList.importing')}
        >
          <Text mb="xs">
            {t(step.kind === 'checking' ? 'importList.checkingProgress' : 'importList.importingProgress', {
              done: step.done.toLocaleString(language),
              total: step.total.toLocaleString(language),
            })}
          </Text>
          <Progress value={step.total ? (100 * step.done) / step.total : 0} aria-hidden />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={() => abort.current?.abort()}>
              {t('actions.cancel')}
            </Button>
          </Group>
        </Paper>
      )}

      {step.kind === 'review' && (
        <Review
          step={step}
          onChange={() => setVersion((v) => v + 1)}
          onImport={() => void doImport()}
          onBack={() => setStep({ kind: 'map', file: step.file, table: step.table })}
          language={language}
        />
      )}

      {step.kind === 'done' && (
        <Alert color="teal" role="status" title={t('importList.doneTitle')}>
          <Text>
            {t('importList.report', {
              created: step.report.created,
              linked: step.report.linked,
              skipped: step.report.skipped,
              invalid: step.report.invalid,
            })}
          </Text>
          {step.report.tag && <Text size="sm">{t('importList.taggedAs', { tag: step.report.tag })}</Text>}
          {step.report.references.length > 0 && (
            <Text size="sm" ff="monospace" dir="ltr">
              {step.report.references.join(' ')}
              {step.report.created > step.report.references.length ? ' …' : ''}
            </Text>
          )}
          <Group mt="sm">
            <Anchor component={Link} to="/cases">
              {t('importList.openCases')}
            </Anchor>
            <Button variant="light" onClick={() => setStep({ kind: 'choose' })}>
              {t('importList.another')}
            </Button>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}

function Review({
  step,
  onChange,
  onImport,
  onBack,
  language,
}: {
  step: Extract<Step, { kind: 'review' }>;
  onChange: () => void;
  onImport: () => void;
  onBack: () => void;
  language: 'en' | 'ar';
}): ReactNode {
  const { t } = useTranslation();
  const invalid = step.plan.filter((r) => !r.result.ok);
  const flagged = step.plan.filter((r) => r.result.ok && r.match);
  const undecided = flagged.filter((r) => r.action === null).length;
  const clean = step.plan.filter((r) => r.result.ok && !r.match).length;
  const setAll = (rows: PlannedRow[], action: RowAction): void => {
    for (const r of rows) r.action = action;
    onChange();
  };
  const willImport = step.plan.filter((r) => r.result.ok && (r.action === 'create' || r.action === 'link')).length;

  return (
    <Stack>
      <Paper withBorder p="md">
        <Text role="status">
          {t('importList.summary', { clean, flagged: flagged.length, invalid: invalid.length })}
        </Text>
      </Paper>
      {invalid.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="invalid-h">
          <Title order={2} size="h4" id="invalid-h" c="red">
            {t('importList.invalidTitle', { count: invalid.length })}
          </Title>
          <Text size="sm" mb="xs">
            {t('importList.invalidIntro')}
          </Text>
          <Stack gap={2} component="ul" style={{ margin: 0 }}>
            {invalid.slice(0, SHOWN).map((r) => (
              <Text component="li" size="sm" key={r.line}>
                {t('importList.rowLine', { line: r.line })}:{' '}
                {!r.result.ok && r.result.problems.map((p) => t(`importList.rowProblems.${p}`)).join(' ')}
              </Text>
            ))}
          </Stack>
          {invalid.length > SHOWN && (
            <Text size="sm" c="dimmed">
              {t('importList.more', { count: invalid.length - SHOWN })}
            </Text>
          )}
        </Paper>
      )}
      {flagged.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="flagged-h">
          <Title order={2} size="h4" id="flagged-h">
            {t('importList.flaggedTitle', { count: flagged.length })}
          </Title>
          <Text size="sm" mb="xs">
            {t('importList.flaggedIntro')}
          </Text>
          <Group mb="sm" gap="xs">
            <Button
              size="xs"
              variant="light"
              onClick={() =>
                setAll(
                  flagged.filter((r) => r.match?.band === 'probable'),
                  'link',
                )
              }
            >
              {t('importList.bulkLinkProbable')}
            </Button>
            <Button size="xs" variant="light" onClick={() => setAll(flagged, 'create')}>
              {t('importList.bulkCreate')}
            </Button>
            <Button size="xs" variant="light" onClick={() => setAll(flagged, 'skip')}>
              {t('importList.bulkSkip')}
            </Button>
          </Group>
          <Stack gap="xs">
            {flagged.slice(0, SHOWN).map((r) => {
              if (!r.result.ok || !r.match) return null;
              const p = r.result.person;
              const rowName = displayName(p.nameAr, p.nameLatin, language);
              return (
                <Paper
                  key={r.line}
                  withBorder
                  p="xs"
                  component="article"
                  aria-label={t('importList.rowLine', { line: r.line })}
                >
                  <Group justify="space-between" align="start" wrap="nowrap">
                    <div>
                      <Text size="sm">
                        <b>{t('importList.rowLine', { line: r.line })}:</b> <span dir="auto">{rowName}</span>
                      </Text>
                      <Text size="sm">
                        {t('importList.onFile')}{' '}
                        <span dir="auto">{displayName(r.match.nameAr, r.match.nameLatin, language)}</span>{' '}
                        {r.match.reference && (
                          <Text span ff="monospace" size="xs">
                            {r.match.reference}
                          </Text>
                        )}
                      </Text>
                    </div>
                    <BandBadge band={r.match.band} score={r.match.score} />
                  </Group>
                  <MatchReasons fields={r.match.fields} />
                  <SegmentedControl
                    mt={6}
                    size="xs"
                    value={r.action ?? ''}
                    aria-label={t('importList.actionFor', { line: r.line })}
                    onChange={(v) => {
                      r.action = v as RowAction;
                      onChange();
                    }}
                    data={[
                      { value: 'link', label: t('importList.actions.link') },
                      { value: 'create', label: t('importList.actions.create') },
                      { value: 'skip', label: t('importList.actions.skip') },
                    ]}
                  />
                </Paper>
              );
            })}
          </Stack>
          {flagged.length > SHOWN && (
            <Text size="sm" c="dimmed" mt="xs">
              {t('importList.more', { count: flagged.length - SHOWN })}
            </Text>
          )}
        </Paper>
      )}
      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          {t('importList.backToMapping')}
        </Button>
        <Group>
          {undecided > 0 && (
            <Text size="sm" c="orange">
              {t('importList.undecided', { count: undecided })}
            </Text>
          )}
          <Button onClick={onImport} disabled={undecided > 0 || willImport === 0}>
            {t('importList.import', { count: willImport })}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
