import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Person } from '@shared/domain/records';
import { pairKey, proposeMatches, type MatchProposal } from '@shared/sanctions/designation-match';
import { useSession } from '../../session/VaultProvider';
import { useCommitPlanned } from '../../session/use-commit-planned';
import { randomId } from '../../db/webcrypto-key';
import { consolidate, currentDecisions, decidedPairs, decisionChange, reversedDecision } from './consolidated';
import { DesignationSummary } from './DesignationSummary';
import { ProposalCard } from './ProposalCard';
import { useSanctions } from './use-sanctions';

/**
 * On a perpetrator's page: every authority that designated him (as people confirmed), and the designations that
 * may be him, each with its reasons, for a person to decide. Nothing is matched without that decision.
 */
export function PerpetratorSanctionsPanel({ person }: { person: Person }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { designations, matches, lists } = useSanctions();
  const [error, setError] = useState<string | null>(null);
  const commit = useCommitPlanned(setError);
  const current = useMemo(() => currentDecisions(matches ?? []), [matches]);
  const byId = useMemo(() => new Map((designations ?? []).map((d) => [d.id, d])), [designations]);
  // His, as decided: designations confirmed as him, and those decided to be one person with one of them.
  const his = useMemo(
    () =>
      designations && matches && lists
        ? (consolidate(designations, matches, lists, new Set(person.role === 'perpetrator' ? [person.id] : [])).find(
            (r) => r.personId === person.id,
          )?.designations ?? [])
        : [],
    [designations, matches, lists, person.id, person.role],
  );
  const direct = new Map(
    current.filter((m) => m.decision === 'same' && m.personId === person.id).map((m) => [m.designationId, m]),
  );
  // Matching him against every designation takes a moment with tens of thousands on file: done once per list
  // change, and each decision only filters what was found.
  const found = useMemo(() => (designations ? proposeMatches(designations, [person]) : []), [designations, person]);
  const proposals = useMemo(() => {
    if (!matches) return [];
    const mine = new Set(his.map((d) => d.id));
    const decided = decidedPairs(matches, pairKey);
    return found.filter(
      (p) => p.otherId === person.id && !mine.has(p.designationId) && !decided.has(pairKey(p.designationId, p.otherId)),
    );
  }, [found, matches, person.id, his]);
  const decide = (p: MatchProposal, decision: 'same' | 'different'): void =>
    void commit({
      ok: true,
      change: decisionChange(p, 'person', decision, { actor: session.actor, now: new Date(), newId: randomId }),
    });
  if (!designations) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sanctions-h">
      <Title order={2} size="h4" id="sanctions-h" mb="xs">
        {t('sanctions.perpetrator.title')}
      </Title>
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {his.length === 0 && <Text>{t('sanctions.perpetrator.none')}</Text>}
        {his.length > 0 && (
          <SimpleGrid cols={{ base: 1, md: 2 }} aria-label={t('sanctions.perpetrator.confirmed')}>
            {his.map((d) => {
              const m = direct.get(d.id);
              return (
                <Paper key={d.id} withBorder p="sm">
                  <DesignationSummary d={d} />
                  {!m && (
                    <Text mt="xs" size="xs" c="dimmed">
                      {t('sanctions.perpetrator.throughOther')}
                    </Text>
                  )}
                  {m && (
                    <Group mt="xs" justify="space-between">
                      <Text size="xs" c="dimmed">
                        {t('sanctions.perpetrator.decidedBy', { who: m.author })}
                      </Text>
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={t('sanctions.perpetrator.undoNamed', {
                          authority: t(`sanctions.authority.${d.authority}`),
                        })}
                        onClick={() =>
                          void commit({
                            ok: true,
                            change: reversedDecision(m, { actor: session.actor, now: new Date(), newId: randomId }),
                          })
                        }
                      >
                        {t('sanctions.perpetrator.undo')}
                      </Button>
                    </Group>
                  )}
                </Paper>
              );
            })}
          </SimpleGrid>
        )}
        {proposals.length > 0 && (
          <Stack gap="xs" aria-label={t('sanctions.perpetrator.proposals')}>
            <Title order={3} size="h5">
              {t('sanctions.perpetrator.proposals')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('sanctions.perpetrator.proposalsHint')}
            </Text>
            {proposals.map((p) => {
              const d = byId.get(p.designationId)!;
              const authority = t(`sanctions.authority.${d.authority}`);
              return (
                <ProposalCard
                  key={p.designationId}
                  label={t('sanctions.perpetrator.proposalNamed', { authority, name: d.names[0]?.full ?? '' })}
                  proposal={p}
                  answers={{ same: t('sanctions.perpetrator.same'), different: t('sanctions.perpetrator.different') }}
                  onDecide={(decision) => decide(p, decision)}
                >
                  <DesignationSummary d={d} />
                </ProposalCard>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
