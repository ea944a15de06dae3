import { useEffect, useMemo, useState } from 'react';
import type { DetentionEvent, Place } from '@shared/domain/records';
import { staysByPlace, type Stay } from '@shared/domain/facility-stays';
import type { CaseSummary } from '../../db/case-repository';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';

/**
 * The places, every case's stays gathered by place, and the cases this member may open. Only what this member
 * can read is counted: a case sealed in a compartment they do not hold has no events here to count.
 */
export function useFacilityStays(): {
  places: Place[] | null;
  stays: Map<string, Stay[]>;
  undated: Map<string, Set<string>>;
  cases: Map<string, CaseSummary>;
} {
  const session = useSession();
  const { records: places } = useRecords(session.places, () => true, []);
  const { records: events } = useRecords(session.events, (e) => e.caseId !== null, []);
  const [cases, setCases] = useState<Map<string, CaseSummary>>(new Map());
  const [tick, setTick] = useState(0);
  useEffect(() => session.cases.onChange(() => setTick((n) => n + 1)), [session]);
  useEffect(() => {
    let live = true;
    void session.cases
      .summaries()
      .then((all) => {
        if (live) setCases(new Map(all.filter((c) => !c.withheld).map((c) => [c.id, c])));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [session, tick]);
  const derived = useMemo(() => {
    const byCase = new Map<string, DetentionEvent[]>();
    for (const e of events ?? []) {
      if (!e.caseId) continue;
      let list = byCase.get(e.caseId);
      if (!list) byCase.set(e.caseId, (list = []));
      list.push(e);
    }
    return staysByPlace(byCase);
  }, [events]);
  return { places, ...derived, cases };
}
