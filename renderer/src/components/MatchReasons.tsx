import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Group, Text } from '@mantine/core';
import type { Band, FieldScore } from '@shared/names/person-match';

const COLOUR: Record<FieldScore['agreement'], string> = {
  agree: 'teal',
  partial: 'yellow',
  disagree: 'red',
  missing: 'gray',
};

/** Which fields agreed and how strongly: the reasons behind a match score, field by field. */
export function MatchReasons({ fields }: { fields: FieldScore[] }): ReactNode {
  const { t } = useTranslation();
  const shown = fields.filter((f) => f.agreement !== 'missing');
  return (
    <Group gap={4} component="ul" aria-label={t('match.reasons')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {shown.map((f) => (
        <Badge key={f.field} component="li" variant="light" color={COLOUR[f.agreement]} tt="none" fw={500}>
          {t(`match.fields.${f.field}`)}: {t(`match.agreement.${f.agreement}`)} ({f.weight > 0 ? '+' : ''}
          {f.weight.toFixed(1)})
        </Badge>
      ))}
    </Group>
  );
}

export function BandBadge({ band, score }: { band: Band; score: number }): ReactNode {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Badge color={band === 'probable' ? 'orange' : 'blue'} variant="filled">
        {t(`match.band.${band}`)}
      </Badge>
      <Text size="xs" c="dimmed">
        {t('match.score', { score: score.toFixed(1) })}
      </Text>
    </Group>
  );
}
