import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Stack, Table, Text, Title } from '@mantine/core';
import type { ChainVerdict } from '../../../../shared/crypto/audit-chain';
import type { AuditEntry } from '../../../../shared/domain/records';
import { useSession } from '../vault/VaultProvider';
import { useSettings } from '../settings/settings-store';
import { formatTimestamp } from '../../components/format';
import { errorMessage } from '../vault/error-message';

const SHOWN = 200;

export function AuditScreen(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const settings = useSettings();
  const [entries, setEntries] = useState<Array<AuditEntry | null> | null>(null);
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    session.store.auditEntries().then((e) => { if (live) setEntries(e); }, (e: unknown) => { if (live) setError(errorMessage(t, e)); });
    return () => { live = false; };
  }, [session, t]);

  const verify = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try { setVerdict(await session.store.verifyAudit()); } catch (e) { setError(errorMessage(t, e)); } finally { setBusy(false); }
  };

  const recent = (entries ?? []).slice(-SHOWN).reverse();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">{t('audit.title')}</Title>
      <Text maw={760}>{t('audit.intro')}</Text>
      <Button onClick={() => void verify()} loading={busy} style={{ alignSelf: 'start' }}>{busy ? t('audit.verifying') : t('audit.verify')}</Button>
      {verdict?.ok === true && <Alert color="teal" role="status">{t('audit.ok', { count: verdict.count })}</Alert>}
      {verdict?.ok === false && (
        <Alert color="red" role="alert">{t('audit.broken', { at: verdict.brokenAt + 1, count: verdict.count, reason: t(`audit.reason.${verdict.reason}`) })}</Alert>
      )}
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {entries && entries.length === 0 && <Text>{t('audit.empty')}</Text>}
      {recent.length > 0 && (
        <>
          <Text size="sm" c="dimmed">{t('audit.recent', { n: recent.length })}</Text>
          <Table striped withTableBorder aria-label={t('audit.title')}>
            <Table.Thead>
              <Table.Tr>{(['seq', 'at', 'actor', 'action', 'record', 'fields'] as const).map((c) => <Table.Th key={c}>{t(`audit.col.${c}`)}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {recent.map((e, i) => e ? (
                <Table.Tr key={e.seq}>
                  <Table.Td>{e.seq + 1}</Table.Td>
                  <Table.Td>{formatTimestamp(e.at, settings)}</Table.Td>
                  <Table.Td dir="auto">{e.actor || t('common.localUser')}</Table.Td>
                  <Table.Td>{t(`audit.action.${e.action}`)}</Table.Td>
                  <Table.Td>{t(`audit.table.${e.table}`, { defaultValue: e.table })}</Table.Td>
                  <Table.Td dir="ltr">{e.action === 'update' ? e.fields.join(', ') : t('common.none')}</Table.Td>
                </Table.Tr>
              ) : (
                <Table.Tr key={`bad-${i}`}><Table.Td colSpan={6}><Text c="red">{t('audit.unreadableRow', { seq: (entries?.length ?? 0) - i })}</Text></Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
