import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useSession } from '../../session/VaultProvider';
import { useSubmit } from '../../session/use-submit';
import { formatBytes, formatTimestamp } from '../../components/format';
import { useSettings } from '../../settings/settings-store';
import { serverAddressProblem } from '@shared/sync/server-address';
import { syncStatusText, useSyncStatus } from './use-sync-status';
import { QuarantineList } from './QuarantineList';
import { ConflictsPanel } from './ConflictsPanel';

/**
 * Where this device syncs: the server's address and this device's user on it, as the administrator's
 * invitation gives them; the state of sending; pause and resume. Nothing typed here is kept by the browser.
 */
export function SyncPanel(): ReactNode {
  const { t } = useTranslation();
  const settings = useSettings();
  const { sync } = useSession();
  const status = useSyncStatus();
  const saved = sync.settings();
  const [server, setServer] = useState(saved?.server ?? '');
  const [database, setDatabase] = useState(saved?.database ?? 'athar');
  const [user, setUser] = useState(saved?.user ?? '');
  const [password, setPassword] = useState('');
  const problem = server.trim() ? serverAddressProblem(server.trim()) : null;
  const connect = useSubmit(async () => {
    await sync.connect({ server: server.trim(), database: database.trim(), user: user.trim(), password });
    setPassword('');
  });
  const time = (iso: string): string => formatTimestamp(iso, settings);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sync-h" id="sync">
      <Stack gap="sm">
        <Title order={2} size="h4" id="sync-h">
          {t('sync.title')}
        </Title>
        <Text size="sm">{t('sync.intro')}</Text>
        {!sync.available ? (
          <Alert color="gray">{t('sync.unavailable')}</Alert>
        ) : (
          <>
            <Text size="sm" role="status" aria-label={t('sync.statusLabel')}>
              {syncStatusText(t, status, time, (n) => formatBytes(n, settings.language))}
            </Text>
            <form onSubmit={connect.submit} autoComplete="off">
              <Stack gap="xs">
                <TextInput
                  label={t('sync.server')}
                  description={t('sync.serverHelp')}
                  value={server}
                  onChange={(e) => setServer(e.currentTarget.value)}
                  error={problem ? t(`sync.addressProblem.${problem}`) : undefined}
                  autoComplete="off"
                  spellCheck={false}
                  dir="ltr"
                  required
                />
                <TextInput
                  label={t('sync.database')}
                  value={database}
                  onChange={(e) => setDatabase(e.currentTarget.value)}
                  autoComplete="off"
                  spellCheck={false}
                  dir="ltr"
                  required
                />
                <TextInput
                  label={t('sync.user')}
                  value={user}
                  onChange={(e) => setUser(e.currentTarget.value)}
                  autoComplete="off"
                  spellCheck={false}
                  dir="ltr"
                  required
                />
                <PasswordInput
                  label={t('sync.password')}
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  autoComplete="new-password"
                  visibilityToggleButtonProps={{ 'aria-label': t('vault.showPassphrase') }}
                  dir="ltr"
                  required
                />
                {connect.error && (
                  <Text size="sm" c="red" role="alert">
                    {connect.error}
                  </Text>
                )}
                <Group>
                  <Button type="submit" loading={connect.busy} disabled={!!problem}>
                    {saved ? t('sync.reconnect') : t('sync.connect')}
                  </Button>
                  {saved &&
                    (status.state === 'paused' ? (
                      <Button variant="default" onClick={() => void sync.resume()}>
                        {t('sync.resume')}
                      </Button>
                    ) : (
                      <Button variant="default" onClick={() => void sync.pause()}>
                        {t('sync.pause')}
                      </Button>
                    ))}
                </Group>
              </Stack>
            </form>
            {saved && <ConflictsPanel status={status} />}
            {saved && <QuarantineList status={status} />}
          </>
        )}
      </Stack>
    </Paper>
  );
}
