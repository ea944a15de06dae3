import type { CaseFile } from '@shared/print/summary';
import type { VaultSession } from './vault-session';

/** Everything a summary may draw on for one case, decrypted from the vault (collections are cached across a batch). */
export async function loadCaseFile(session: VaultSession, caseId: string): Promise<CaseFile | null> {
  const loaded = await session.cases.load(caseId);
  if (!loaded) return null;
  const [events, places, testimonies, contacts, documents] = await Promise.all([
    session.events.where((e) => e.caseId === caseId),
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
