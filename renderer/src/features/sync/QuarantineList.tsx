import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Stack, Table, Text, Title } from '@mantine/core';
import type { Held, Quarantined } from '../../db/remote-chains';
import { useSession } from '../../session/VaultProvider';
import { useSettings } from '../../settings/settings-store';
import { formatTimestamp } from '../../components/format';
import { useMemberNames } from '../../session/use-member-names';
import type { SyncStatus } from '../../sync/sync-service';

/**
 * What came from the server and was not applied, with why: a document that does not open with the team's key,
 * a commit no member signed, one beyond its member's roles, one from a removed member, one that claims a place in
 * a device's chain already taken. None of it is ever applied. With it, what is held until something else arrives
 * (a member's record, or a role, that may come through another laptop), and how many commits wait for an earlier
 * one of their device that has not come (what a server that withholds a document looks like).
 */
type Row = Quarantined | (Omit<Quarantined, 'reason' | 'at'> & { held: true; reason: Held['why']; at?: string });

function heldRow(h: Held): Row {
  return {
    held: true,
    id: h.id,
    reason: h.why,
    ...(h.at ? { at: h.at } : {}),
    ...(h.device ? { device: h.device } : {}),
    ...(h.seq !== undefined ? { seq: h.seq } : {}),
    ...(h.member ? { member: h.member } : {}),
  };
}

/** A member this laptop knows by name, or the start of an id it does not know. */
const shortName = (name: string, id: string): string => (name === id ? id.slice(0, 8) : name);

export function QuarantineList({ status }: { status: SyncStatus }): ReactNode {
  const { t } = useTranslation();
  const { store } = useSession();
  const settings = useSettings();
  const nameOf = useMemberNames();
  const [held, setHeld] = useState<{ quarantined: Row[]; waiting: number } | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([store.remote.quarantined(), store.remote.waiting()]).then(
      ([quarantined, waiting]) => {
        const onHold = waiting.filter((w) => w.why !== 'earlier-commit');
        if (live)
          setHeld({
            quarantined: [...quarantined, ...onHold.map(heldRow)],
            waiting: waiting.length - onHold.length,
          });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [store, status]);
  if (!held) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="quarantine-h">
      <Title order={3} size="h5" id="quarantine-h">
        {t('sync.quarantine.title', { count: held.quarantined.length })}
      </Title>
      <Text size="sm">{t('sync.quarantine.intro')}</Text>
      {held.waiting > 0 && (
        <Alert color="orange" role="note">
          {t('sync.quarantine.waiting', { count: held.waiting })}
        </Alert>
      )}
      {held.quarantined.length === 0 ? (
        <Text size="sm">{t('sync.quarantine.none')}</Text>
      ) : (
        <Table withTableBorder aria-labelledby="quarantine-h">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sync.quarantine.col.at')}</Table.Th>
              <Table.Th>{t('sync.quarantine.col.reason')}</Table.Th>
              <Table.Th>{t('sync.quarantine.col.from')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {held.quarantined.map((q) => (
              <Table.Tr key={q.id}>
                <Table.Td>{q.at ? formatTimestamp(q.at, settings) : '—'}</Table.Td>
                <Table.Td>
                  {'held' in q ? t(`sync.quarantine.held.${q.reason}`) : t(`sync.quarantine.reason.${q.reason}`)}
                </Table.Td>
                <Table.Td>
                  {q.device ? (
                    <Text size="sm">
                      {t('sync.quarantine.device', {
                        device: q.device.slice(0, 8),
                        seq: q.seq ?? '—',
                      })}
                      {q.member && (
                        <>
                          {' · '}
                          {t('sync.quarantine.claims', { name: shortName(nameOf(q.member), q.member) })}
                        </>
                      )}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('sync.quarantine.unknownDevice')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
