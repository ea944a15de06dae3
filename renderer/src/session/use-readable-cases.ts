import { useEffect, useState } from 'react';
import type { CaseSummary } from '../db/case-repository';
import { useSession } from './VaultProvider';

/** The cases this member may open, by id, re-read when cases change: a withheld case is not among them. */
export function useReadableCases(): Map<string, CaseSummary> {
  const session = useSession();
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
  return cases;
}
