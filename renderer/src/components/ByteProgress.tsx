import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { formatBytes } from './format';

/** Long work over bytes (reading a package, a backup): a labelled bar, bytes done of total, and Cancel. */
export function ByteProgress({
  label,
  done,
  total,
  lang,
  cancelLabel,
  onCancel,
}: {
  label: string;
  done: number;
  total: number;
  lang: 'en' | 'ar';
  cancelLabel: string;
  onCancel: () => void;
}): ReactNode {
  return (
    <Stack gap={4}>
      <Progress value={(100 * done) / Math.max(1, total)} aria-label={label} />
      <Group justify="space-between">
        <Text size="sm">
          {label}{' '}
          <bdi>
            {formatBytes(done, lang)} / {formatBytes(total, lang)}
          </bdi>
        </Text>
        <Button size="xs" variant="default" onClick={onCancel}>
          {cancelLabel}
        </Button>
      </Group>
    </Stack>
  );
}

export interface ByteWork {
  progress: { label: string; done: number; total: number } | null;
  error: string | null;
  setError: (e: string | null) => void;
  /** Runs one piece of long work with its own cancel; a failure becomes `error` (as `describe` puts it) and the result null. */
  run<T>(
    label: string,
    total: number,
    work: (signal: AbortSignal, onProgress: (done: number, total: number) => void) => Promise<T>,
  ): Promise<T | null>;
  cancel: () => void;
}

/** The state behind a ByteProgress: one run at a time, cancelled when the screen goes (a lock unmounts it), late progress ignored. */
export function useByteWork(describe: (e: unknown) => string): ByteWork {
  const [progress, setProgress] = useState<ByteWork['progress']>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const run = useCallback(
    async <T,>(
      label: string,
      total: number,
      work: (signal: AbortSignal, onProgress: (done: number, total: number) => void) => Promise<T>,
    ): Promise<T | null> => {
      setError(null);
      const ac = new AbortController();
      abort.current = ac;
      setProgress({ label, done: 0, total });
      try {
        return await work(ac.signal, (done, all) => {
          if (abort.current === ac) setProgress({ label, done, total: all });
        });
      } catch (e) {
        setError(describe(e));
        return null;
      } finally {
        setProgress(null);
        abort.current = null;
      }
    },
    [describe],
  );
  return { progress, error, setError, run, cancel: () => abort.current?.abort() };
}
