import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useSession, useVault } from '../../session/VaultProvider';
import { formatTimestamp } from '../../components/format';
import { useSettings } from '../../settings/settings-store';
import { syncStatusText, useSyncStatus } from './use-sync-status';

/**
 * A laptop that has just joined its team, before its member's record (signed on the administrator's laptop)
 * has come from the server: it can change nothing yet, so it shows what sync is doing until the record is here.
 */
export function AwaitingTeamScreen(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { memberArrived, lock } = useVault();
  const status = useSyncStatus();
  const settings = useSettings();
  useEffect(() => {
    void memberArrived();
  }, [status, memberArrived]);
  return (
    <Stack p="xl" maw={640} mx="auto" component="main" aria-labelledby="awaiting-title">
      <Title order={1} size="h3" id="awaiting-title">
        {t('enrol.awaitingTitle')}
      </Title>
      <Text>{t('enrol.awaiting')}</Text>
      <Group gap="xs">
        <Loader size="sm" aria-hidden />
        <Text size="sm" role="status" aria-label={t('sync.statusLabel')}>
          {syncStatusText(t, status, (iso) => formatTimestamp(iso, settings))}
        </Text>
      </Group>
      <Text size="sm" c="dimmed">
        {t('enrol.awaitingWho', { label: session.storage.unlocked.label })}
      </Text>
      <Button variant="default" onClick={() => void lock('button')} style={{ alignSelf: 'start' }}>
        {t('enrol.lock')}
      </Button>
    </Stack>
  );
}
