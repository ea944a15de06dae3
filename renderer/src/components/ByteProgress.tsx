import type { ReactNode } from 'react';
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { formatBytes } from '../features/evidence/EvidencePanel';

/** Long work over bytes (reading a package, a backup): a labelled bar, bytes done of total, and Cancel. */
export function ByteProgress({ label, done, total, lang, cancelLabel, onCancel }: { label: string; done: number; total: number; lang: 'en' | 'ar'; cancelLabel: string; onCancel: () => void }): ReactNode {
  return (
    <Stack gap={4}>
      <Progress value={(100 * done) / Math.max(1, total)} aria-label={label} />
      <Group justify="space-between">
        <Text size="sm">{label} <bdi>{formatBytes(done, lang)} / {formatBytes(total, lang)}</bdi></Text>
        <Button size="xs" variant="default" onClick={onCancel}>{cancelLabel}</Button>
      </Group>
    </Stack>
  );
}
