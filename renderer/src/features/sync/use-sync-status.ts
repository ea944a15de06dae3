import { useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';
import { useSession } from '../../session/VaultProvider';
import type { SyncStatus } from '../../sync/sync-service';

export function useSyncStatus(): SyncStatus {
  const { sync } = useSession();
  return useSyncExternalStore(
    (listener) => sync.subscribe(listener),
    () => sync.status(),
  );
}

/** What the status means and what to do about it, in a sentence. */
export function syncStatusText(
  t: TFunction,
  s: SyncStatus,
  time: (iso: string) => string,
  bytes: (n: number) => string = String,
): string {
  switch (s.state) {
    case 'off':
      return t('sync.status.off');
    case 'synced':
      return t('sync.status.synced', { time: time(s.at) });
    case 'sending':
      return t('sync.status.sending', { count: s.waiting });
    case 'transferring':
      return t(`sync.status.transfer.${s.direction}`, {
        done: bytes(s.done),
        total: bytes(s.total),
        percent: percentOf(s),
      });
    case 'offline':
      return t('sync.status.offline', { time: time(s.since), count: s.waiting });
    case 'paused':
      return t('sync.status.paused', { count: s.waiting });
    case 'error':
      return t(`sync.status.error.${s.problem}`, { count: s.waiting });
  }
}

/** How far a file transfer has come, as a whole percent (never 100 before it is done). */
function percentOf(s: { done: number; total: number }): number {
  return s.total > 0 ? Math.min(99, Math.floor((s.done / s.total) * 100)) : 0;
}

/** The header's word for it. */
export function syncBadgeText(t: TFunction, s: SyncStatus, time: (iso: string) => string): string {
  switch (s.state) {
    case 'off':
      return '';
    case 'synced':
      return t('sync.badge.synced');
    case 'sending':
      return t('sync.badge.waiting', { count: s.waiting });
    case 'transferring':
      return t(`sync.badge.transfer.${s.direction}`, { percent: percentOf(s) });
    case 'offline':
      return t('sync.badge.offline', { time: time(s.since) });
    case 'paused':
      return t('sync.badge.paused');
    case 'error':
      return t('sync.badge.error');
  }
}
