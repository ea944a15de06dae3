import { useMemo } from 'react';
import type { DetentionEvent } from '@shared/domain/records';
import { isIncidentLink } from '@shared/domain/incidents';
import { useSession } from './VaultProvider';
import { useRecords } from './use-records';

/**
 * A case's events as its timeline reads them: its own, and the incidents of many cases it is tied to. `own` are
 * the ones this case's Events tab edits; `incidents` are written once and edited on the incident's page.
 */
export function useCaseEvents(caseId: string): {
  events: DetentionEvent[] | null;
  own: DetentionEvent[] | null;
  incidents: DetentionEvent[] | null;
} {
  const session = useSession();
  const { records: all } = useRecords(session.events, (e) => e.caseId === caseId || e.caseId === null, [caseId]);
  const { records: ties } = useRecords(session.links, (l) => isIncidentLink(l) && l.toId === caseId, [caseId]);
  return useMemo(() => {
    if (!all || !ties) return { events: null, own: null, incidents: null };
    const tied = new Set(ties.map((l) => l.fromId));
    const own = all.filter((e) => e.caseId === caseId);
    const incidents = all.filter((e) => e.caseId === null && tied.has(e.id));
    return { events: [...own, ...incidents], own, incidents };
  }, [all, ties, caseId]);
}
