import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, List, Paper, Text, Title } from '@mantine/core';
import { proofOfLife, sourceInfo, type LifeSighting } from '@shared/domain/proof-of-life';
import type { EvidenceDocument, Person, Testimony } from '@shared/domain/records';
import { useSession } from '../../session/VaultProvider';
import { useCaseEvents } from '../../session/use-case-events';
import { useFormatDate } from '../../components/use-format-date';
import { usePlaceName } from '../../components/use-place-name';

interface Cited {
  testimonies: Map<string, Testimony>;
  documents: Map<string, EvidenceDocument>;
  persons: Map<string, Person>;
}

/** The records the events cite, and the witnesses behind the testimonies with the records they were merged into. */
function useCited(ids: readonly string[]): Cited | null {
  const session = useSession();
  const [cited, setCited] = useState<Cited | null>(null);
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    void (async () => {
      const wanted = key ? key.split(',') : [];
      const testimonies = (await session.store.getMany('testimonies', wanted)).filter((x) => x !== undefined);
      const documents = (await session.store.getMany('documents', wanted)).filter((x) => x !== undefined);
      const persons = new Map<string, Person>();
      let next = [...new Set(testimonies.map((x) => x.witnessId))];
      for (let hop = 0; next.length && hop < 10; hop++) {
        const found = (await session.store.getMany('persons', next)).filter((x) => x !== undefined);
        for (const p of found) persons.set(p.id, p);
        next = found.flatMap((p) => (p.mergedInto && !persons.has(p.mergedInto) ? [p.mergedInto] : []));
      }
      if (live)
        setCited({
          testimonies: new Map(testimonies.map((x) => [x.id, x])),
          documents: new Map(documents.map((x) => [x.id, x])),
          persons,
        });
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [session, key]);
  return cited;
}

/**
 * Proof of life: when the person was last seen alive, by how many independent sources (one witness's several
 * testimonies, or two copies of one file, are one source), and what in the record speaks against it.
 */
export function ProofOfLifePanel({ caseId }: { caseId: string }): ReactNode {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  const { events } = useCaseEvents(caseId);
  const placeOf = usePlaceName();
  const ids = useMemo(
    () => [...new Set((events ?? []).flatMap((e) => e.sources.map((s) => s.recordId)))].sort(),
    [events],
  );
  const cited = useCited(ids);
  const proof = useMemo(
    () => (events && cited ? proofOfLife(events, sourceInfo(cited.testimonies, cited.documents, cited.persons)) : null),
    [events, cited],
  );
  const sourceName = (recordId: string): string => {
    const testimony = cited?.testimonies.get(recordId);
    if (testimony) return t('proofOfLife.source.testimony', { date: fmt(testimony.date) });
    const document = cited?.documents.get(recordId);
    if (document) return t('proofOfLife.source.document', { name: document.originalName });
    return t('proofOfLife.source.unknown');
  };
  const seen = (s: LifeSighting, label: string): ReactNode => (
    <>
      <Text fw={600}>
        {label}: {fmt(s.date)} — {placeOf(s.placeId)} ({t(`eventKind.${s.kind}`)})
      </Text>
      <Text size="sm">
        {t('proofOfLife.independent', { count: s.independent })}{' '}
        {t('proofOfLife.byKind', {
          testimony: s.byKind.testimony,
          document: s.byKind.document,
          unknown: s.byKind.unknown,
        })}
      </Text>
      {s.sources.length > 0 && (
        <List size="sm" aria-label={t('proofOfLife.sources')}>
          {s.sources.map((x) => (
            <List.Item key={x.recordId}>{sourceName(x.recordId)}</List.Item>
          ))}
        </List>
      )}
    </>
  );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="proof-h">
      <Title order={2} size="h4" mb="sm" id="proof-h">
        {t('proofOfLife.title')}
      </Title>
      {proof && !proof.last && <Text>{t('proofOfLife.none')}</Text>}
      {proof?.last && seen(proof.last, t('proofOfLife.last'))}
      {proof?.last && proof.last.independent === 0 && (
        <Alert color="orange" mt="xs">
          {t('proofOfLife.unsourced')}
        </Alert>
      )}
      {proof?.lastSourced && (
        <div style={{ marginTop: 8 }}>{seen(proof.lastSourced, t('proofOfLife.lastSourced'))}</div>
      )}
      {proof?.contradictions.map((c) => (
        <Alert key={`${c.kind}-${c.eventId}`} color="red" mt="xs" role="alert">
          {t(`proofOfLife.contradiction.${c.kind}`, { date: fmt(c.date) })}
        </Alert>
      ))}
      {proof && proof.undated > 0 && (
        <Text size="sm" mt="xs">
          {t('proofOfLife.undated', { count: proof.undated })}
        </Text>
      )}
    </Paper>
  );
}
