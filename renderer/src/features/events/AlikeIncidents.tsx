import type { ReactNode } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { DetentionEvent } from '@shared/domain/records';
import { useFormatDate } from '../../components/use-format-date';

/**
 * Incidents already on file at the same place and time, offered before a second copy of one happening is written:
 * each with its name, date and place, and one button that ties to it (or merges into it).
 */
export function AlikeIncidents({
  title,
  incidents,
  nameOf,
  placeOf,
  action,
  actionNameOf,
  onPick,
}: {
  title: string;
  incidents: readonly DetentionEvent[];
  nameOf: (e: DetentionEvent) => string;
  placeOf: (placeId: string | null) => string;
  action: string;
  actionNameOf: (e: DetentionEvent) => string;
  onPick: (e: DetentionEvent) => void;
}): ReactNode {
  const fmt = useFormatDate();
  if (incidents.length === 0) return null;
  return (
    <Alert color="blue" role="status" title={title}>
      <Stack gap={4}>
        {incidents.map((e) => (
          <Group key={e.id} justify="space-between" wrap="nowrap">
            <Text size="sm">
              <bdi>{nameOf(e)}</bdi> · {fmt(e.date)} · <bdi>{placeOf(e.placeId)}</bdi>
            </Text>
            <Button size="xs" variant="light" aria-label={actionNameOf(e)} onClick={() => onPick(e)}>
              {action}
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
