import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import type { ChainVerdict } from '@shared/crypto/audit-chain';
import type { AuditEntry } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { errorMessage } from '../../session/error-message';
import { AuditTable } from './AuditTable';

const SHOWN = 200;

export function AuditScreen(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const [entries, setEntries] = useState<Array<AuditEntry | null> | null>(null);
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    session.store.auditEntries().then(
      (e) => {
        if (live) setEntries(e);
      },
      (e: unknown) => {
        if (live) setError(errorMessage(t, e));
      },
    );
    return () => {
      live = false;
    };
  }, [session, t]);

  const verify = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setVerdict(await session.store.verifyAudit());
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const recent = (entries ?? []).slice(-SHOWN).reverse();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('audit.title')}
      </Title>
      <Text maw={760}>{t('audit.intro')}</Text>
      <Button onClick={() => void verify()} loading={busy} style={{ alignSelf: 'start' }}>
        {busy ? t('audit.verifying') : t('audit.verify')}
      </Button>
      {verdict?.ok === true && (
        <Alert color="teal" role="status">
          {t('audit.ok', { count: verdict.count })}
        </Alert>
      )}
      {verdict?.ok === false && (
        <Alert color="red" role="alert">
          {t('audit.broken', {
            at: verdict.brokenAt + 1,
            count: verdict.count,
            reason: t(`audit.reason.${verdict.reason}`),
          })}
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {entries && entries.length === 0 && <Text>{t('audit.empty')}</Text>}
      {recent.length > 0 && (
        <>
          <Text size="sm" c="dimmed">
            {t('audit.recent', { n: recent.length })}
          </Text>
          <AuditTable entries={recent} label={t('audit.title')} withSeq />
        </>
      )}
    </Stack>
  );
}
