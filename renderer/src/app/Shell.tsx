import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet } from 'react-router';
import { AppShell, Button, Group, NavLink, Text } from '@mantine/core';
import { useSession, useVault } from '../session/VaultProvider';
import { useIdleLock } from '../session/use-idle-lock';
import { useSettings } from '../settings/settings-store';
import { platform } from '../platform/platform';
import { SearchDialog } from '../features/search/SearchDialog';
import { IntegrityBanner } from '../features/audit/IntegrityBanner';
import { VaultNotice } from '../features/vault/VaultNotice';
import { SyncBadge } from '../features/sync/SyncBadge';
import { useBackupRun, useScheduledBackups } from '../features/backup/BackupPanel';

export function Shell(): ReactNode {
  const { t } = useTranslation();
  const { lock } = useVault();
  const session = useSession();
  const { autoLockMinutes } = useSettings();
  const vaultLabel = t('app.vaultLabel', { id: session.vaultId.slice(0, 8) });

  const lockNow = useCallback(() => void lock('shortcut'), [lock]);
  const [searchOpen, setSearchOpen] = useState(false);
  useIdleLock(
    autoLockMinutes,
    useCallback(() => void lock('idle'), [lock]),
  );
  useScheduledBackups();
  const backup = useBackupRun();

  useEffect(() => platform.onLockRequested((reason) => void lock(reason)), [lock]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        lockNow();
      }
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSearchOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lockNow]);
  useEffect(() => {
    platform.setTitle(`${t('app.name')} — ${vaultLabel}`);
  }, [t, vaultLabel]);

  const links = [
    { to: '/cases', label: t('nav.cases') },
    { to: '/follow-ups', label: t('nav.followUps') },
    { to: '/reviews', label: t('nav.reviews') },
    { to: '/tracing', label: t('nav.tracing') },
    { to: '/import', label: t('nav.import') },
    { to: '/recipients', label: t('nav.recipients') },
    { to: '/packages/open', label: t('nav.openPackage') },
    { to: '/places', label: t('nav.places') },
    { to: '/incidents', label: t('nav.incidents') },
    { to: '/patterns', label: t('nav.patterns') },
    { to: '/units', label: t('nav.units') },
    { to: '/sanctions', label: t('nav.sanctions') },
    { to: '/audit', label: t('nav.audit') },
    { to: '/members', label: t('nav.members') },
    { to: '/settings', label: t('nav.settings') },
  ];

  return (
    // Not remounted when the language changes (Mantine 9 lays the shell out with [dir] rules), so a half-filled form
    // survives a change of language made in another window. No transition: the content's offset jumps to the other
    // side at once rather than sliding across the rail.
    <AppShell transitionDuration={0} header={{ height: 56 }} navbar={{ width: 220, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Text fw={700} size="lg">
              {t('app.name')}
            </Text>
            <Text size="sm" c="dimmed">
              {vaultLabel}
            </Text>
            <Text size="sm" role="status" aria-label={t('members.working', { name: session.member.name })}>
              <bdi>{session.member.name}</bdi>
            </Text>
          </Group>
          <Button
            variant="default"
            onClick={() => setSearchOpen(true)}
            aria-keyshortcuts="Control+K"
            miw={280}
            justify="flex-start"
            c="dimmed"
          >
            {t('search.open')}
          </Button>
          <SyncBadge />
          {backup.running && (
            <Text size="sm" c="dimmed" role="status">
              {t('backup.inProgress', { percent: Math.floor((100 * backup.done) / Math.max(1, backup.total)) })}
            </Text>
          )}
          <Button variant="light" color="gray" onClick={() => void lock('button')} aria-keyshortcuts="Control+L">
            {t('actions.lock')}
          </Button>
        </Group>
        <SearchDialog opened={searchOpen} onClose={() => setSearchOpen(false)} />
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        {links.map((l) => (
          <NavLink key={l.to} component={RouterNavLink} to={l.to} label={l.label} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <IntegrityBanner />
        <VaultNotice />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
