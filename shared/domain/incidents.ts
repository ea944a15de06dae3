import { partialDateBounds, type PartialDate } from './partial-date';
import type { DetentionEvent, Link } from './records';
import { newRecord } from './new-record';

/**
 * An incident is an event that concerns many cases (a mass arrest, a massacre, a transfer convoy): written once,
 * with no case of its own, and tied to each case it concerns by a `concerns` link from the event to the case.
 *
 * The tie is a link rather than a list on the event so that it is sealed with the case it names: a restricted or
 * strict case's membership of an incident sits in that case's compartment, and a member who does not hold it sees
 * the incident without learning that the case is part of it.
 */
export const isIncident = (e: Pick<DetentionEvent, 'caseId'>): boolean => e.caseId === null;

export const isIncidentLink = (l: Pick<Link, 'type' | 'fromTable' | 'toTable'>): boolean =>
  l.type === 'concerns' && l.fromTable === 'events' && l.toTable === 'cases';

/** Each incident's cases and each case's incidents, from the links this member can read. */
export interface IncidentTies {
  casesOf: Map<string, Set<string>>;
  incidentsOf: Map<string, Set<string>>;
  /** The link that ties an incident to a case, to undo it. */
  linkOf: Map<string, string>;
}

export const tieKey = (incidentId: string, caseId: string): string => `${incidentId}\n${caseId}`;

export function incidentTies(links: readonly Link[]): IncidentTies {
  const ties: IncidentTies = { casesOf: new Map(), incidentsOf: new Map(), linkOf: new Map() };
  for (const l of links) {
    if (!isIncidentLink(l)) continue;
    add(ties.casesOf, l.fromId, l.toId);
    add(ties.incidentsOf, l.toId, l.fromId);
    ties.linkOf.set(tieKey(l.fromId, l.toId), l.id);
  }
  return ties;
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/**
 * Every case's events: its own, and each incident tied to it. An incident tied to a case twice counts once; a tie
 * to something that is not an incident (an event of another case) is not followed, so no case borrows another's
 * events.
 */
export function eventsByCase(events: readonly DetentionEvent[], ties: IncidentTies): Map<string, DetentionEvent[]> {
  const out = new Map<string, DetentionEvent[]>();
  const incidents = new Map<string, DetentionEvent>();
  for (const e of events) {
    if (e.caseId === null) incidents.set(e.id, e);
    else push(out, e.caseId, e);
  }
  for (const [caseId, ids] of ties.incidentsOf) {
    for (const id of ids) {
      const incident = incidents.get(id);
      if (incident) push(out, caseId, incident);
    }
  }
  return out;
}

function push(map: Map<string, DetentionEvent[]>, key: string, e: DetentionEvent): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(e);
}

/**
 * The incidents that may be the one being written again: at the place typed (when one is), and on a date that can
 * overlap the date or range typed (when one is). An incident with no date can be any date; one with no place is
 * offered only on a date that fits. Nothing typed offers nothing, so the form does not fill with every incident.
 */
export function incidentsLike(
  events: readonly DetentionEvent[],
  typed: { placeId: string | null; date: PartialDate | null },
): DetentionEvent[] {
  if (!typed.placeId && !typed.date) return [];
  const span = typed.date ? partialDateBounds(typed.date) : null;
  return events.filter((e) => {
    if (!isIncident(e)) return false;
    if (typed.placeId && e.placeId && e.placeId !== typed.placeId) return false;
    if (typed.placeId && !e.placeId && !span) return false;
    if (span && e.date) {
      const b = partialDateBounds(e.date);
      if (b.latest < span.earliest || b.earliest > span.latest) return false;
    }
    return true;
  });
}

/** The links that tie an incident to the cases it does not yet concern (a case listed twice is tied once). */
export function tieLinks(
  incidentId: string,
  caseIds: readonly string[],
  ctx: { actor: string; now: Date; newId: () => string },
  ties?: IncidentTies,
): Link[] {
  return [...new Set(caseIds)]
    .filter((caseId) => !ties?.linkOf.has(tieKey(incidentId, caseId)))
    .map((caseId) =>
      newRecord(
        'links',
        {
          id: ctx.newId(),
          type: 'concerns',
          fromTable: 'events',
          fromId: incidentId,
          toTable: 'cases',
          toId: caseId,
          note: '',
        },
        ctx.actor,
        ctx.now,
      ),
    );
}

export type IncidentMove =
  | { ok: true; event: DetentionEvent | null; deleted: string | null; link: Link | null }
  | { ok: false; problem: 'incident-title-required' | 'not-own-event' };

/**
 * A case's own event made an incident of many cases: the same record (its id, sources and history kept), no
 * longer one case's, named, and tied back to its case so that case's timeline still shows it.
 */
export function ownEventAsIncident(
  event: DetentionEvent,
  title: string,
  ctx: { actor: string; now: Date; newId: () => string },
): IncidentMove {
  if (event.caseId === null) return { ok: false, problem: 'not-own-event' };
  const name = title.trim();
  if (!name) return { ok: false, problem: 'incident-title-required' };
  const [link] = tieLinks(event.id, [event.caseId], ctx);
  return {
    ok: true,
    event: { ...event, caseId: null, title: name, updatedAt: ctx.now.toISOString() },
    deleted: null,
    link: link ?? null,
  };
}

/**
 * A case's own event that is an incident already on file, written twice: the case is tied to the incident
 * (unless it already is) and its own copy deleted, so the happening is on its timeline once.
 */
export function mergeIntoIncident(
  event: DetentionEvent,
  incidentId: string,
  ties: IncidentTies,
  ctx: { actor: string; now: Date; newId: () => string },
): IncidentMove {
  if (event.caseId === null) return { ok: false, problem: 'not-own-event' };
  const [link] = tieLinks(incidentId, [event.caseId], ctx, ties);
  return { ok: true, event: null, deleted: event.id, link: link ?? null };
}
