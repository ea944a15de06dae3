import { useMemo, useRef, useState, type ReactNode } from 'react';
import { isCancelled } from '@shared/cancelled';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { DesignationMatch, DesignationRecord, SanctionsList } from '@shared/domain/records';
import { AUTHORITIES } from '@shared/sanctions/designation';
import { pairKey, proposeAcrossAuthorities, type MatchProposal } from '@shared/sanctions/designation-match';
import { useSession } from '../../session/VaultProvider';
import { useSettings } from '../../settings/settings-store';
import { useCommitPlanned } from '../../session/use-commit-planned';
import { randomId } from '../../db/webcrypto-key';
import { saveBytes } from '../../components/save-bytes';
import { useFormatDate } from '../../components/use-format-date';
import { consolidate, decidedPairs, decisionChange, isGap, type ConsolidatedRow } from './consolidated';
import { useRecords } from '../../session/use-records';
import { displayName } from '@shared/names/display-name';
import { consolidatedCsv, consolidatedTable, consolidatedXlsx } from './consolidated-export';
import { DesignationSummary } from './DesignationSummary';
import { ProposalCard } from './ProposalCard';

const SHOWN = 200;

/**
 * One row per person across every authority's list (as people decided the designations are one), which
 * authorities designate them and which, with a list on file, do not; exported for advocates as CSV or XLSX.
 */
export function ConsolidatedPanel({
  designations,
  matches,
  lists,
}: {
  designations: readonly DesignationRecord[];
  matches: readonly DesignationMatch[];
  lists: readonly SanctionsList[];
}): ReactNode {
  const { t } = useTranslation();
  const { language } = useSettings();
  const session = useSession();
  const fmt = useFormatDate();
  const [onlyGaps, setOnlyGaps] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const commit = useCommitPlanned(setError);
  // A decision counts only where it names a perpetrator on file: never a victim's or a witness's record.
  const { records: perpetrators } = useRecords(session.persons, (p) => p.role === 'perpetrator', []);
  const rows = useMemo(
    () => consolidate(designations, matches, lists, new Set((perpetrators ?? []).map((p) => p.id))),
    [designations, matches, lists, perpetrators],
  );
  // A row joined to a perpetrator on file goes by his name as the office writes it.
  const linked = useMemo(() => new Set(rows.flatMap((r) => (r.personId ? [r.personId] : []))), [rows]);
  const people = useMemo(
    () => new Map((perpetrators ?? []).filter((p) => linked.has(p.id)).map((p) => [p.id, p])),
    [perpetrators, linked],
  );
  const nameOf = (r: ConsolidatedRow): string => {
    const p = r.personId ? people.get(r.personId) : undefined;
    return p ? displayName(p.nameAr, p.nameLatin, language) : (r.names[0] ?? '');
  };
  const authorities = AUTHORITIES.filter((a) => lists.some((l) => l.authority === a));
  const shown = useMemo(
    () => rows.filter((r) => !onlyGaps || isGap(r)).sort((a, b) => b.designations.length - a.designations.length),
    [rows, onlyGaps],
  );
  const byId = useMemo(() => new Map(designations.map((d) => [d.id, d])), [designations]);
  // Searching every list for one person under two authorities takes seconds: it runs when asked, with progress.
  const [found, setFound] = useState<MatchProposal[] | null>(null);
  const [searching, setSearching] = useState<{ done: number; total: number } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const search = async (): Promise<void> => {
    abort.current = new AbortController();
    setSearching({ done: 0, total: designations.length });
    try {
      setFound(
        await proposeAcrossAuthorities(designations, decidedPairs(matches, pairKey), {
          signal: abort.current.signal,
          onProgress: (done, total) => setSearching({ done, total }),
        }),
      );
    } catch (e) {
      if (!isCancelled(e) && !(e instanceof DOMException)) setError(t('sanctions.consolidated.searchFailed'));
    } finally {
      setSearching(null);
    }
  };
  // Pairs decided since, or already in one row (both confirmed as one perpetrator), need no decision of their own.
  const across = useMemo(() => {
    if (!found) return null;
    const rowOf = new Map(rows.flatMap((r) => r.designations.map((d) => [d.id, r.key] as const)));
    const decided = decidedPairs(matches, pairKey);
    return found.filter(
      (p) => rowOf.get(p.designationId) !== rowOf.get(p.otherId) && !decided.has(pairKey(p.designationId, p.otherId)),
    );
  }, [found, matches, rows]);

  const save = async (kind: 'csv' | 'xlsx'): Promise<void> => {
    setError(null);
    try {
      const table = consolidatedTable(shown, t, language, nameOf);
      const bytes =
        kind === 'csv'
          ? consolidatedCsv(table)
          : await consolidatedXlsx(table, t('sanctions.consolidated.title'), language);
      await saveBytes(`athar-designations.${kind}`, bytes);
    } catch {
      setError(t('sanctions.consolidated.exportFailed'));
    }
  };
  const decide = (p: MatchProposal, decision: 'same' | 'different'): void =>
    void commit({
      ok: true,
      change: decisionChange(p, 'designation', decision, { actor: session.actor, now: new Date(), newId: randomId }),
    });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="consolidated-h">
      <Title order={2} size="h4" id="consolidated-h" mb="xs">
        {t('sanctions.consolidated.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('sanctions.consolidated.hint')}</Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group>
          <Checkbox
            label={t('sanctions.consolidated.onlyGaps')}
            checked={onlyGaps}
            onChange={(e) => setOnlyGaps(e.currentTarget.checked)}
          />
          <Button variant="default" size="xs" onClick={() => void save('csv')}>
            {t('sanctions.consolidated.exportCsv')}
          </Button>
          <Button variant="default" size="xs" onClick={() => void save('xlsx')}>
            {t('sanctions.consolidated.exportXlsx')}
          </Button>
        </Group>
        <Table striped withTableBorder aria-labelledby="consolidated-h">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sanctions.consolidated.col.name')}</Table.Th>
              {authorities.map((a) => (
                <Table.Th key={a}>{t(`sanctions.authority.${a}`)}</Table.Th>
              ))}
              <Table.Th>{t('sanctions.consolidated.col.gap')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.slice(0, SHOWN).map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>
                  {r.personId ? (
                    <Anchor component={Link} to={`/perpetrators/${r.personId}`}>
                      <bdi>{nameOf(r)}</bdi>
                    </Anchor>
                  ) : (
                    <bdi>{r.names[0]}</bdi>
                  )}
                  {r.names.length > 1 && (
                    <Text size="xs" c="dimmed">
                      <bdi>{r.names.slice(1, 4).join(' · ')}</bdi>
                    </Text>
                  )}
                </Table.Td>
                {authorities.map((a) => {
                  const d = r.byAuthority[a];
                  return (
                    <Table.Td key={a}>
                      {!d
                        ? '—'
                        : d.delistedOn
                          ? t('sanctions.consolidated.delisted', { date: fmt(d.delistedOn) })
                          : d.listedOn
                            ? t('sanctions.consolidated.listed', { date: fmt(d.listedOn) })
                            : t('sanctions.consolidated.listedUndated')}
                    </Table.Td>
                  );
                })}
                <Table.Td>
                  {isGap(r) && (
                    <Badge color="orange" variant="light" tt="none">
                      {t('sanctions.consolidated.notBy', {
                        authorities: r.notBy
                          .map((a) => t(`sanctions.authority.${a}`))
                          .join(t('sanctions.listSeparator')),
                      })}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {shown.length > SHOWN && (
          <Text size="sm">{t('sanctions.showingSome', { shown: SHOWN, count: shown.length })}</Text>
        )}
        <Stack gap="xs" aria-label={t('sanctions.consolidated.across')}>
          <Title order={3} size="h5">
            {t('sanctions.consolidated.across')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('sanctions.consolidated.acrossHint')}
          </Text>
          {!searching && (
            <Button variant="default" w="fit-content" onClick={() => void search()}>
              {t(found ? 'sanctions.consolidated.searchAgain' : 'sanctions.consolidated.search')}
            </Button>
          )}
          {searching && (
            <Stack gap={4} role="status">
              <Text size="sm">
                {t('sanctions.consolidated.searching', {
                  percent: searching.total ? Math.floor((100 * searching.done) / searching.total) : 0,
                })}
              </Text>
              <Progress value={searching.total ? (100 * searching.done) / searching.total : 0} aria-hidden />
              <Button variant="default" w="fit-content" onClick={() => abort.current?.abort()}>
                {t('actions.cancel')}
              </Button>
            </Stack>
          )}
          {across && across.length === 0 && <Text size="sm">{t('sanctions.consolidated.noneAcross')}</Text>}
          {across?.slice(0, 50).map((p) => {
            const a = byId.get(p.designationId);
            const b = byId.get(p.otherId);
            // Gone since the search (a newer list, another laptop): nothing to decide.
            if (!a || !b) return null;
            return (
              <ProposalCard
                key={`${p.designationId}-${p.otherId}`}
                label={t('sanctions.consolidated.pairNamed', { a: a.names[0]?.full ?? '', b: b.names[0]?.full ?? '' })}
                proposal={p}
                answers={{ same: t('sanctions.consolidated.same'), different: t('sanctions.consolidated.different') }}
                onDecide={(decision) => decide(p, decision)}
              >
                <Group align="start" grow>
                  <DesignationSummary d={a} />
                  <DesignationSummary d={b} />
                </Group>
              </ProposalCard>
            );
          })}
        </Stack>
      </Stack>
    </Paper>
  );
}
