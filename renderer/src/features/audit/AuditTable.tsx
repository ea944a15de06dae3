import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { integrityFieldMessage } from './integrity-messages';
import { Table, Text } from '@mantine/core';
import type { AuditEntry } from '@shared/domain/records';
import { useSettings } from '../../settings/settings-store';
import { formatTimestamp } from '../../components/format';

/** Audit entries as a table, newest first as given; an unreadable entry (null) is shown as such, never skipped. */
export function AuditTable({
  entries,
  label,
  withSeq,
}: {
  entries: Array<AuditEntry | null>;
  label: string;
  withSeq: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const settings = useSettings();
  const cols = withSeq
    ? (['seq', 'at', 'actor', 'action', 'record', 'fields'] as const)
    : (['at', 'actor', 'action', 'record', 'fields'] as const);
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
