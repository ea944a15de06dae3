import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Anchor, Badge, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { AUTHORITIES } from '@shared/sanctions/designation';
import type { DesignationRecord } from '@shared/domain/records';
import { foldMixed } from '@shared/names/index';
import { useFormatDate } from '../../components/use-format-date';

/** How many designations the table shows at once; the search narrows the rest. */
const SHOWN = 100;

/** Every designation on file, by authority and name, with all an authority knows of each one a click away. */
export function DesignationsTable({ designations }: { designations: readonly DesignationRecord[] }): ReactNode {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  const [authority, setAuthority] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<DesignationRecord | null>(null);
  const folded = useMemo(
    () => designations.map((d) => ({ d, names: d.names.map((n) => foldMixed(n.full)).join('\u0000') })),
    [designations],
  );
  const q = foldMixed(query.trim());
  const shown = folded
    .filter(
      ({ d, names }) =>
        (!authority || d.authority === authority) && (!q || names.includes(q) || d.ref.toLowerCase() === q),
    )
    .map((x) => x.d);
  return (
    <Stack gap="sm">
      <Group align="end">
        <Select
          label={t('sanctions.filterAuthority')}
          clearable
          placeholder={t('sanctions.allAuthorities')}
          value={authority}
          onChange={setAuthority}
          data={AUTHORITIES.map((a) => ({ value: a, label: t(`sanctions.authority.${a}`) }))}
        />
        <TextInput label={t('sanctions.search')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
      </Group>
      <Text size="sm" c="dimmed" role="status">
        {shown.length > SHOWN
          ? t('sanctions.showingSome', { shown: SHOWN, count: shown.length })
          : t('sanctions.showingAll', { count: shown.length })}
      </Text>
      <Table striped withTableBorder aria-label={t('sanctions.designationsTitle')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sanctions.col.name')}</Table.Th>
            <Table.Th>{t('sanctions.col.authority')}</Table.Th>
            <Table.Th>{t('sanctions.col.programmes')}</Table.Th>
            <Table.Th>{t('sanctions.col.listed')}</Table.Th>
            <Table.Th>{t('sanctions.col.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.slice(0, SHOWN).map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Anchor component="button" type="button" onClick={() => setOpen(d)}>
                  <bdi>{d.names[0]?.full}</bdi>
                </Anchor>
                {d.names.length > 1 && (
                  <Text size="xs" c="dimmed">
                    <bdi>
                      {d.names
                        .slice(1, 4)
                        .map((n) => n.full)
                        .join(' · ')}
                    </bdi>
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {t(`sanctions.authority.${d.authority}`)}
                <Text size="xs" c="dimmed" dir="ltr">
                  {d.ref}
                </Text>
              </Table.Td>
              <Table.Td>
                <bdi>{d.programmes.join(' · ')}</bdi>
              </Table.Td>
              <Table.Td>{d.listedOn ? fmt(d.listedOn) : t('sanctions.noDate')}</Table.Td>
              <Table.Td>
                {d.delistedOn ? (
                  <Badge color="gray" variant="light">
                    {t('sanctions.delistedOn', { date: fmt(d.delistedOn) })}
                  </Badge>
                ) : (
                  <Badge color="red" variant="light">
                    {t('sanctions.designated')}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? t('sanctions.detailTitle', { name: open.names[0]?.full ?? '' }) : ''}
        size="lg"
      >
        {open && <DesignationDetail d={open} />}
      </Modal>
    </Stack>
  );
}

function DesignationDetail({ d }: { d: DesignationRecord }): ReactNode {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  const row = (label: string, value: ReactNode): ReactNode => (
    <Table.Tr>
      <Table.Th w="30%">{label}</Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
  const lines = (xs: readonly string[]): ReactNode =>
    xs.length
      ? xs.map((x, i) => (
          <div key={i}>
            <bdi>{x}</bdi>
          </div>
        ))
      : '—';
  return (
    <Table withTableBorder aria-label={t('sanctions.detailTitle', { name: d.names[0]?.full ?? '' })}>
      <Table.Tbody>
        {row(t('sanctions.col.authority'), `${t(`sanctions.authority.${d.authority}`)} (${d.ref})`)}
        {row(
          t('sanctions.field.names'),
          d.names.map((n, i) => (
            <div key={i}>
              <bdi>{n.full}</bdi>{' '}
              <Text span size="xs" c="dimmed">
                {t(`sanctions.nameType.${n.type}`)}
                {n.strength ? ` · ${t(`sanctions.strength.${n.strength}`)}` : ''}
              </Text>
            </div>
          )),
        )}
        {row(t('sanctions.field.kind'), t(`sanctions.kind.${d.kind}`))}
        {row(t('sanctions.field.birthDates'), lines(d.birthDates.map((b) => (b.date ? fmt(b.date) : b.text))))}
        {row(t('sanctions.field.birthPlaces'), lines(d.birthPlaces))}
        {row(t('sanctions.field.nationalities'), lines(d.nationalities))}
        {row(
          t('sanctions.field.documents'),
          lines(
            d.documents.map((x) =>
              [t(`sanctions.document.${x.kind}`), x.number, x.country, x.note].filter(Boolean).join(' · '),
            ),
          ),
        )}
        {row(t('sanctions.field.addresses'), lines(d.addresses))}
        {row(t('sanctions.field.programmes'), lines(d.programmes))}
        {row(t('sanctions.field.positions'), lines(d.positions))}
        {row(t('sanctions.field.listedOn'), d.listedOn ? fmt(d.listedOn) : t('sanctions.noDate'))}
        {d.delistedOn && row(t('sanctions.col.status'), t('sanctions.delistedOn', { date: fmt(d.delistedOn) }))}
        {row(
          t('sanctions.field.reasons'),
          d.reasons ? (
            <Text dir="auto" size="sm">
              {d.reasons}
            </Text>
          ) : (
            '—'
          ),
        )}
        {row(
          t('sanctions.field.remarks'),
          d.remarks ? (
            <Text dir="auto" size="sm">
              {d.remarks}
            </Text>
          ) : (
            '—'
          ),
        )}
      </Table.Tbody>
    </Table>
  );
}
