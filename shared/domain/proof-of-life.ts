import { comparePartialDates, partialDateDays, type PartialDate } from './partial-date';
import type { DetentionEvent, EvidenceDocument, Person, Testimony } from './records';
import { mergedRoot } from './patterns';
import { IN_CUSTODY } from './timeline';

/**
 * Proof of life: when the person was last seen alive, on what sources, how many of them independent, and what
 * in the record speaks against it. Derived from the case's events (its own and its incidents) every time,
 * never stored. The families' question is alive or dead; this answers only with what the record holds.
 */

/** Events that show the person alive at their date: in custody, seen, tried, or released. */
const ALIVE = new Set<DetentionEvent['kind']>([...IN_CUSTODY, 'release']);

export type SourceKind = 'testimony' | 'document' | 'unknown';

/** What a cited record is, as far as this member can read it. */
export interface SourceInfo {
  kind: SourceKind;
  /**
   * Where its knowledge comes from: a testimony's witness (after merges), a document's content hash. Two
   * testimonies of one witness, or two copies of one file, are one source, not two.
   */
  origin: string;
}

export interface LifeSighting {
  date: PartialDate;
  placeId: string | null;
  kind: DetentionEvent['kind'];
  /** Every alive event at that same date (two sightings in the same month are one moment, seen twice). */
  eventIds: string[];
  sources: Array<{ recordId: string; kind: SourceKind }>;
  /** Distinct origins among the sources. */
  independent: number;
  byKind: Record<SourceKind, number>;
}

export type LifeContradiction =
  /** A death is recorded after the last sighting: the person may have died since. */
  | { kind: 'later-death'; eventId: string; date: PartialDate }
  /** A death is recorded before the last sighting: one of the two is wrong. */
  | { kind: 'death-before'; eventId: string; date: PartialDate }
  /** A release is recorded before a later sighting in custody, with no new arrest between. */
  | { kind: 'release-before'; eventId: string; date: PartialDate }
  /** A death is recorded with no date: it cannot be placed, but it is on file. */
  | { kind: 'undated-death'; eventId: string; date: null };

export interface ProofOfLife {
  last: LifeSighting | null;
  /** When the last sighting cites nothing: the latest one that does, if any. */
  lastSourced: LifeSighting | null;
  contradictions: LifeContradiction[];
  /** Alive events with no date: known, but not placeable before or after anything. */
  undated: number;
}

const IN_CUSTODY_AFTER_RELEASE = new Set<DetentionEvent['kind']>([
  'transfer',
  'sighting',
  'interrogation',
  'torture',
  'trial',
]);

function sighting(at: readonly DetentionEvent[], source: (recordId: string) => SourceInfo): LifeSighting {
  const first = at[0]!;
  const seen = new Map<string, SourceKind>();
  const origins = new Map<string, SourceKind>();
  for (const e of at)
    for (const s of e.sources) {
      if (seen.has(s.recordId)) continue;
      const info = source(s.recordId);
      seen.set(s.recordId, info.kind);
      if (!origins.has(info.origin)) origins.set(info.origin, info.kind);
    }
  const byKind: Record<SourceKind, number> = { testimony: 0, document: 0, unknown: 0 };
  for (const k of origins.values()) byKind[k]++;
  return {
    date: first.date!,
    placeId: at.find((e) => e.placeId)?.placeId ?? null,
    kind: first.kind,
    eventIds: at.map((e) => e.id),
    sources: [...seen].map(([recordId, kind]) => ({ recordId, kind })),
    independent: origins.size,
    byKind,
  };
}

/** The alive events at the latest date among these, or none. */
function latest(events: readonly DetentionEvent[]): DetentionEvent[] {
  let top: DetentionEvent[] = [];
  for (const e of events) {
    const c = top.length ? comparePartialDates(e.date!, top[0]!.date!) : 1;
    if (c > 0) top = [e];
    else if (c === 0) top.push(e);
  }
  return top;
}

export function proofOfLife(events: readonly DetentionEvent[], source: (recordId: string) => SourceInfo): ProofOfLife {
  const alive = events.filter((e) => ALIVE.has(e.kind) && e.date);
  const undated = events.filter((e) => ALIVE.has(e.kind) && !e.date).length;
  const top = latest(alive);
  if (!top.length) return { last: null, lastSourced: null, contradictions: [], undated };
  const last = sighting(top, source);
  const cited = alive.filter((e) => e.sources.length > 0);
  const lastSourced = last.sources.length === 0 && cited.length ? sighting(latest(cited), source) : null;

  const [seenFrom, seenTo] = partialDateDays(last.date);
  const contradictions: LifeContradiction[] = [];
  for (const e of events) {
    if (!e.date) continue;
    const [from, to] = partialDateDays(e.date);
    if (e.kind === 'death') {
      // A death whose dates overlap the sighting's says nothing certain either way, and is not flagged.
      if (from > seenTo) contradictions.push({ kind: 'later-death', eventId: e.id, date: e.date });
      else if (to < seenFrom) contradictions.push({ kind: 'death-before', eventId: e.id, date: e.date });
    }
  }
  // Held after a release contradicts the release or the sighting, unless an arrest or detention may fall between
  // them: any that may be after the release's first day and by the sighting's last.
  if (top.some((e) => IN_CUSTODY_AFTER_RELEASE.has(e.kind))) {
    const releases = events
      .filter((e) => e.kind === 'release' && e.date && partialDateDays(e.date)[1] < seenFrom)
      .sort((a, b) => comparePartialDates(a.date!, b.date!));
    const release = releases.at(-1);
    const releasedFrom = release ? partialDateDays(release.date!)[0] : 0;
    const taken = events.some(
      (e) =>
        (e.kind === 'arrest' || e.kind === 'detention') &&
        e.date &&
        partialDateDays(e.date)[1] >= releasedFrom &&
        partialDateDays(e.date)[0] <= seenTo &&
        e.id !== release?.id,
    );
    if (release && !taken) contradictions.push({ kind: 'release-before', eventId: release.id, date: release.date! });
  }
  // A death with no date cannot be put before or after the sighting, but it is on file: it is said.
  for (const e of events)
    if (e.kind === 'death' && !e.date) contradictions.push({ kind: 'undated-death', eventId: e.id, date: null });
  return { last, lastSourced, contradictions, undated };
}

/**
 * What each cited record is, from the records this member can read: a testimony's origin is its witness (the
 * surviving record, after merges), a document's is its content. A record not found (withheld, deleted) is a
 * source of its own, of unknown kind.
 */
export function sourceInfo(
  testimonies: ReadonlyMap<string, Pick<Testimony, 'witnessId'>>,
  documents: ReadonlyMap<string, Pick<EvidenceDocument, 'sha256'>>,
  persons: ReadonlyMap<string, Person>,
): (recordId: string) => SourceInfo {
  return (id) => {
    const t = testimonies.get(id);
    if (t) return { kind: 'testimony', origin: `witness:${mergedRoot(t.witnessId, persons)}` };
    const d = documents.get(id);
    if (d) return { kind: 'document', origin: `document:${d.sha256}` };
    return { kind: 'unknown', origin: `record:${id}` };
  };
}
