import { useEffect, useMemo, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { cssVariablesResolver, themeFor } from './theme';
import { createI18n, directionOf } from '../i18n';
import { useSettings } from '../settings/settings-store';
import { VaultProvider, useVault } from '../session/VaultProvider';
import {
  CreateVaultScreen,
  RekeyScreen,
  RestoreInterruptedScreen,
  StorageErrorScreen,
  UnlockScreen,
} from '../features/vault/VaultScreens';
import { AppRouter } from './AppRouter';
import { AwaitingTeamScreen } from '../features/sync/AwaitingTeamScreen';
import { platform } from '../platform/platform';

function VaultGate(): ReactNode {
  const { state } = useVault();
  switch (state.phase) {
    case 'checking':
      return null;
    case 'absent':
      return <CreateVaultScreen lost={state.lost === true} />;
    case 'locked':
      return <UnlockScreen />;
    case 'storage-error':
      return <StorageErrorScreen code={state.code} />;
    case 'open':
      // A copy that joined a team changes nothing until its member's record has come from the team.
      return state.session.storage.awaitingTeam ? <AwaitingTeamScreen /> : <AppRouter key={state.session.vaultId} />;
    case 'rekeying':
      return <RekeyScreen />;
    case 'restore-interrupted':
      return <RestoreInterruptedScreen />;
  }
}

export function Root(): ReactNode {
  const settings = useSettings();
  const i18n = useMemo(() => createI18n(settings.language), []); // eslint-disable-line react-hooks/exhaustive-deps
  const dir = directionOf(settings.language);
  const theme = useMemo(() => themeFor(i18n.getFixedT(settings.language)('actions.close')), [i18n, settings.language]);

  useEffect(() => {
    void i18n.changeLanguage(settings.language);
    document.documentElement.lang = settings.language;
    document.documentElement.dir = dir;
    platform.setTitle(i18n.t('app.name'));
  }, [i18n, settings.language, dir]);

  return (
    <I18nextProvider i18n={i18n}>
      <DirectionProvider initialDirection={dir} detectDirection={false}>
        <DirectionSync dir={dir} />
        <MantineProvider
          theme={theme}
          cssVariablesResolver={cssVariablesResolver}
          forceColorScheme={settings.theme === 'auto' ? undefined : settings.theme}
        >
          <VaultProvider>
            <VaultGate />
          </VaultProvider>
        </MantineProvider>
      </DirectionProvider>
    </I18nextProvider>
  );
}

function DirectionSync({ dir }: { dir: 'ltr' | 'rtl' }): null {
  const { setDirection } = useDirection();
  useEffect(() => {
    setDirection(dir);
  }, [dir, setDirection]);
  return null;
}
