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

/** One version of a record to choose from: the one held here, or another laptop's; a deletion is one too. */
interface Version {
  key: string;
  /** Who made it and when, for the column's heading; null for the record as this laptop holds it. */
  by: { member?: string; at: string } | null;
  /** null: a deletion. */
  value: Record<string, unknown> | null;
  /** What names it to the other laptops (a deletion's entry hash), so a choice settles it there. */
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
        const key = `${c.table}/${c.recordId}`;
        const here = (await store.get(table, c.recordId).catch(() => undefined)) as Record<string, unknown> | undefined;
        // Deleted here while another laptop changed it: the deletion is this laptop's version.
        const deleted = here ? undefined : (await store.remote.tombstonesOf([key])).get(key);
        if (!here && !deleted) continue;
        const versions: Version[] = [
          here
            ? { key: 'here', by: null, value: here }
            : {
                key: 'here',
                by: { ...(deleted!.member ? { member: deleted!.member } : {}), at: deleted!.at },
                value: null,
                digest: deleted!.hash,
              },
        ];
        for (const v of c.versions) {
          if (v.deleted || !v.row) {
            versions.push({
              key: v.digest,
              by: { ...(v.member ? { member: v.member } : {}), at: v.at },
              value: null,
              digest: v.digest,
            });
            continue;
          }
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
        const shown = here ?? versions.find((v) => v.value)?.value;
        // An event is named by what happened, in the reader's language, not by its stored code.
        const label =
          c.table === 'events' && typeof shown?.kind === 'string'
            ? t(`eventKind.${shown.kind}`, { defaultValue: shown.kind })
            : shown && recordLabel(shown, c.recordId);
        if (versions.length > 1 && label) out.push({ conflict: c, versions, label });
      }
      if (live) setList(out);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [store, status, reload, t]);

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
  // The versions that keep the record; with a deletion among them, keeping it or not is asked first.
  const records = useMemo(
    () => versions.filter((v): v is Version & { value: Record<string, unknown> } => v.value !== null),
    [versions],
  );
  const deletions = versions.filter((v) => v.value === null);
  const [fate, setFate] = useState<'keep' | 'delete' | null>(deletions.length ? null : 'keep');
  const first = records[0]!;
  // Only the fields in which the versions differ are asked about; the rest are the same in all.
  const fields = useMemo(
    () => [...new Set(records.slice(1).flatMap((v) => changedFields(first.value, v.value)))].sort(),
    [records, first],
  );
  const [choice, setChoice] = useState<Record<string, string>>({});
  const heading = (v: Version): string => {
    const name = v.by?.member ? nameOf(v.by.member) : '—';
    const time = v.by ? formatTimestamp(v.by.at, settings) : '';
    if (v.value === null)
      return v.key === 'here'
        ? t('sync.conflicts.deletedMine', { time })
        : t('sync.conflicts.deletedBy', { name, time });
    return v.by ? t('sync.conflicts.theirs', { name, time }) : t('sync.conflicts.mine');
  };
  const resolves = new Map([
    [`${conflict.table}/${conflict.recordId}`, versions.flatMap((v) => (v.digest ? [v.digest] : []))],
  ]);
  const { busy, error, submit } = useSubmit(async () => {
    const table = conflict.table as RecordTable;
    if (fate === 'delete') {
      await store.commit([{ table, delete: conflict.recordId }], { resolves });
      onDone();
      return;
    }
    const merged: Record<string, unknown> = { ...first.value };
    for (const f of fields) {
      const from = records.find((v) => v.key === choice[f])!;
      if (f in from.value) merged[f] = from.value[f];
      else delete merged[f];
    }
    await store.commit([{ table, put: merged as { id: string } & Record<string, unknown> }], { resolves });
    onDone();
  });
  const asked = fate === 'keep' ? fields : [];
  const undecided = (fate === null ? 1 : 0) + asked.filter((f) => !choice[f]).length;
  return (
    <form onSubmit={submit}>
      <Stack>
        {deletions.length > 0 && (
          <Paper withBorder p="sm">
            <Radio.Group
              label={t('sync.conflicts.keepOrDelete')}
              value={fate}
              onChange={(v) => setFate(v as 'keep' | 'delete')}
              required
            >
              <Stack gap={6} mt={6}>
                <Radio value="keep" label={`${t('sync.conflicts.keep')} (${records.map(heading).join(' · ')})`} />
                <Radio value="delete" label={`${t('sync.conflicts.delete')} (${deletions.map(heading).join(' · ')})`} />
              </Stack>
            </Radio.Group>
          </Paper>
        )}
        {asked.length > 0 && <Text size="sm">{t('sync.conflicts.chooserIntro')}</Text>}
        {asked.map((f) => (
          <Paper key={f} withBorder p="sm">
            <Radio.Group
              label={t(`openPackage.fields.${f}`, { defaultValue: f })}
              value={choice[f] ?? null}
              onChange={(v) => setChoice({ ...choice, [f]: v })}
              required
            >
              <Stack gap={6} mt={6}>
                {records.map((v) => (
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
        {asked.length > 0 && undecided > 0 && (
          <Text size="sm" c="dimmed">
            {t('sync.conflicts.undecided', { count: undecided })}
          </Text>
        )}
      </Stack>
    </form>
  );
}
