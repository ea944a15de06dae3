import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { integrityFieldMessage } from './integrity-messages';
import { Table, Text } from '@mantine/core';
import type { AuditEntry } from '@shared/domain/records';
import type { EntryStanding } from '@shared/crypto/signatures';
import { useSettings } from '../../settings/settings-store';
import { formatTimestamp } from '../../components/format';

/** Audit entries as a table, newest first as given; an unreadable entry (null) is shown as such, never skipped. */
export function AuditTable({
  entries,
  label,
  withSeq,
  standings,
  names,
}: {
  entries: Array<AuditEntry | null>;
  label: string;
  withSeq: boolean;
  /** Who signed each entry, by sequence number, once *verify* has judged them; names of members by id. */
  standings?: ReadonlyMap<number, EntryStanding>;
  names?: ReadonlyMap<string, string>;
}): ReactNode {
  const { t } = useTranslation();
  const settings = useSettings();
  const base = withSeq
    ? (['seq', 'at', 'actor', 'action', 'record', 'fields'] as const)
    : (['at', 'actor', 'action', 'record', 'fields'] as const);
  const cols = standings ? [...base, 'signed' as const] : base;
  return (
    <Table striped withTableBorder aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          {cols.map((c) => (
            <Table.Th key={c}>{t(`audit.col.${c}`)}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((e, i) =>
          e ? (
            <Table.Tr key={e.seq}>
              {withSeq && <Table.Td>{e.seq + 1}</Table.Td>}
              <Table.Td>{formatTimestamp(e.at, settings)}</Table.Td>
              <Table.Td dir="auto">{e.actor || t('common.localUser')}</Table.Td>
              <Table.Td>{t(`audit.action.${e.action}`)}</Table.Td>
              <Table.Td>{t(`audit.table.${e.table}`, { defaultValue: e.table })}</Table.Td>
              <Table.Td dir="ltr">
                {e.action === 'vault' && e.recordId === 'integrity' ? (
                  <Text c="red" size="sm" dir="auto">
                    {e.fields.map((f) => integrityFieldMessage(t, f)).join(' ')}
                  </Text>
                ) : e.action === 'vault' && e.recordId === 'rekey' ? (
                  t('audit.rekeyed')
                ) : e.action !== 'create' && e.action !== 'delete' && e.action !== 'vault' ? (
                  e.fields.join(', ')
                ) : (
                  t('common.none')
                )}
              </Table.Td>
              {standings && (
                <Table.Td>
                  <StandingText standing={standings.get(e.seq)} names={names} />
                </Table.Td>
              )}
            </Table.Tr>
          ) : (
            <Table.Tr key={`bad-${i}`}>
              <Table.Td colSpan={cols.length}>
                <Text c="red">{t('audit.unreadableRow', { seq: entries.length - i })}</Text>
              </Table.Td>
            </Table.Tr>
          ),
        )}
      </Table.Tbody>
    </Table>
  );
}

/** Who signed an entry, in words: green for a verified member, red for anything a court would question. */
export function StandingText({
  standing,
  names,
}: {
  standing: EntryStanding | undefined;
  names?: ReadonlyMap<string, string> | undefined;
}): ReactNode {
  const { t } = useTranslation();
  if (!standing) return null;
  const name = (id: string | undefined): string => (id ? (names?.get(id) ?? id.slice(0, 8)) : '');
  switch (standing.kind) {
    case 'verified':
      return (
        <Text size="sm" c="teal" dir="auto">
          {t('audit.standing.verified', { name: name(standing.member) })}
        </Text>
      );
    case 'before-members':
    case 'restore':
      return (
        <Text size="sm" c="dimmed">
          {t(`audit.standing.${standing.kind}`)}
        </Text>
      );
    case 'invalid':
      return (
        <Text size="sm" c="red" fw={600} dir="auto">
          {t(`audit.standing.invalid-${standing.why}`, { name: name(standing.member) })}
        </Text>
      );
    case 'not-permitted':
      return (
        <Text size="sm" c="red" fw={600} dir="auto">
          {t('audit.standing.not-permitted', { name: name(standing.member) })}
        </Text>
      );
    default:
      return (
        <Text size="sm" c="red" fw={600}>
          {t(`audit.standing.${standing.kind}`)}
        </Text>
      );
  }
}
