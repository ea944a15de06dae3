import type { ReactNode } from 'react';
import { Button, Group, Paper } from '@mantine/core';
import type { MatchProposal } from '@shared/sanctions/designation-match';
import { BandBadge, MatchReasons } from '../../components/MatchReasons';

/** A proposed match as a person decides it: what each side says, why they may be one, and the two answers. */
export function ProposalCard({
  label,
  proposal,
  answers,
  onDecide,
  children,
}: {
  label: string;
  proposal: MatchProposal;
  answers: { same: string; different: string };
  onDecide: (decision: 'same' | 'different') => void;
  children: ReactNode;
}): ReactNode {
  return (
    <Paper withBorder p="sm" aria-label={label}>
      <Group justify="space-between" align="start">
        {children}
        <BandBadge band={proposal.band} score={proposal.score} />
      </Group>
      <MatchReasons fields={proposal.fields} />
      <Group mt="xs">
        <Button size="xs" onClick={() => onDecide('same')}>
          {answers.same}
        </Button>
        <Button size="xs" variant="default" onClick={() => onDecide('different')}>
          {answers.different}
        </Button>
      </Group>
    </Paper>
  );
}
