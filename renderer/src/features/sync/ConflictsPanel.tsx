import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Modal, Paper, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { changedFields, RECORD_SCHEMAS, type RecordTable } from '@shared/domain/records';
import type { Conflict } from '../../db/remote-chains';
import { useSession } from '../../session/VaultProvider';
import { useSubmit } from '../../session/use-submit';
import { useSettings } from '../../settings/settings-store';
import { formatTimestamp } from '../../components/format';
import { useMemberNames } from '../../session/use-member-names';
import { recordLabel, shownValue } from '../../components/record-display';
import type { SyncStatus } from '../../sync/sync-service';

/** One version of a record to choose from: the one held here, or another laptop's. */
interface Version {
  key: string;
  /** Who made it and when, for the column's heading; null for this laptop's. */
  by: { member?: string; at: string } | null;
  value: Record<string, unknown>;
  digest?: string;
}

interface Opened {
  conflict: Conflict;
  versions: Version[];
  label: string;
}

/**
 * Records changed on two laptops while they were apart. Each laptop keeps its own version and the other's; a
 * person compares them field by field and chooses, and that choice is a signed change like any other, which
 * settles the conflict on every laptop it reaches. Nothing is chosen for them.
 */
export function ConflictsPanel({ status }: { status: SyncStatus }): ReactNode {
  const { t } = useTranslation();
  const { store } = useSession();
  const [list, setList] = useState<Opened[] | null>(null);
  const [open, setOpen] = useState<Opened | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    void (async () => {
      const out: Opened[] = [];
      for (const c of await store.remote.conflicts()) {
        const table = c.table as RecordTable;
        const here = await store.get(table, c.recordId).catch(() => undefined);
        if (!here) continue;
        const versions: Version[] = [{ key: 'here', by: null, value: here as Record<string, unknown> }];
        for (const v of c.versions) {
          const opened = await store.openArriving({ table, id: c.recordId, ...v.row });
          if (!('value' in opened)) continue;
          const parsed = RECORD_SCHEMAS[table].safeParse(opened.value);
          if (!parsed.success) continue;
          versions.push({
            key: v.digest,
            by: { ...(v.member ? { member: v.member } : {}), at: v.at },
            value: parsed.data as Record<string, unknown>,
            digest: v.digest,
          });
        }
        if (versions.length > 1)
          out.push({ conflict: c, versions, label: recordLabel(here as Record<string, unknown>, c.recordId) });
      }
      if (live) setList(out);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [store, status, reload]);

  if (!list) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="conflicts-h">
      <Title order={3} size="h5" id="conflicts-h">
        {t('sync.conflicts.title', { count: list.length })}
      </Title>
      <Text size="sm">{t('sync.conflicts.intro')}</Text>
      {done && (
        <Alert color="teal" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      {list.length === 0 ? (
        <Text size="sm">{t('sync.conflicts.none')}</Text>
      ) : (
        <Table withTableBorder aria-labelledby="conflicts-h">
          <Table.Tbody>
            {list.map((o) => {
              const name = `${t(`openPackage.tables.${o.conflict.table}`, { defaultValue: o.conflict.table })}: ${o.label}`;
              return (
                <Table.Tr key={`${o.conflict.table}/${o.conflict.recordId}`}>
                  <Table.Td>
                    <bdi>{name}</bdi>
                  </Table.Td>
                  <Table.Td>{t('sync.conflicts.versions', { count: o.versions.length })}</Table.Td>
                  <Table.Td>
                    <Button size="xs" aria-label={t('sync.conflicts.chooseFor', { name })} onClick={() => setOpen(o)}>
                      {t('sync.conflicts.choose')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        size="xl"
        title={open ? t('sync.conflicts.chooseFor', { name: open.label }) : ''}
      >
        {open && (
          <Chooser
            opened={open}
            onDone={() => {
              setDone(t('sync.conflicts.settled', { name: open.label }));
              setOpen(null);
              setReload((n) => n + 1);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function Chooser({ opened, onDone }: { opened: Opened; onDone: () => void }): ReactNode {
  const { t } = useTranslation();
  const { store } = useSession();
  const settings = useSettings();
  const nameOf = useMemberNames();
  const { versions, conflict } = opened;
  const here = versions[0]!;
  // Only the fields in which the versions differ are asked about; the rest are the same in all.
  const fields = useMemo(
    () => [...new Set(versions.slice(1).flatMap((v) => changedFields(here.value, v.value)))].sort(),
    [versions, here],
  );
  const [choice, setChoice] = useState<Record<string, string>>({});
  const heading = (v: Version): string =>
    v.by
      ? t('sync.conflicts.theirs', {
          name: v.by.member ? nameOf(v.by.member) : '—',
          time: formatTimestamp(v.by.at, settings),
        })
      : t('sync.conflicts.mine');
  const { busy, error, submit } = useSubmit(async () => {
    const merged: Record<string, unknown> = { ...here.value };
    for (const f of fields) {
      const from = versions.find((v) => v.key === choice[f])!;
      if (f in from.value) merged[f] = from.value[f];
      else delete merged[f];
    }
    await store.commit(
      [{ table: conflict.table as RecordTable, put: merged as { id: string } & Record<string, unknown> }],
      {
        resolves: new Map([
          [`${conflict.table}/${conflict.recordId}`, versions.flatMap((v) => (v.digest ? [v.digest] : []))],
        ]),
      },
    );
    onDone();
  });
  const undecided = fields.filter((f) => !choice[f]).length;
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">{t('sync.conflicts.chooserIntro')}</Text>
        {fields.map((f) => (
          <Paper key={f} withBorder p="sm">
            <Radio.Group
              label={t(`openPackage.fields.${f}`, { defaultValue: f })}
              value={choice[f] ?? null}
              onChange={(v) => setChoice({ ...choice, [f]: v })}
              required
            >
              <Stack gap={6} mt={6}>
                {versions.map((v) => (
                  <Radio
                    key={v.key}
                    value={v.key}
                    label={
                      <>
                        <Text span size="sm" fw={600}>
                          {heading(v)}
                        </Text>
                        {': '}
                        <Text span size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                          {shownValue(v.value[f])}
                        </Text>
                      </>
                    }
                  />
                ))}
              </Stack>
            </Radio.Group>
          </Paper>
        ))}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" loading={busy} disabled={undecided > 0}>
          {t('sync.conflicts.save')}
        </Button>
        {undecided > 0 && (
          <Text size="sm" c="dimmed">
            {t('sync.conflicts.undecided', { count: undecided })}
          </Text>
        )}
      </Stack>
    </form>
  );
}
