import { useCallback, useEffect, useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import { MIN_BACKUPS_KEPT } from '@shared/package/file-names';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { BackupSchedule } from '@shared/package/backup-format';
import { canonicalRecoveryPhrase, newRecoveryPhrase } from '../../package/backup-key';
import { platform } from '../../platform/platform';
import { useSession } from '../../session/VaultProvider';
import { ByteProgress } from '../../components/ByteProgress';
import { packageProblemMessage } from '../../package/package-problem';
import {
  backupRunner,
  BackupNotReady,
  hadBackupPassphrase,
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
  const [fresh, setFresh] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);

  const [olderPassphrase, setOlderPassphrase] = useState(false);
  const reload = useCallback(async () => {
    setSettings(await loadBackupSettings(session));
    setOlderPassphrase(await hadBackupPassphrase(session));
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

  const savePhrase = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!fresh) return;
    if (canonicalRecoveryPhrase(typed) !== fresh) {
      setMismatch(true);
      return;
    }
    await update({ recoveryPhrase: fresh, phraseMadeAt: new Date().toISOString() });
    setFresh(null);
    setTyped('');
    setMessage({ ok: true, text: t('backup.phraseSaved') });
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
  // Restricted cases this member is not assigned to cannot be read, so they are not in the backup: say so.
  const withheld = result ? Object.values(result.backup.manifest.withheld ?? {}).reduce((a, b) => a + b, 0) : 0;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="backup-h">
      <Stack>
        <Title order={2} size="h4" id="backup-h">
          {t('backup.title')}
        </Title>
        <Text size="sm">{t('backup.intro')}</Text>
        <Text size="sm" fw={500} role="status">
          {settings.recoveryPhrase && settings.phraseMadeAt
            ? t('backup.phraseSet', { date: new Date(settings.phraseMadeAt).toLocaleDateString(i18n.language) })
            : t('backup.phraseNotSet')}
        </Text>
        {!settings.recoveryPhrase && olderPassphrase && (
          <Alert color="yellow" role="note">
            {t('backup.phraseOlder')}
          </Alert>
        )}
        {fresh ? (
          <Alert color="yellow" title={t('backup.phraseTitle')} role="group">
            <form onSubmit={(e) => void savePhrase(e)} aria-label={t('backup.phraseTitle')}>
              <Stack gap="xs">
                <Code
                  block
                  dir="ltr"
                  role="note"
                  aria-label={t('backup.phraseValue')}
                  fz="lg"
                  style={{ letterSpacing: '0.08em', textAlign: 'center' }}
                >
                  {fresh}
                </Code>
                <Text size="sm">{t('backup.phraseShownOnce')}</Text>
                <TextInput
                  label={t('backup.confirmPhrase')}
                  value={typed}
                  onChange={(e) => {
                    setTyped(e.currentTarget.value);
                    setMismatch(false);
                  }}
                  error={mismatch ? t('backup.phraseMismatch') : undefined}
                  dir="ltr"
                  spellCheck={false}
                  autoCapitalize="characters"
                />
                <Group>
                  <Button type="submit" disabled={!typed}>
                    {t('backup.savePhrase')}
                  </Button>
                  <Button
                    variant="default"
                    onClick={() => {
                      setFresh(null);
                      setTyped('');
                    }}
                  >
                    {t('backup.discardPhrase')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Alert>
        ) : (
          <Button
            variant="light"
            style={{ alignSelf: 'start' }}
            onClick={() => {
              setMessage(null);
              setFresh(newRecoveryPhrase());
            }}
          >
            {settings.recoveryPhrase ? t('backup.makeNewPhrase') : t('backup.makePhrase')}
          </Button>
        )}
        <Checkbox
          label={t('backup.includeKeySecret')}
          description={t('backup.includeKeySecretHint')}
          checked={settings.includeKeySecret}
          onChange={(e) => void update({ includeKeySecret: e.currentTarget.checked })}
        />
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
            {withheld > 0 && (
              <Text size="sm" fw={600}>
                {t('backup.withheld', { count: withheld })}
              </Text>
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
