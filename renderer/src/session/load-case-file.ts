import type { CaseFile } from '@shared/print/summary';
import type { DetentionEvent } from '@shared/domain/records';
import { isIncidentLink } from '@shared/domain/incidents';
import type { VaultSession } from './vault-session';

/** Everything a summary may draw on for one case, decrypted from the vault (collections are cached across a batch). */
export async function loadCaseFile(
  session: VaultSession,
  caseId: string,
  // A package carries a case's own events only: an incident of many cases is not yet part of the package format.
  options: { incidents?: boolean } = {},
): Promise<CaseFile | null> {
  const loaded = await session.cases.load(caseId);
  if (!loaded) return null;
  const [events, places, testimonies, contacts, documents] = await Promise.all([
    caseEvents(session, caseId, options.incidents === true),
    session.places.all(),
    session.testimonies.where((x) => x.caseId === caseId),
    session.contacts.where((c) => c.caseId === caseId),
    session.documents.where((d) => d.caseId === caseId),
  ]);
  const witnessIds = [...new Set(testimonies.map((x) => x.witnessId))];
  const witnesses = (await session.store.getMany('persons', witnessIds)).filter((p) => p !== undefined);
  return {
    record: loaded.record,
    subject: loaded.subject,
    events,
    testimonies,
    contacts,
    documents,
    places: new Map(places.map((p) => [p.id, p])),
    persons: new Map([[loaded.subject.id, loaded.subject], ...witnesses.map((w) => [w.id, w] as const)]),
  };
}

async function caseEvents(session: VaultSession, caseId: string, incidents: boolean): Promise<DetentionEvent[]> {
  if (!incidents) return session.events.where((e) => e.caseId === caseId);
  const ties = new Set((await session.links.where((l) => isIncidentLink(l) && l.toId === caseId)).map((l) => l.fromId));
  return session.events.where((e) => e.caseId === caseId || (e.caseId === null && ties.has(e.id)));
}
