import { isCancelled } from '@shared/cancelled';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, FileInput, Group, List, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import type { DesignationRecord, SanctionsList } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { errorMessage } from '../../session/error-message';
import { randomId } from '../../db/webcrypto-key';
import { useFormatDate } from '../../components/use-format-date';
import type { ListRefusal } from '../../workers/sanctions-protocol';
import { readSanctionsList } from './read-sanctions-list';
import { listImportChanges, planListImport, type ListImportPlan } from './sanctions-import';

type Step =
  | { kind: 'choose' }
  | { kind: 'reading'; done: number; total: number }
  | { kind: 'review'; plan: ListImportPlan }
  | { kind: 'saving'; plan: ListImportPlan; done: number; total: number };

/** How many names of each kind of change the review lists; the rest are counted. */
const SHOWN = 50;

/**
 * Importing an authority's list: the file is read in a worker (progress, cancel), compared with what is on
 * file for that authority, and shown as what would change (newly listed, changed, de-listed, listed again);
 * only Save writes, in one commit, or nothing.
 */
export function ImportListPanel({
  stored,
  lists,
}: {
  stored: readonly DesignationRecord[];
  lists: readonly SanctionsList[];
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const fmt = useFormatDate();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [olderConfirmed, setOlderConfirmed] = useState(false);
  const abort = useRef<AbortController | null>(null);

  // The problem, where it is (line and element, or the file), and that nothing was kept.
  const refusalText = (r: ListRefusal): string =>
    [
      t(`sanctions.problem.${r.problem}`, { field: r.field ?? r.element ?? '—', detail: r.detail ?? '—' }),
      r.line ? t('sanctions.problem.where', { line: r.line, element: r.element ?? '—' }) : '',
      t('sanctions.problem.nothingSaved'),
    ]
      .filter(Boolean)
      .join(' ');

  const choose = async (files: File[]): Promise<void> => {
    setError(null);
    setSaved(null);
    if (!files.length) return;
    abort.current = new AbortController();
    setStep({ kind: 'reading', done: 0, total: files.reduce((n, f) => n + f.size, 0) });
    const read = await readSanctionsList(files, {
      signal: abort.current.signal,
      onProgress: (done, total) => setStep({ kind: 'reading', done, total }),
    });
    if (!read.ok) {
      setStep({ kind: 'choose' });
      setError('cancelled' in read ? t('sanctions.cancelled') : refusalText(read.refusal));
      return;
    }
    setOlderConfirmed(false);
    setStep({ kind: 'review', plan: planListImport(read, stored, lists) });
  };

  const save = async (plan: ListImportPlan): Promise<void> => {
    abort.current = new AbortController();
    const { list, changes } = listImportChanges(plan, { actor: session.actor, now: new Date(), newId: randomId });
    setStep({ kind: 'saving', plan, done: 0, total: changes.length });
    try {
      await session.store.commit(changes, {
        signal: abort.current.signal,
        onProgress: (done, total) => setStep({ kind: 'saving', plan, done, total }),
      });
      setSaved(
        t('sanctions.saved', {
          authority: t(`sanctions.authority.${list.authority}`),
          count: list.counts.designations,
        }),
      );
      setStep({ kind: 'choose' });
    } catch (e) {
      setStep({ kind: 'review', plan });
      setError(isCancelled(e) ? t('sanctions.cancelled') : errorMessage(t, e));
    }
  };

  const names = (ds: ReadonlyArray<{ names: ReadonlyArray<{ full: string }>; ref: string }>): ReactNode =>
    ds.length > 0 && (
      <List size="sm" spacing={2}>
        {ds.slice(0, SHOWN).map((d) => (
          <List.Item key={d.ref}>
            <bdi>{d.names[0]?.full}</bdi>{' '}
            <Text span size="xs" c="dimmed">
              ({d.ref})
            </Text>
          </List.Item>
        ))}
        {ds.length > SHOWN && <List.Item>{t('sanctions.andMore', { count: ds.length - SHOWN })}</List.Item>}
      </List>
    );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-list-h">
      <Title order={2} size="h4" id="import-list-h" mb="xs">
        {t('sanctions.importTitle')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('sanctions.importHint')}</Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {saved && (
          <Alert color="green" role="status">
            {saved}
          </Alert>
        )}
        {step.kind === 'choose' && (
          <FileInput
            multiple
            label={t('sanctions.file')}
            description={t('sanctions.fileHint')}
            accept=".xml,.csv,.xlsx,.json,text/xml,text/csv,application/json"
            placeholder={t('sanctions.choose')}
            onChange={(f) => void choose(f)}
          />
        )}
        {(step.kind === 'reading' || step.kind === 'saving') && (
          <Stack gap={4} role="status">
            <Text size="sm">
              {t(step.kind === 'reading' ? 'sanctions.reading' : 'sanctions.saving', {
                percent: step.total ? Math.floor((100 * step.done) / step.total) : 0,
              })}
            </Text>
            <Progress value={step.total ? (100 * step.done) / step.total : 0} aria-hidden />
            <Button variant="default" w="fit-content" onClick={() => abort.current?.abort()}>
              {t('actions.cancel')}
            </Button>
          </Stack>
        )}
        {step.kind === 'review' && (
          <Stack gap="xs" aria-label={t('sanctions.reviewTitle')}>
            <Title order={3} size="h5">
              {t('sanctions.reviewTitle')}
            </Title>
            <Text>
              {t('sanctions.reviewSummary', {
                authority: t(`sanctions.authority.${step.plan.parsed.meta.authority}`),
                format: t(`sanctions.format.${step.plan.parsed.meta.format}`),
                published: step.plan.parsed.meta.publishedOn
                  ? fmt(step.plan.parsed.meta.publishedOn)
                  : t('sanctions.noDate'),
                count: step.plan.parsed.designations.length,
              })}
            </Text>
            {step.plan.olderThan && (
              <Alert color="orange" role="alert">
                {t('sanctions.older', { date: fmt(step.plan.olderThan.publishedOn) })}
                <Checkbox
                  mt="xs"
                  label={t('sanctions.olderConfirm')}
                  checked={olderConfirmed}
                  onChange={(e) => setOlderConfirmed(e.currentTarget.checked)}
                />
              </Alert>
            )}
            {lists.some((l) => l.sha256 === step.plan.sha256) && (
              <Alert color="orange" role="status">
                {t('sanctions.sameFile')}
              </Alert>
            )}
            <Text fw={600}>{t('sanctions.added', { count: step.plan.added.length })}</Text>
            {names(step.plan.added)}
            <Text fw={600}>{t('sanctions.changed', { count: step.plan.changed.length })}</Text>
            {step.plan.changed.length > 0 && (
              <List size="sm" spacing={2}>
                {step.plan.changed.slice(0, SHOWN).map((c) => (
                  <List.Item key={c.after.ref}>
                    <bdi>{c.after.names[0]?.full}</bdi>:{' '}
                    {c.fields.map((f) => t(`sanctions.field.${f}`)).join(t('sanctions.listSeparator'))}
                  </List.Item>
                ))}
              </List>
            )}
            <Text fw={600}>{t('sanctions.delisted', { count: step.plan.delisted.length })}</Text>
            {names(step.plan.delisted)}
            <Text fw={600}>{t('sanctions.relisted', { count: step.plan.relisted.length })}</Text>
            {names(step.plan.relisted.map((r) => r.after))}
            <Text size="sm" c="dimmed">
              {t('sanctions.unchanged', { count: step.plan.unchanged })}
            </Text>
            <Group>
              <Button disabled={!!step.plan.olderThan && !olderConfirmed} onClick={() => void save(step.plan)}>
                {t('sanctions.save')}
              </Button>
              <Button variant="default" onClick={() => setStep({ kind: 'choose' })}>
                {t('sanctions.discard')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
