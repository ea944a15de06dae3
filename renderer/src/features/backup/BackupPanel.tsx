import { useCallback, useEffect, useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import { MIN_BACKUPS_KEPT } from '@shared/package/file-names';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { BackupSchedule } from '@shared/package/backup-format';
import { MIN_PASSPHRASE_LENGTH } from '../../db/vault';
import { platform } from '../../platform/platform';
import { useSession } from '../../session/VaultProvider';
import { ByteProgress } from '../../components/ByteProgress';
import { packageProblemMessage } from '../../package/package-problem';
import {
  backupRunner,
  BackupNotReady,
  loadBackupSettings,
  saveBackupSettings,
  type BackupSettings,
  type RunResult,
} from './backup-runner';

/** Checks for a due scheduled backup shortly after unlock and then every few minutes, while the vault is open. */
export function useScheduledBackups(): void {
  const session = useSession();
  useEffect(() => {
    const tick = (): void => {
      void backupRunner.runIfDue(session).catch(() => undefined);
    };
    const first = setTimeout(tick, 30_000);
    const every = setInterval(tick, 5 * 60_000);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }, [session]);
}

export function useBackupRun() {
  return useSyncExternalStore(backupRunner.subscribe, backupRunner.snapshot);
}

/** Settings → Backups: the passphrase, the folder, the schedule and rotation, and a backup now. */
export function BackupPanel(): ReactNode {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const lang = i18n.language === 'ar' ? 'ar' : 'en';
  const run = useBackupRun();
  const [settings, setSettings] = useState<BackupSettings | null>(null);
  const [folder, setFolder] = useState<string | null>(null);
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);

  const reload = useCallback(async () => {
    setSettings(await loadBackupSettings(session));
    setFolder(await platform.backupFolder());
  }, [session]);
  useEffect(() => {
    void reload();
  }, [reload, run.running]);

  const update = async (patch: Partial<BackupSettings>): Promise<void> => {
    const next = { ...(await loadBackupSettings(session)), ...patch };
    await saveBackupSettings(session, next);
    setSettings(next);
  };

  const savePassphrase = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (pass.length < MIN_PASSPHRASE_LENGTH) {
      setMessage({ ok: false, text: t('backup.passphraseShort', { min: MIN_PASSPHRASE_LENGTH }) });
      return;
    }
    if (pass !== confirm) {
      setMessage({ ok: false, text: t('backup.passphraseMismatch') });
      return;
    }
    await update({ passphrase: pass });
    setPass('');
    setConfirm('');
    setMessage({ ok: true, text: t('backup.passphraseSaved') });
  };

  const backUp = async (where: 'ask' | 'backup-folder'): Promise<void> => {
    setMessage(null);
    setResult(null);
    try {
      const r = await backupRunner.run(session, where);
      if (r) setResult(r);
    } catch (e) {
      setMessage({
        ok: false,
        text: e instanceof BackupNotReady ? t(`backup.notReady.${e.code}`) : packageProblemMessage(t, e),
      });
    }
  };

  if (!settings) return null;
  const records = result ? Object.values(result.backup.manifest.counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="backup-h">
      <Stack>
        <Title order={2} size="h4" id="backup-h">
          {t('backup.title')}
        </Title>
        <Text size="sm">{t('backup.intro')}</Text>
        <Text size="sm" fw={500} role="status">
          {settings.passphrase ? t('backup.passphraseSet') : t('backup.passphraseNotSet')}
        </Text>
        <form onSubmit={(e) => void savePassphrase(e)} aria-label={t('backup.passphraseForm')}>
          <Stack gap="xs">
            <PasswordInput
              label={t('backup.passphrase')}
              description={t('backup.passphraseHint')}
              value={pass}
              onChange={(e) => setPass(e.currentTarget.value)}
              autoComplete="new-password"
              visibilityToggleButtonProps={{ 'aria-label': t('vault.showPassphrase') }}
            />
            <PasswordInput
              label={t('backup.confirmPassphrase')}
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              autoComplete="new-password"
              visibilityToggleButtonProps={{ 'aria-label': t('vault.showPassphrase') }}
            />
            <Button type="submit" variant="light" disabled={!pass} style={{ alignSelf: 'start' }}>
              {t('backup.savePassphrase')}
            </Button>
          </Stack>
        </form>
        <Group align="end">
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {t('backup.folder')}
            </Text>
            <Text size="sm" dir="ltr" ta="start">
              {folder ?? t('backup.noFolder')}
            </Text>
          </Stack>
          <Button variant="default" onClick={() => void platform.chooseBackupFolder().then(setFolder)}>
            {t('backup.chooseFolder')}
          </Button>
        </Group>
        <Group align="end">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="backup-schedule-label">
              {t('backup.schedule')}
            </Text>
            <SegmentedControl
              aria-labelledby="backup-schedule-label"
              value={settings.schedule}
              onChange={(v) => void update({ schedule: v as BackupSchedule })}
              data={(['off', 'daily', 'weekly'] as const).map((v) => ({ value: v, label: t(`backup.schedules.${v}`) }))}
            />
          </Stack>
          <NumberInput
            label={t('backup.keep')}
            value={Math.max(MIN_BACKUPS_KEPT, settings.keep)}
            min={MIN_BACKUPS_KEPT}
            max={100}
            clampBehavior="strict"
            allowDecimal={false}
            w={200}
            onChange={(v) => {
              if (typeof v === 'number' && v >= MIN_BACKUPS_KEPT && v <= 100) void update({ keep: v });
            }}
          />
        </Group>
        <Text size="sm" c="dimmed">
          {settings.lastAt
            ? t('backup.last', {
                date: new Date(settings.lastAt).toLocaleString(i18n.language),
                path: settings.lastPath ?? '',
              })
            : t('backup.never')}
        </Text>
        {settings.lastError && (
          <Alert color="orange" role="alert">
            {t(`backup.lastError.${settings.lastError}`)}
          </Alert>
        )}
        <Group>
          <Button onClick={() => void backUp('backup-folder')} disabled={run.running}>
            {t('backup.now')}
          </Button>
          <Button variant="default" onClick={() => void backUp('ask')} disabled={run.running}>
            {t('backup.saveAs')}
          </Button>
        </Group>
        {run.running && (
          <ByteProgress
            label={t('backup.writing')}
            done={run.done}
            total={run.total}
            lang={lang}
            cancelLabel={t('backup.cancel')}
            onCancel={() => backupRunner.cancel()}
          />
        )}
        {message && (
          <Alert color={message.ok ? 'teal' : 'red'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </Alert>
        )}
        {result && (
          <Alert color="green" role="status" title={t('backup.done')}>
            <Text size="sm">
              {t('backup.doneDetail', {
                path: result.path,
                records,
                files: result.backup.manifest.counts['documents'] ?? 0,
              })}
            </Text>
            {result.rotated.length > 0 && (
              <Text size="sm">{t('backup.rotated', { count: result.rotated.length })}</Text>
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
