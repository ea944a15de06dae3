import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { deriveTimeline } from '@shared/domain/timeline';
import { useCaseEvents } from '../../session/use-case-events';
import { useFormatDate } from '../../components/use-format-date';
import { usePlaceName } from '../../components/use-place-name';
import classes from './Timeline.module.css';

/** Where the person was held, derived from the case's events: the first thing a caseworker sees. */
export function TimelinePanel({ caseId }: { caseId: string }): ReactNode {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  const { events } = useCaseEvents(caseId);
  const placeOf = usePlaceName();
  const timeline = useMemo(() => deriveTimeline(events ?? []), [events]);
  const describe = (id: string): string => {
    const e = events?.find((x) => x.id === id);
    return e ? `${t(`eventKind.${e.kind}`)}, ${fmt(e.date)}, ${placeOf(e.placeId)}` : id;
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="timeline-h">
      <Title order={2} size="h4" mb="sm" id="timeline-h">
        {t('timeline.title')}
      </Title>
      {events && timeline.periods.length === 0 && <Text c="dimmed">{t('timeline.empty')}</Text>}
      {timeline.contradictions.map((c, i) => (
        <Alert key={i} color="red" mb="xs" role="alert">
          {t(`timeline.contradiction.${c.reason}`, { a: describe(c.eventIds[0]), b: describe(c.eventIds[1]) })}
        </Alert>
      ))}
      <ol className={classes.timeline} aria-label={t('timeline.title')}>
        {timeline.periods.map((p, i) => (
          <li key={`${p.placeId}-${i}`}>
            <div className={classes.period}>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>{placeOf(p.placeId)}</Text>
                <Badge
                  variant="light"
                  color={
                    p.end === 'death'
                      ? 'dark'
                      : p.end === 'release'
                        ? 'teal'
                        : p.end === 'last-known' || p.end === 'disappearance'
                          ? 'orange'
                          : p.end === 'then-unknown'
                            ? 'gray'
                            : 'blue'
                  }
                >
                  {t(`timeline.end.${p.end}`)}
                </Badge>
              </Group>
              <Text size="sm">
                {p.to && p.to !== p.from
                  ? t('timeline.fromTo', { from: fmt(p.from), to: fmt(p.to) })
                  : t('timeline.since', { from: fmt(p.from) })}
              </Text>
              <Stack gap={0} mt={4}>
                {p.stops.map((s) => (
                  <Text key={s.eventId} size="sm" c="dimmed">
                    {t('timeline.stop', { kind: t(`eventKind.${s.kind}`), date: fmt(s.date) })} ·{' '}
                    {t('timeline.sources', { count: s.sourceCount })}
                  </Text>
                ))}
              </Stack>
            </div>
            {timeline.gaps
              .filter((g) => g.afterPeriod === i)
              .map((g, j) => (
                <div key={j} className={classes.gap} role="note">
                  {t('timeline.gap', { from: fmt(g.from), to: fmt(g.to) })}
                </div>
              ))}
          </li>
        ))}
      </ol>
      {timeline.undated.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('timeline.undated', { count: timeline.undated.length })}
        </Text>
      )}
    </Paper>
  );
}
