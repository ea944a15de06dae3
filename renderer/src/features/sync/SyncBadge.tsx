import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Anchor } from '@mantine/core';
import { formatBytes, formatTimestamp } from '../../components/format';
import { useSettings } from '../../settings/settings-store';
import { syncBadgeText, syncStatusText, useSyncStatus } from './use-sync-status';

/** Synced, changes waiting, offline since when, or an error: in the header, linked to the sync settings. */
export function SyncBadge(): ReactNode {
  const { t } = useTranslation();
  const settings = useSettings();
  const status = useSyncStatus();
  if (status.state === 'off') return null;
  const time = (iso: string): string => formatTimestamp(iso, settings);
  const color =
    status.state === 'error' ? 'red' : status.state === 'offline' || status.state === 'paused' ? 'orange' : 'dimmed';
  return (
    <Anchor
      component={Link}
      to="/settings#sync"
      size="sm"
      c={color}
      role="status"
      aria-label={t('sync.badge.label', {
        status: syncStatusText(t, status, time, (n) => formatBytes(n, settings.language)),
      })}
    >
      {syncBadgeText(t, status, time)}
    </Anchor>
  );
}
