import { useEffect, useMemo, useState } from 'react';
import type { Case } from '@shared/domain/records';
import { eventsByCase, incidentTies, isIncidentLink } from '@shared/domain/incidents';
import type { PatternInput } from '@shared/domain/patterns';
import type { CaseSummary } from '../../db/case-repository';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';

/**
 * What the Patterns screen counts: the cases this member may read, with their subjects, events and incidents,
 * and the places. A case sealed in a compartment this member does not hold is not here: it is only counted in
 * `withheld`, by number, so the screen can say what its counts leave out.
 */
export function usePatternInput(): {
  input: PatternInput | null;
  summaries: Map<string, CaseSummary>;
  withheld: number;
} {
  const session = useSession();
  const [cases, setCases] = useState<{ records: Case[]; summaries: CaseSummary[] } | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => session.cases.onChange(() => setTick((n) => n + 1)), [session]);
  useEffect(() => {
    let live = true;
    void Promise.all([session.store.all('cases'), session.cases.summaries()])
      .then(([records, summaries]) => {
        if (live) setCases({ records, summaries });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [session, tick]);
  const { records: persons } = useRecords(session.persons, () => true, []);
  const { records: events } = useRecords(session.events, () => true, []);
  const { records: links } = useRecords(session.links, isIncidentLink, []);
  const { records: places } = useRecords(session.places, () => true, []);

  return useMemo(() => {
    const summaries = new Map((cases?.summaries ?? []).filter((s) => !s.withheld).map((s) => [s.id, s]));
    const withheld = (cases?.summaries ?? []).filter((s) => s.withheld).length;
    if (!cases || !persons || !events || !links || !places) return { input: null, summaries, withheld };
    return {
      input: {
        cases: cases.records.filter((c) => summaries.has(c.id)),
        persons: new Map(persons.map((p) => [p.id, p])),
        eventsByCase: eventsByCase(events, incidentTies(links)),
        places: new Map(places.map((p) => [p.id, p])),
      },
      summaries,
      withheld,
    };
  }, [cases, persons, events, links, places]);
}
