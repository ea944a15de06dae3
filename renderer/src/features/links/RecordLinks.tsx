import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Group, Text } from '@mantine/core';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';

/**
 * The links of one record, from both ends, as a compact list: shown on
 * evidence, contacts, events and perpetrators, so any record tells what it is
 * linked to. `labelOf` names the other end (witnesses by pseudonym).
 */
export function RecordLinks({
  table,
  id,
  labelOf,
}: {
  table: string;
  id: string;
  labelOf: (table: string, id: string) => string;
}): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const { records: links } = useRecords(
    session.links,
    (l) => (l.fromTable === table && l.fromId === id) || (l.toTable === table && l.toId === id),
    [table, id],
  );
  if (!links?.length) return null;
  return (
    <Group gap={6} mt="xs" role="list" aria-label={t('links.title')}>
      <Text size="xs" c="dimmed">
        {t('links.title')}:
      </Text>
      {links.map((l) => {
        const outgoing = l.fromTable === table && l.fromId === id;
        const other = outgoing ? { table: l.toTable, id: l.toId } : { table: l.fromTable, id: l.fromId };
        const kind = t(`links.kinds.${other.table}`, { defaultValue: other.table });
        const text = outgoing
          ? `${t(`links.types.${l.type}`)} → ${labelOf(other.table, other.id)} (${kind})`
          : `${labelOf(other.table, other.id)} (${kind}) → ${t(`links.types.${l.type}`)}`;
        return (
          <Badge key={l.id} role="listitem" variant="outline" tt="none">
            {text}
          </Badge>
        );
      })}
    </Group>
  );
}
