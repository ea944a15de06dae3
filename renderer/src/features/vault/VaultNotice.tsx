import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@mantine/core';
import { useVault } from '../../session/VaultProvider';

/** What finished as the vault opened (a re-encryption), said once; closing it is remembered for the session. */
export function VaultNotice(): ReactNode {
  const { t } = useTranslation();
  const { state } = useVault();
  const [closed, setClosed] = useState(false);
  if (state.phase !== 'open' || !state.notice || closed) return null;
  return (
    <Alert
      color="green"
      role="status"
      mb="md"
      title={t(`vaultNotice.${state.notice}Title`)}
      withCloseButton
      closeButtonLabel={t('vaultNotice.close')}
      onClose={() => setClosed(true)}
    >
      {t(`vaultNotice.${state.notice}`)}
    </Alert>
  );
}
