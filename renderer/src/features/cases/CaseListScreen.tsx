import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MAX_BATCH } from '@shared/print/summary';
import { MAX_EXPORT } from '@shared/package/export-plan';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  MultiSelect,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { CASE_KINDS, CASE_STATUSES, type CaseKind, type CaseStatus } from '@shared/domain/records';
import type { CaseSummary } from '../../db/case-repository';
import { duplicateReferences } from '@shared/domain/reference-code';
import { useSession } from '../../session/VaultProvider';
import { errorMessage } from '../../session/error-message';
import { useSettings } from '../../settings/settings-store';
import {
  facets,
  filterCases,
  hasFilters,
  NO_FILTERS,
  sortCases,
  type CaseFilters,
  type CaseSort,
} from './case-list-model';
import { displayName } from '@shared/names/display-name';
import { StatusBadge } from './StatusBadge';
import { formatTimestamp } from '../../components/format';
import classes from './CaseList.module.css';
import { useMemberNames } from '../../session/use-member-names';

const ROW_HEIGHT = 44;

export function CaseListScreen(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const settings = useSettings();
  const navigate = useNavigate();
  const [all, setAll] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<CaseFilters>(NO_FILTERS);
  const [sort, setSort] = useState<CaseSort>('updated');
  const nameOf = useMemberNames();
  const me = session.member.id;

  // Cases that arrive from the team's other laptops, or change there, show without leaving the list.
  const [tick, setTick] = useState(0);
  useEffect(() => session.cases.onChange(() => setTick((n) => n + 1)), [session]);
  useEffect(() => {
    let live = true;
    session.cases.summaries().then(
      (s) => {
        if (live) setAll(s);
      },
      (e: unknown) => {
        if (live) setError(errorMessage(t, e));
      },
    );
    return () => {
      live = false;
    };
  }, [session, t, tick]);

  const counts = useMemo(() => facets(all ?? []), [all]);
  // Two cases under one reference (numbered alike by two offices before prefixes): a family must never be told
  // the wrong one's news, so it is said at the top of the list.
  const duplicates = useMemo(() => duplicateReferences(all ?? []), [all]);
  const shown = useMemo(
    () => sortCases(filterCases(all ?? [], filters), sort, settings.language),
    [all, filters, sort, settings.language],
  );
  // Printing and exporting take only what this member can read; the restricted cases left out are counted.
  const readable = useMemo(() => shown.filter((c) => !c.withheld), [shown]);
  const withheld = shown.length - readable.length;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const withCount = (label: string, count: number): string => t('cases.withCount', { label, count });
  const open = (id: string): void => {
    void navigate(`/cases/${id}`);
  };
  const onRowKey = (e: KeyboardEvent, index: number, id: string): void => {
    if (e.key === 'Enter') open(id);
    const next = e.key === 'ArrowDown' ? index + 1 : e.key === 'ArrowUp' ? index - 1 : null;
    if (next !== null && next >= 0 && next < shown.length) {
      e.preventDefault();
      virtualizer.scrollToIndex(next);
      requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
    }
  };

  const cols = ['reference', 'name', 'status', 'kind', 'priority', 'assignee', 'updated'] as const;

  return (
    <Stack h="calc(100vh - 56px - 2 * var(--mantine-spacing-md))" gap="sm">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('cases.title')}
        </Title>
        <Group gap="xs">
          <Button
            variant="light"
            disabled={readable.length === 0}
            title={readable.length > MAX_BATCH ? t('cases.printFirst', { count: MAX_BATCH }) : undefined}
            onClick={() =>
              void navigate(
                `/print?cases=${readable
                  .slice(0, MAX_BATCH)
                  .map((c) => c.id)
                  .join(',')}`,
              )
            }
          >
            {t('cases.printShown', { count: Math.min(readable.length, MAX_BATCH) })}
          </Button>
          <Button
            variant="light"
            disabled={readable.length === 0}
            onClick={() =>
              void navigate(
                `/export?cases=${readable
                  .slice(0, MAX_EXPORT)
                  .map((c) => c.id)
                  .join(',')}`,
              )
            }
          >
            {t('export.openList', { count: Math.min(readable.length, MAX_EXPORT) })}
          </Button>
          <Button onClick={() => void navigate('/cases/new')}>{t('actions.newCase')}</Button>
        </Group>
      </Group>
      {duplicates.size > 0 && (
        <Alert color="orange" role="alert" title={t('cases.duplicateRefsTitle')}>
          {t('cases.duplicateRefs', {
            references: [...duplicates].map(([ref, ids]) => `${ref} (${ids.length})`).join(t('common.listSeparator')),
          })}
        </Alert>
      )}
      <Group align="end" gap="sm" wrap="wrap">
        <TextInput
          label={t('cases.filterText')}
          value={filters.text}
          onChange={(e) => setFilters({ ...filters, text: e.currentTarget.value })}
          w={220}
        />
        <Select
          label={t('cases.filterStatus')}
          placeholder={t('cases.any')}
          clearable
          value={filters.status}
          w={170}
          onChange={(v) => setFilters({ ...filters, status: v as CaseStatus | null })}
          data={CASE_STATUSES.map((s) => ({ value: s, label: withCount(t(`caseStatus.${s}`), counts.status[s]) }))}
        />
        <Select
          label={t('cases.filterKind')}
          placeholder={t('cases.any')}
          clearable
          value={filters.kind}
          w={220}
          onChange={(v) => setFilters({ ...filters, kind: v as CaseKind | null })}
          data={CASE_KINDS.map((k) => ({ value: k, label: withCount(t(`caseKind.${k}`), counts.kinds.get(k) ?? 0) }))}
        />
        <Button
          variant={filters.assignee === me ? 'filled' : 'default'}
          aria-pressed={filters.assignee === me}
          onClick={() => setFilters({ ...filters, assignee: filters.assignee === me ? null : me })}
        >
          {t('cases.mine', { count: counts.assignees.get(me) ?? 0 })}
        </Button>
        <Select
          label={t('cases.filterAssignee')}
          placeholder={t('cases.any')}
          clearable
          searchable
          value={filters.assignee}
          w={180}
          onChange={(v) => setFilters({ ...filters, assignee: v })}
          data={[...counts.assignees]
            .map(([a, n]) => ({ value: a, label: withCount(nameOf(a), n) }))
            .sort((x, y) => x.label.localeCompare(y.label, settings.language))}
        />
        <MultiSelect
          label={t('cases.filterTags')}
          placeholder={filters.tags.length ? undefined : t('cases.any')}
          searchable
          value={filters.tags}
          w={200}
          onChange={(v) => setFilters({ ...filters, tags: v })}
          data={[...counts.tags].sort().map(([tag, n]) => ({ value: tag, label: withCount(tag, n) }))}
        />
        <Select
          label={t('cases.sort')}
          value={sort}
          w={170}
          allowDeselect={false}
          onChange={(v) => setSort((v ?? 'updated') as CaseSort)}
          data={(['updated', 'reference', 'name', 'priority'] as const).map((s) => ({
            value: s,
            label: t(`cases.sortBy.${s}`),
          }))}
        />
        {hasFilters(filters) && (
          <Button variant="subtle" onClick={() => setFilters(NO_FILTERS)}>
            {t('cases.clearFilters')}
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {all === null && !error && (
        <Group>
          <Loader size="sm" />
          <Text>{t('cases.loading')}</Text>
        </Group>
      )}
      {all !== null && (
        <>
          <Text size="sm" c="dimmed" role="status">
            {t('cases.count', { shown: shown.length, total: all.length })}
            {withheld > 0 && <> {t('cases.withheldCount', { count: withheld })}</>}
          </Text>
          {all.length === 0 ? (
            <Stack align="start">
              <Text>{t('cases.empty')}</Text>
              <Button onClick={() => void navigate('/cases/new')}>{t('actions.newCase')}</Button>
            </Stack>
          ) : shown.length === 0 ? (
            <Text>{t('cases.emptyFiltered')}</Text>
          ) : (
            <Box role="table" aria-label={t('cases.table')} aria-rowcount={shown.length + 1} className={classes.table}>
              <div role="rowgroup">
                <div role="row" className={`${classes.row} ${classes.head}`} aria-rowindex={1}>
                  {cols.map((c) => (
                    <div role="columnheader" key={c} className={classes[c]}>
                      {t(`cases.col.${c}`)}
                    </div>
                  ))}
                </div>
              </div>
              <div ref={scrollRef} className={classes.scroller} role="rowgroup">
                <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                  {virtualizer.getVirtualItems().map((v) => {
                    const c = shown[v.index]!;
                    return (
                      <div
                        key={c.id}
                        role="row"
                        tabIndex={0}
                        data-index={v.index}
                        aria-rowindex={v.index + 2}
                        className={classes.row}
                        style={{
                          position: 'absolute',
                          insetInlineStart: 0,
                          insetInlineEnd: 0,
                          top: v.start,
                          height: ROW_HEIGHT,
                        }}
                        onClick={() => open(c.id)}
                        onKeyDown={(e) => onRowKey(e, v.index, c.id)}
                      >
                        <div role="cell" className={classes.reference} dir="ltr">
                          {c.reference}
                        </div>
                        <div role="cell" className={classes.name}>
                          {c.withheld ? (
                            <Text span size="sm" c="dimmed" fs="italic">
                              {t('cases.withheldRow', { level: t(`confidentiality.${c.confidentiality ?? 'strict'}`) })}
                            </Text>
                          ) : (
                            displayName(c.nameAr, c.nameLatin, settings.language)
                          )}
                        </div>
                        <div role="cell" className={classes.status}>
                          {!c.withheld && <StatusBadge status={c.status} />}
                        </div>
                        <div role="cell" className={classes.kind}>
                          {!c.withheld && t(`caseKind.${c.kind}`)}
                        </div>
                        <div role="cell" className={classes.priority}>
                          {c.withheld ? null : c.priority === 'urgent' || c.priority === 'high' ? (
                            <Badge color={c.priority === 'urgent' ? 'red' : 'orange'} variant="light">
                              {t(`priority.${c.priority}`)}
                            </Badge>
                          ) : (
                            t(`priority.${c.priority}`)
                          )}
                        </div>
                        <div role="cell" className={classes.assignee}>
                          {c.withheld ? null : c.assignee ? nameOf(c.assignee) : t('common.none')}
                        </div>
                        <div role="cell" className={classes.updated}>
                          {formatTimestamp(c.updatedAt, settings)}
                        </div>
                      </div>
                    );
                  })}
                </div>
              </div>
            </Box>
          )}
        </>
      )}
    </Stack>
  );
}
