import { useMemo } from 'react';
import type { Place } from '@shared/domain/records';
import { eventsByCase, incidentTies, isIncidentLink } from '@shared/domain/incidents';
import { staysByPlace, type Stay } from '@shared/domain/facility-stays';
import type { CaseSummary } from '../db/case-repository';
import { useSession } from './VaultProvider';
import { useRecords } from './use-records';
import { useReadableCases } from './use-readable-cases';

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
  const { records: events } = useRecords(session.events, () => true, []);
  const { records: links } = useRecords(session.links, isIncidentLink, []);
  const cases = useReadableCases();
  const derived = useMemo(() => {
    return staysByPlace(eventsByCase(events ?? [], incidentTies(links ?? [])));
  }, [events, links]);
  return { places, ...derived, cases };
}
