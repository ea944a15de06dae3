import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Anchor, Button, Group, Modal, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { LINK_TYPES, type Link } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { randomId } from '../../db/webcrypto-key';
import { useCommitPlanned } from '../../session/use-commit-planned';
import { blankLinkDraft, linkChange, type LinkDraft } from './link-draft';
import { useCaseRecords, type RecordRef } from '../../session/use-case-records';
import { FormFooter } from '../../components/FormFooter';

/** The typed links touching a case's records, shown from both ends and navigable; event sources are included as "supports". */
export function LinksPanel({ caseId }: { caseId: string }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { records, labelOf, byKey } = useCaseRecords(caseId);
  const caseKeys = new Set(records.filter((r) => r.table !== 'places').map((r) => `${r.table}:${r.id}`));
  const { records: links } = useRecords(session.links, () => true, []);
  const { records: events } = useRecords(session.events, (e) => e.caseId === caseId, [caseId]);
  const [adding, setAdding] = useState<LinkDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commitPlanned = useCommitPlanned(setError);

  const mine = (links ?? []).filter(
    (l) => caseKeys.has(`${l.fromTable}:${l.fromId}`) || caseKeys.has(`${l.toTable}:${l.toId}`),
  );
  const sources = (events ?? []).flatMap((e) =>
    e.sources.map((s) => {
      const table = byKey.has(`testimonies:${s.recordId}`) ? 'testimonies' : 'documents';
      return {
        key: `${e.id}-${s.recordId}`,
        fromTable: table,
        fromId: s.recordId,
        toTable: 'events',
        toId: e.id,
        note: s.reliability,
      };
    }),
  );

  const go = (ref: RecordRef | undefined): void => {
    if (ref?.tab) void navigate(`/cases/${caseId}${ref.tab === 'overview' ? '' : `/${ref.tab}`}`);
  };
  const end = (table: string, id: string): ReactNode => {
    const ref = byKey.get(`${table}:${id}`);
    const label = `${labelOf(table, id)} (${t(`links.kinds.${table}`, { defaultValue: table })})`;
    return ref?.tab ? (
      <Anchor
        component="button"
        type="button"
        aria-label={t('links.open', { label })}
        onClick={() => go(ref)}
        dir="auto"
      >
        {label}
      </Anchor>
    ) : (
      <Text span dir="auto">
        {label}
      </Text>
    );
  };

  const save = async (): Promise<void> => {
    if (!adding) return;
    if (await commitPlanned(linkChange(adding, { actor: session.actor, now: new Date(), newId: randomId })))
      setAdding(null);
  };

  const options = records.map((r) => ({ value: `${r.table}:${r.id}`, label: `${r.label} · ${r.kind}` }));
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('links.title')}
        </Title>
        <Button
          onClick={() => {
            setError(null);
            setAdding(blankLinkDraft());
          }}
        >
          {t('links.add')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('links.intro')}
      </Text>
      {mine.length === 0 && sources.length === 0 && <Text c="dimmed">{t('links.empty')}</Text>}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('links.title')}>
        {mine.map((l) => (
          <Paper key={l.id} withBorder p="sm" component="li">
            <Group justify="space-between" wrap="nowrap">
              <Group gap={6}>
                {end(l.fromTable, l.fromId)}
                <Text span fw={600}>
                  {t(`links.types.${l.type}`)}
                </Text>
                {end(l.toTable, l.toId)}
              </Group>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                aria-label={t('links.removeNamed', {
                  label: `${labelOf(l.fromTable, l.fromId)} ${t(`links.types.${l.type}`)} ${labelOf(l.toTable, l.toId)}`,
                })}
                onClick={() => void session.links.remove(l.id)}
              >
                {t('links.remove')}
              </Button>
            </Group>
            {l.note && (
              <Text size="sm" c="dimmed" dir="auto">
                {l.note}
              </Text>
            )}
          </Paper>
        ))}
        {sources.map((s) => (
          <Paper key={s.key} withBorder p="sm" component="li">
            <Group gap={6}>
              {end(s.fromTable, s.fromId)}
              <Text span fw={600}>
                {t('links.types.supports')}
              </Text>
              {end(s.toTable, s.toId)}
              <Text span size="xs" c="dimmed">
                ({t('links.source')})
              </Text>
            </Group>
            {s.note && (
              <Text size="sm" c="dimmed" dir="auto">
                {s.note}
              </Text>
            )}
          </Paper>
        ))}
      </Stack>
      <Modal opened={adding !== null} onClose={() => setAdding(null)} title={t('links.dialog')} size="lg">
        {adding && (
          <Stack
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <Select
              label={t('links.from')}
              value={adding.from}
              onChange={(from) => setAdding({ ...adding, from })}
              data={options}
              searchable
            />
            <Select
              label={t('links.type')}
              value={adding.type}
              allowDeselect={false}
              onChange={(v) => v && setAdding({ ...adding, type: v as Link['type'] })}
              data={LINK_TYPES.map((x) => ({ value: x, label: t(`links.types.${x}`) }))}
            />
            <Select
              label={t('links.to')}
              value={adding.to}
              onChange={(to) => setAdding({ ...adding, to })}
              data={options.filter((o) => o.value !== adding.from)}
              searchable
            />
            <TextInput
              label={t('links.note')}
              value={adding.note}
              onChange={(e) => setAdding({ ...adding, note: e.currentTarget.value })}
              dir="auto"
            />
            <FormFooter error={error} onCancel={() => setAdding(null)} saveDisabled={!adding.from || !adding.to} />
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
