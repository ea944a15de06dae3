import { partialDateBounds, type PartialDate } from './partial-date';
import type { DetentionEvent } from './records';
import { deriveTimeline, type PeriodEnd } from './timeline';

/**
 * Who was held where, and when: each case's stays, read from its detention timeline (timeline.ts), gathered by
 * place. A facility's page lists its stays; for one of them, the stays elsewhere in the register that overlap it
 * in time are the people to ask. Nothing is stored: it is derived from the events every time.
 */
export interface Stay {
  caseId: string;
  placeId: string;
  from: PartialDate | null;
  to: PartialDate | null;
  end: PeriodEnd;
  /** Sightings recorded during the stay (someone saw the person there). */
  sightings: number;
  /** Sources (testimonies, documents) cited by the stay's events, counted per event. */
  sources: number;
}

/**
 * Every case's stays by place, and by place the cases whose custody events there have no date (the timeline
 * cannot place them: they are shown apart, never guessed into a period). Each case's timeline is derived once.
 */
export function staysByPlace(eventsByCase: ReadonlyMap<string, readonly DetentionEvent[]>): {
  stays: Map<string, Stay[]>;
  undated: Map<string, Set<string>>;
} {
  const out = new Map<string, Stay[]>();
  const undated = new Map<string, Set<string>>();
  for (const [caseId, events] of eventsByCase) {
    const timeline = deriveTimeline(events);
    const byId = new Map(events.map((e) => [e.id, e]));
    for (const id of timeline.undated) {
      const place = byId.get(id)?.placeId;
      if (!place) continue;
      let cases = undated.get(place);
      if (!cases) undated.set(place, (cases = new Set()));
      cases.add(caseId);
    }
    for (const p of timeline.periods) {
      let list = out.get(p.placeId);
      if (!list) out.set(p.placeId, (list = []));
      list.push({
        caseId,
        placeId: p.placeId,
        from: p.from,
        to: p.to,
        end: p.end,
        sightings: p.stops.filter((s) => s.kind === 'sighting').length,
        sources: p.stops.reduce((n, s) => n + s.sourceCount, 0),
      });
    }
  }
  return { stays: out, undated };
}

/**
 * The days a stay certainly covers at most: from the earliest its first date allows to the latest its last date
 * allows. Null for a stay with no date at all, which cannot be placed in time and is never guessed into one.
 */
export function stayBounds(s: Pick<Stay, 'from' | 'to'>): { earliest: string; latest: string } | null {
  const first = s.from ?? s.to;
  const last = s.to ?? s.from;
  if (!first || !last) return null;
  return { earliest: partialDateBounds(first).earliest, latest: partialDateBounds(last).latest };
}

/**
 * The other cases' stays at the same place whose dates overlap this one's: people who may have been held with
 * this person. A year overlaps every day in it: the list is of people to ask, not a finding. Undated stays on
 * either side are left out; a case counts once, by its first overlapping stay.
 */
export function coDetainees(stay: Stay, atPlace: readonly Stay[]): Stay[] {
  const mine = stayBounds(stay);
  if (!mine) return [];
  const seen = new Set<string>([stay.caseId]);
  const out: Stay[] = [];
  for (const other of atPlace) {
    if (other.placeId !== stay.placeId || seen.has(other.caseId)) continue;
    const theirs = stayBounds(other);
    if (!theirs || theirs.latest < mine.earliest || mine.latest < theirs.earliest) continue;
    seen.add(other.caseId);
    out.push(other);
  }
  return out;
}
