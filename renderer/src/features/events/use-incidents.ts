import { useMemo } from 'react';
import type { DetentionEvent, Place } from '@shared/domain/records';
import { incidentTies, isIncident, isIncidentLink, type IncidentTies } from '@shared/domain/incidents';
import type { CaseSummary } from '../../db/case-repository';
import { useSession } from '../../session/VaultProvider';
import { useRecords } from '../../session/use-records';
import { useReadableCases } from '../../session/use-readable-cases';

/** The incidents on file, the ties to cases this member can read, the cases they may open, and the places. */
export function useIncidents(): {
  incidents: DetentionEvent[] | null;
  ties: IncidentTies;
  cases: Map<string, CaseSummary>;
  places: Place[] | null;
} {
  const session = useSession();
  const { records: incidents } = useRecords(session.events, isIncident, []);
  const { records: links } = useRecords(session.links, isIncidentLink, []);
  const { records: places } = useRecords(session.places, () => true, []);
  const cases = useReadableCases();
  const ties = useMemo(() => incidentTies(links ?? []), [links]);
  return { incidents, ties, cases, places };
}

/** The cases of an incident this member may open (a tie to a case they cannot read is not shown). */
export const readableCasesOf = (id: string, ties: IncidentTies, cases: Map<string, CaseSummary>): CaseSummary[] =>
  [...(ties.casesOf.get(id) ?? [])].flatMap((c) => {
    const s = cases.get(c);
    return s ? [s] : [];
  });
