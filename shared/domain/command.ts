import { partialDateDays, type PartialDate } from './partial-date';
import type { Stay } from './facility-stays';
import { mergedRoot } from './patterns';
import type { DetentionEvent, Person, Place, Unit } from './records';

/**
 * Command over time: which units ran a place on a date, what they were part of then, and who commanded each then.
 * Dates are as precisely as they are known, so every answer says whether the date lies certainly inside the period
 * or only possibly (a period with an unknown end, an event known to the year against a command that began in June).
 */
export type Overlap = 'certain' | 'possible';

type Period = { from: PartialDate | null; to: PartialDate | null };

const weaker = (a: Overlap, b: Overlap): Overlap => (a === 'certain' && b === 'certain' ? 'certain' : 'possible');

const ROUGH_YEAR = 10000;

/**
 * The days a date can mean, where "about 2013" is widened by a year on each side: a witness's "about" is not the
 * calendar year, and must never make an answer certain that only the exact year would.
 */
function daysOf(d: PartialDate): [number, number] {
  const [lo, hi] = partialDateDays(d);
  const roughLo = d.precision === 'approximate' || (d.precision === 'range' && d.from.precision === 'approximate');
  const roughHi = d.precision === 'approximate' || (d.precision === 'range' && d.to.precision === 'approximate');
  return [roughLo ? lo - ROUGH_YEAR : lo, roughHi ? hi + ROUGH_YEAR : hi];
}

/** Whether a date falls in a period. An unknown bound never excludes, and never makes the answer certain. */
export function dateWithin(date: PartialDate, { from, to }: Period): Overlap | null {
  const [lo, hi] = daysOf(date);
  const start = from ? daysOf(from) : null;
  const end = to ? daysOf(to) : null;
  if ((start && hi < start[0]) || (end && lo > end[1])) return null;
  return start && end && lo >= start[1] && hi <= end[0] ? 'certain' : 'possible';
}

export type Via =
  | { kind: 'ran-place'; placeId: string; sources: string[] }
  | { kind: 'named'; eventId: string | null }
  | { kind: 'above'; of: string; sources: string[] };

export interface CommanderThen {
  personId: string;
  role: string;
  rank: string;
  from: PartialDate | null;
  to: PartialDate | null;
  certainty: Person['memberships'][number]['certainty'] | null;
  sources: string[];
  /** How surely this person commanded then: the weaker of the unit's link to the place and the command period. */
  overlap: Overlap;
}

export interface UnitThen {
  unitId: string;
  /** 0 for the units that ran the place or are named; 1 for what they were part of, and so on up. */
  depth: number;
  via: Via;
  overlap: Overlap;
  commanders: CommanderThen[];
}

/** A unit as it stood on a date: what it was part of, and who commanded it. */
export interface UnitAt {
  unitId: string;
  parents: Array<{ unitId: string; overlap: Overlap; sources: string[] }>;
  commanders: CommanderThen[];
}

/**
 * A stretch of days as yyyymmdd numbers, read two ways: every day it can mean (`lo`–`hi`) and the days it
 * certainly means (`certLo`–`certHi`, empty when either end is unknown or too rough).
 */
export interface Span {
  lo: number;
  hi: number;
  certLo: number;
  certHi: number;
}

export function spanOf({ from, to }: Period): Span {
  const f = from ? daysOf(from) : null;
  const t = to ? daysOf(to) : null;
  return {
    lo: f ? f[0] : -Infinity,
    hi: t ? t[1] : Infinity,
    certLo: f ? f[1] : Infinity,
    certHi: t ? t[0] : -Infinity,
  };
}

const meet = (a: Span, b: Span): Span | null => {
  const s = {
    lo: Math.max(a.lo, b.lo),
    hi: Math.min(a.hi, b.hi),
    certLo: Math.max(a.certLo, b.certLo),
    certHi: Math.min(a.certHi, b.certHi),
  };
  return s.lo <= s.hi ? s : null;
};

/**
 * Whether a stretch in custody shares a day with a command: certainly when some day is surely in both, or when
 * every day the stay can mean lies surely inside the command (a stay known only as "February 2013"); else possibly.
 */
export function spansMeet(held: Span, command: Span): Overlap | null {
  const s = meet(held, command);
  if (!s) return null;
  const inside = held.lo >= command.certLo && held.hi <= command.certHi;
  return s.certLo <= s.certHi || inside ? 'certain' : 'possible';
}

/** A person in command over a place for a stretch: through this unit, this many levels above the one that ran it. */
export interface CommandSpan {
  personId: string;
  unitId: string;
  depth: number;
  span: Span;
}

/** Everyone over a place, and whether the walk up the hierarchy reached its end (a tangle made to branch without end is cut). */
export interface CommandOver {
  spans: CommandSpan[];
  complete: boolean;
}

export interface CommandIndex {
  /** Everyone who ever commanded over a place, each for the days the whole chain from the place to him held. */
  over(placeId: string): CommandOver;
  /** Every unit on a date, for the chain-of-command graph. */
  structureAt(date: PartialDate): UnitAt[];
  /** Who commanded what over a place and a date: the units, their superiors then, and each one's commanders then. */
  at(q: {
    date: PartialDate;
    placeId: string | null;
    unitIds?: readonly string[];
    eventId?: string | null;
  }): UnitThen[];
}

const surer = (a: { overlap: Overlap; depth: number }, b: { overlap: Overlap; depth: number }): boolean =>
  (a.overlap === 'certain' && b.overlap === 'possible') || (a.overlap === b.overlap && a.depth < b.depth);

// A hierarchy deeper than this is a loop someone typed, not an army.
const MAX_DEPTH = 24;
const MAX_STEPS = 20_000;

export function commandIndex(input: {
  units: readonly Unit[];
  places: readonly Place[];
  persons: readonly Person[];
}): CommandIndex {
  const units = new Map(input.units.map((u) => [u.id, u]));
  const places = new Map(input.places.map((p) => [p.id, p]));
  const persons = new Map(input.persons.map((p) => [p.id, p]));
  // A position recorded on a person later merged into another is that other person's.
  const who = (personId: string): string => mergedRoot(personId, persons);
  type Position = Omit<CommanderThen, 'overlap'>;
  const commandersOf = new Map<string, Position[]>();
  const add = (unitId: string, p: Position): void => {
    const list = commandersOf.get(unitId) ?? [];
    list.push(p);
    commandersOf.set(unitId, list);
  };
  for (const person of input.persons) {
    for (const m of person.memberships) {
      if (!m.commands) continue;
      add(m.unitId, {
        personId: who(person.id),
        role: m.role,
        rank: m.rank ?? '',
        from: m.from,
        to: m.to,
        certainty: m.certainty ?? null,
        sources: (m.sources ?? []).map((s) => s.recordId),
      });
    }
  }
  for (const u of input.units)
    for (const c of u.commanders)
      add(u.id, {
        personId: who(c.personId),
        role: '',
        rank: '',
        from: c.from,
        to: c.to,
        certainty: null,
        sources: [],
      });

  const parentsAt = (unit: Unit, date: PartialDate): Array<{ unitId: string; overlap: Overlap; sources: string[] }> => {
    // Dated periods, once recorded, are the whole story; an undated parent holds at every date.
    if (unit.parents?.length)
      return unit.parents.flatMap((p) => {
        const overlap = dateWithin(date, p);
        return overlap ? [{ unitId: p.unitId, overlap, sources: p.sources.map((s) => s.recordId) }] : [];
      });
    return unit.parentId ? [{ unitId: unit.parentId, overlap: 'certain', sources: [] }] : [];
  };

  const commandersAt = (unitId: string, date: PartialDate, overlap: Overlap): CommanderThen[] =>
    (commandersOf.get(unitId) ?? []).flatMap((c) => {
      const o = dateWithin(date, c);
      return o ? [{ ...c, overlap: weaker(o, overlap) }] : [];
    });

  const over = new Map<string, CommandOver>();
  const spansOver = (placeId: string): CommandOver => {
    const known = over.get(placeId);
    if (known) return known;
    const spans: CommandSpan[] = [];
    // Breadth first, so a unit is first reached by its shortest way; a unit reached again for the same days adds
    // nothing, which also ends every loop typed into the hierarchy.
    const seen = new Set<string>();
    let frontier = (places.get(placeId)?.runBy ?? []).map((r) => ({ unitId: r.unitId, span: spanOf(r) }));
    let steps = 0;
    let complete = true;
    for (let depth = 0; frontier.length; depth++) {
      if (depth > MAX_DEPTH) {
        complete = false;
        break;
      }
      const next: typeof frontier = [];
      for (const { unitId, span } of frontier) {
        const key = `${unitId}\u0000${span.lo}\u0000${span.hi}\u0000${span.certLo}\u0000${span.certHi}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // A hierarchy made to branch without end (a record from elsewhere can be made by anyone) is cut after a
        // budget no real army reaches, and the answer says it is incomplete.
        if (++steps > MAX_STEPS) {
          complete = false;
          break;
        }
        for (const c of commandersOf.get(unitId) ?? []) {
          const s = meet(span, spanOf(c));
          if (s) spans.push({ personId: c.personId, unitId, depth, span: s });
        }
        const unit = units.get(unitId);
        if (!unit) continue;
        // An undated parent holds throughout: it narrows nothing, and makes the span no less certain.
        if (unit.parents?.length)
          for (const p of unit.parents) {
            const s = meet(span, spanOf(p));
            if (s) next.push({ unitId: p.unitId, span: s });
          }
        else if (unit.parentId) next.push({ unitId: unit.parentId, span });
      }
      if (!complete) break;
      frontier = next;
    }
    const result = { spans, complete };
    over.set(placeId, result);
    return result;
  };

  return {
    over: spansOver,
    structureAt(date) {
      return input.units.map((u) => ({
        unitId: u.id,
        parents: parentsAt(u, date).filter((p) => units.has(p.unitId)),
        commanders: commandersAt(u.id, date, 'certain'),
      }));
    },
    at({ date, placeId, unitIds = [], eventId = null }) {
      const out: UnitThen[] = [];
      const seen = new Map<string, UnitThen>();
      const visit = (unitId: string, depth: number, via: Via, overlap: Overlap): void => {
        const before = seen.get(unitId);
        // A unit reached twice (it ran the place and is also named) is listed once, by its surest and shortest way.
        if (before && !surer({ overlap, depth }, before)) return;
        const unit = units.get(unitId);
        const commanders = commandersAt(unitId, date, overlap);
        const row: UnitThen = { unitId, depth, via, overlap, commanders };
        if (before) out[out.indexOf(before)] = row;
        else out.push(row);
        seen.set(unitId, row);
        if (!unit || depth >= MAX_DEPTH) return;
        for (const p of parentsAt(unit, date))
          visit(p.unitId, depth + 1, { kind: 'above', of: unitId, sources: p.sources }, weaker(overlap, p.overlap));
      };
      const place = placeId ? places.get(placeId) : undefined;
      for (const r of place?.runBy ?? []) {
        const o = dateWithin(date, r);
        if (o && placeId)
          visit(r.unitId, 0, { kind: 'ran-place', placeId, sources: r.sources.map((s) => s.recordId) }, o);
      }
      for (const id of unitIds) visit(id, 0, { kind: 'named', eventId }, 'certain');
      return out.sort((a, b) => a.depth - b.depth);
    },
  };
}

export interface EventInCommand {
  event: DetentionEvent;
  unitId: string;
  depth: number;
  overlap: Overlap;
}

/** The events a person may answer for as commander: those whose place and date fall under a unit he commanded then. */
export function eventsInCommand(
  personId: string,
  events: readonly DetentionEvent[],
  index: CommandIndex,
): EventInCommand[] {
  const out: EventInCommand[] = [];
  for (const event of events) {
    if (!event.date) continue;
    const rows = index.at({ date: event.date, placeId: event.placeId, unitIds: event.unitIds, eventId: event.id });
    let best: EventInCommand | null = null;
    for (const row of rows)
      for (const c of row.commanders) {
        if (c.personId !== personId) continue;
        if (!best || surer({ overlap: c.overlap, depth: row.depth }, best))
          best = { event, unitId: row.unitId, depth: row.depth, overlap: c.overlap };
      }
    if (best) out.push(best);
  }
  return out;
}

export interface DetentionInCommand {
  stay: Stay;
  unitId: string;
  depth: number;
  overlap: Overlap;
}

/** Where a person was last known to be, he may still have been: the stay runs on, possibly, past its last sighting. */
function heldSpan(stay: Stay): Span {
  const held = spanOf({ from: stay.from ?? stay.to, to: stay.to ?? stay.from });
  return stay.end === 'last-known' ? { ...held, hi: Infinity } : held;
}

/** The stays in custody that overlap a person's command over the place: by his surest, then nearest, unit. */
export function detentionsInCommand(
  personId: string,
  stays: ReadonlyMap<string, readonly Stay[]>,
  index: CommandIndex,
): { rows: DetentionInCommand[]; complete: boolean } {
  const out: DetentionInCommand[] = [];
  let complete = true;
  for (const [placeId, atPlace] of stays) {
    const over = index.over(placeId);
    complete &&= over.complete;
    const mine = over.spans.filter((c) => c.personId === personId);
    if (!mine.length) continue;
    for (const stay of atPlace) {
      // A stay with no date at all cannot be placed in time, and is never guessed into a command.
      if (!stay.from && !stay.to) continue;
      const held = heldSpan(stay);
      let best: DetentionInCommand | null = null;
      for (const c of mine) {
        const overlap = spansMeet(held, c.span);
        if (overlap && (!best || surer({ overlap, depth: c.depth }, best)))
          best = { stay, unitId: c.unitId, depth: c.depth, overlap };
      }
      if (best) out.push(best);
    }
  }
  return { rows: out, complete };
}
