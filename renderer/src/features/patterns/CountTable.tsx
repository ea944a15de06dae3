import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Anchor, Button, ScrollArea, Table, Text } from '@mantine/core';
import type { Count } from '@shared/domain/patterns';
import type { PatternTable } from './pattern-tables';

export interface CountPick {
  title: string;
  caseIds: string[];
}

const FIRST_ROWS = 50;

/** A table of counts, each number a button that lists the cases behind it; counted-apart columns are shaded. */
export function CountTable({
  table,
  format,
  onPick,
}: {
  table: PatternTable;
  format: (n: number) => string;
  onPick: (pick: CountPick) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const rows = all ? table.rows : table.rows.slice(0, FIRST_ROWS);
  const cell = (c: Count | null, row: string, column: string): ReactNode => {
    if (!c || c.count === 0) return format(0);
    const name = t('patterns.cellName', { count: format(c.count), row, column });
    return (
      <Anchor
        component="button"
        type="button"
        aria-label={name}
        onClick={() => onPick({ title: t('patterns.behind', { row, column }), caseIds: c.caseIds })}
      >
        {format(c.count)}
      </Anchor>
    );
  };
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Table withTableBorder withColumnBorders striped aria-label={table.title} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{table.rowHeader}</Table.Th>
            {table.columns.map((c, i) => (
              <Table.Th key={i} scope="col" bg={table.apart[i] ? 'var(--mantine-color-default-hover)' : undefined}>
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={table.columns.length + 1}>
                <Text size="sm">{t('patterns.nothing')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((r) => (
            <Table.Tr key={r.key} bg={r.apart ? 'var(--mantine-color-default-hover)' : undefined}>
              <Table.Th scope="row" fw={500}>
                <bdi>{r.label}</bdi>
              </Table.Th>
              {r.cells.map((c, i) => (
                <Table.Td key={i} bg={table.apart[i] ? 'var(--mantine-color-default-hover)' : undefined}>
                  {cell(c, r.label, table.columns[i]!)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!all && table.rows.length > FIRST_ROWS && (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => setAll(true)}>
          {t('patterns.showAllRows', { count: table.rows.length })}
        </Button>
      )}
    </ScrollArea>
  );
}
