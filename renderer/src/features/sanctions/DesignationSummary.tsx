import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Stack, Text } from '@mantine/core';
import type { DesignationRecord } from '@shared/domain/records';
import { useFormatDate } from '../../components/use-format-date';

/** What one authority says of a person, in a few lines: who listed them when and why, and what it knows. */
export function DesignationSummary({ d }: { d: DesignationRecord }): ReactNode {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  const line = (label: string, xs: readonly string[]): ReactNode =>
    xs.length > 0 && (
      <Text size="sm">
        <Text span fw={600}>
          {label}:
        </Text>{' '}
        <bdi>{xs.join(' · ')}</bdi>
      </Text>
    );
  return (
    <Stack gap={2}>
      <Text fw={600}>
        {t(`sanctions.authority.${d.authority}`)}{' '}
        <Text span size="xs" c="dimmed" dir="ltr">
          {d.ref}
        </Text>
      </Text>
      <Text size="sm">
        {d.delistedOn
          ? t('sanctions.listedUntil', {
              from: d.listedOn ? fmt(d.listedOn) : t('sanctions.noDate'),
              to: fmt(d.delistedOn),
            })
          : d.listedOn
            ? t('sanctions.listedSince', { date: fmt(d.listedOn) })
            : t('sanctions.listedUndated')}
      </Text>
      {line(
        t('sanctions.field.names'),
        d.names.map((n) => n.full),
      )}
      {line(t('sanctions.field.programmes'), d.programmes)}
      {d.reasons && (
        <Text size="sm" dir="auto">
          <Text span fw={600}>
            {t('sanctions.field.reasons')}:
          </Text>{' '}
          {d.reasons}
        </Text>
      )}
      {line(
        t('sanctions.field.birthDates'),
        d.birthDates.map((b) => (b.date ? fmt(b.date) : b.text)),
      )}
      {line(t('sanctions.field.birthPlaces'), d.birthPlaces)}
      {line(
        t('sanctions.field.documents'),
        d.documents.map((x) => [t(`sanctions.document.${x.kind}`), x.number, x.country].filter(Boolean).join(' ')),
      )}
      {line(t('sanctions.field.addresses'), d.addresses)}
    </Stack>
  );
}
