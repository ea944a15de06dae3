import { comparePartialDates, partialDateBounds, type PartialDate } from './partial-date';
import type { DetentionEvent } from './records';

/**
 * The detention timeline of a case, derived from its events: where the
 * person was held, from when to when, who saw them there (with sources), and
 * where the record is silent or contradicts itself. Nothing here is stored;
 * it is recomputed from the events every time.
 */
export interface TimelineStop {
  eventId: string;
  kind: DetentionEvent['kind'];
  date: PartialDate | null;
  sourceCount: number;
}

/**
 * How a stay ended. Only the latest stay, still open, is `last-known`; an earlier one whose next sign of the
 * person is elsewhere, with no transfer recorded, ended `then-unknown` (and the time between is a gap).
 */
export type PeriodEnd = 'transfer' | 'release' | 'death' | 'disappearance' | 'then-unknown' | 'last-known';

export interface TimelinePeriod {
  placeId: string;
  from: PartialDate | null;
  to: PartialDate | null;
  end: PeriodEnd;
  stops: TimelineStop[];
}

export interface TimelineGap {
  afterPeriod: number;
  from: PartialDate | null;
  to: PartialDate | null;
}

export type ContradictionReason = 'two-places-at-once' | 'after-death' | 'held-after-release';
export interface Contradiction {
  eventIds: [string, string];
  reason: ContradictionReason;
}

export interface DetentionTimeline {
  periods: TimelinePeriod[];
  gaps: TimelineGap[];
  contradictions: Contradiction[];
  /** Custody events with no date cannot be placed in order; they are listed, not guessed. */
  undated: string[];
}

/** Kinds of event that put the person in custody at their date and place. */
export const IN_CUSTODY: ReadonlySet<DetentionEvent['kind']> = new Set<DetentionEvent['kind']>([
  'arrest',
  'detention',
  'transfer',
  'sighting',
  'interrogation',
  'torture',
  'trial',
]);

function stop(e: DetentionEvent): TimelineStop {
  return { eventId: e.id, kind: e.kind, date: e.date, sourceCount: e.sources.length };
}

/** Days are precise enough to say two places cannot both be true; a year is not. */
function precise(d: PartialDate | null): d is PartialDate {
  return d !== null && (d.precision === 'day' || d.precision === 'month');
}

/** True when some time certainly passed between the two dates: "June 2012" then "10 June 2012" leaves none. */
function silentBetween(a: PartialDate | null, b: PartialDate | null): boolean {
  if (!a || !b) return true;
  return partialDateBounds(a).latest < partialDateBounds(b).earliest;
}

function overlaps(a: PartialDate, b: PartialDate): boolean {
  const x = partialDateBounds(a);
  const y = partialDateBounds(b);
  return x.earliest <= y.latest && y.earliest <= x.latest;
}

export function deriveTimeline(events: readonly DetentionEvent[]): DetentionTimeline {
  const relevant = events.filter(
    (e) => IN_CUSTODY.has(e.kind) || e.kind === 'release' || e.kind === 'death' || e.kind === 'disappearance',
  );
  const undated = relevant.filter((e) => !e.date).map((e) => e.id);
  const dated = relevant.filter((e) => e.date).sort((a, b) => comparePartialDates(a.date!, b.date!));

  const periods: TimelinePeriod[] = [];
  const gaps: TimelineGap[] = [];
  const contradictions: Contradiction[] = [];
  let current: TimelinePeriod | null = null;
  let releasedBy: DetentionEvent | null = null;
  let deathBy: DetentionEvent | null = null;

  const close = (end: PeriodEnd, to: PartialDate | null): void => {
    if (!current) return;
    current.end = end;
    current.to = to ?? current.stops.at(-1)?.date ?? current.from;
    current = null;
  };

  for (const e of dated) {
    if (deathBy && e.kind !== 'death') contradictions.push({ eventIds: [deathBy.id, e.id], reason: 'after-death' });
    if (e.kind === 'release' || e.kind === 'death' || e.kind === 'disappearance') {
      if (current) {
        current.stops.push(stop(e));
        close(e.kind, e.date);
      }
      if (e.kind === 'release') releasedBy = e;
      if (e.kind === 'death') deathBy = e;
      continue;
    }
    if (!e.placeId) continue;
    if (releasedBy && e.kind !== 'arrest' && e.kind !== 'detention') {
      contradictions.push({ eventIds: [releasedBy.id, e.id], reason: 'held-after-release' });
    }
    if (e.kind === 'arrest' || e.kind === 'detention') releasedBy = null;
    if (current && current.placeId === e.placeId) {
      current.stops.push(stop(e));
      current.to = e.date;
      continue;
    }
    const previous: TimelinePeriod | null = current;
    if (previous) {
      if (e.kind === 'transfer') close('transfer', e.date);
      else {
        // Seen somewhere else with no transfer on record: the move itself is a gap in what is known.
        close('then-unknown', null);
        if (silentBetween(previous.to, e.date))
          gaps.push({ afterPeriod: periods.length - 1, from: previous.to, to: e.date });
      }
    } else if (periods.length > 0) {
      const last = periods[periods.length - 1]!;
      if ((last.end === 'then-unknown' || last.end === 'disappearance') && silentBetween(last.to, e.date))
        gaps.push({ afterPeriod: periods.length - 1, from: last.to, to: e.date });
    }
    current = { placeId: e.placeId, from: e.date, to: e.date, end: 'last-known', stops: [stop(e)] };
    periods.push(current);
  }

  // Two precise events in different places at overlapping times cannot both be right.
  const placed = dated.filter((e) => e.placeId && IN_CUSTODY.has(e.kind) && precise(e.date));
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i]!;
      const b = placed[j]!;
      if (
        a.placeId !== b.placeId &&
        a.date!.precision === 'day' &&
        b.date!.precision === 'day' &&
        overlaps(a.date!, b.date!)
      ) {
        contradictions.push({ eventIds: [a.id, b.id], reason: 'two-places-at-once' });
      }
    }
  }

  return { periods, gaps, contradictions, undated };
}
