import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Anchor, List, Text } from '@mantine/core';
import { isCancelled } from '@shared/cancelled';
import { useSession } from '../../session/VaultProvider';
import { headProblemMessage } from './integrity-messages';

/** How long after unlock the whole vault is checked against its chain: the case list and the search index go first. */
const CHECK_AFTER_MS = 20_000;

/**
 * Shown on every screen when the unlock found the chain shorter or older than
 * recorded, or when the check that follows (every record against the chain)
 * finds a record that is not what the chain last wrote.
 */
export function IntegrityBanner(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const [recordsBroken, setRecordsBroken] = useState(0);
  const [chainBroken, setChainBroken] = useState(false);
  const head = session.store.headProblems;

  useEffect(() => {
    const ac = new AbortController();
    const timer = setTimeout(() => {
      session.store.verifyIntegrity(ac.signal).then(
        (r) => {
          if (ac.signal.aborted) return;
          setRecordsBroken(r.records.problems.length);
          setChainBroken(!r.chain.ok);
        },
        (e: unknown) => {
          if (!isCancelled(e)) setChainBroken(true);
        },
      );
    }, CHECK_AFTER_MS);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [session]);

  if (!head.length && !recordsBroken && !chainBroken) return null;
  return (
    <Alert color="red" role="alert" title={t('integrity.banner')} mb="md">
      <List size="sm">
        {head.map((p) => (
          <List.Item key={p.kind}>{headProblemMessage(t, p)}</List.Item>
        ))}
        {recordsBroken > 0 && <List.Item>{t('integrity.recordsBroken', { count: recordsBroken })}</List.Item>}
      </List>
      <Text size="sm" mt="xs">
        {t('integrity.bannerDetail')}{' '}
        <Anchor component={Link} to="/audit">
          {t('integrity.openAudit')}
        </Anchor>
      </Text>
    </Alert>
  );
}
