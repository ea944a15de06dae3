import type { CaseFile } from '@shared/print/summary';
import type { DetentionEvent } from '@shared/domain/records';
import { isIncidentLink } from '@shared/domain/incidents';
import type { VaultSession } from './vault-session';

/** Everything a summary may draw on for one case, decrypted from the vault (collections are cached across a batch). */
export async function loadCaseFile(
  session: VaultSession,
  caseId: string,
  /** With the incidents tied to the case, and the ties themselves. */
  options: { incidents?: boolean } = {},
): Promise<CaseFile | null> {
  const loaded = await session.cases.load(caseId);
  if (!loaded) return null;
  const ties = options.incidents ? await session.links.where((l) => isIncidentLink(l) && l.toId === caseId) : [];
  const [events, places, testimonies, contacts, documents] = await Promise.all([
    caseEvents(session, caseId, new Set(ties.map((l) => l.fromId))),
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
    ...(options.incidents ? { ties } : {}),
  };
}

async function caseEvents(session: VaultSession, caseId: string, tied: ReadonlySet<string>): Promise<DetentionEvent[]> {
  return session.events.where((e) => e.caseId === caseId || (e.caseId === null && tied.has(e.id)));
}
