import { partialDateDays, type PartialDate } from './partial-date';
import type { Case, CaseKind, CaseStatus, DetentionEvent, Person, Place } from './records';
import { deriveTimeline, IN_CUSTODY } from './timeline';

/**
 * The counts of the Patterns screen: people held by place and period, and people by status, kind of case, sex,
 * age at arrest and governorate of origin. The rules, which the screen's methodology repeats:
 *
 * - A person is counted once. Cases whose subjects were merged as the same person count as one, whichever of
 *   them holds the stay.
 * - A stay counts in a period only where its dates put it there for certain: a stay known only as "2014" is in
 *   the year 2014 but in no quarter of it. Such stays, and stays with no date, are counted apart, never guessed
 *   into a period. Every count is therefore a floor.
 * - A value that is not recorded (sex, a date of birth, a place of birth) is counted as unknown, shown beside the
 *   others.
 * - Only the cases given are counted. The caller gives the cases this member may read; it says how many it left out.
 */

export type Granularity = 'month' | 'quarter' | 'year';
export const GRANULARITIES: readonly Granularity[] = ['month', 'quarter', 'year'];

export const AGE_BANDS = ['under-18', '18-29', '30-44', '45-59', '60-plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
const AGE_LOWER: Record<AgeBand, number> = { 'under-18': 0, '18-29': 18, '30-44': 30, '45-59': 45, '60-plus': 60 };

export const UNKNOWN = 'unknown' as const;

export interface PatternInput {
  cases: readonly Case[];
  persons: ReadonlyMap<string, Person>;
  /** Each case's events, its own and the incidents tied to it (incidents.ts `eventsByCase`). */
  eventsByCase: ReadonlyMap<string, readonly DetentionEvent[]>;
  places: ReadonlyMap<string, Place>;
}

export interface PatternFilter {
  granularity: Granularity;
  /** Only people with a stay (dated or not) at this place. */
  placeId?: string | null;
  /** Only people certainly held, arrested or seen between these days (ISO dates, either may be open). */
  from?: string | null;
  to?: string | null;
  kinds?: readonly CaseKind[];
  statuses?: readonly CaseStatus[];
  sexes?: readonly Person['sex'][];
}

/** How many people, and the cases behind them (every case of each person), for a number that opens its list. */
export interface Count {
  readonly count: number;
  readonly caseIds: string[];
  /** Who is counted (each person's surviving record), so that counts can be joined without counting anyone twice. */
  readonly personIds: string[];
}

export interface PlaceRow {
  placeId: string;
  /** Everyone with a stay there, dated or not. */
  total: Count;
  /** By period key (`periodKey`); a period with nobody is absent. */
  periods: Map<string, Count>;
  /** People in no period's column whose custody events there have no date. */
  undated: Count;
  /**
   * People in no period's column whose stays there are dated, but too loosely for the chosen length ("2014"
   * when counting by quarter, or a year that only partly meets the period filter's days).
   */
  loose: Count;
}

export interface PatternCounts {
  people: Count;
  /** Cases folded into another case's person: they are in `people` once, through that person. */
  mergedCases: number;
  /** People the period filter left out because none of their dates is precise enough, or none is recorded. */
  outsidePeriod: Count;
  /** Every period between the first and last counted, in order, empty ones included: a chart's axis. */
  periods: string[];
  byPlace: PlaceRow[];
  byStatus: Map<CaseStatus, Count>;
  byKind: Map<CaseKind, Count>;
  bySex: Map<Person['sex'], Count>;
  byAge: Map<AgeBand | typeof UNKNOWN, Count>;
  byGovernorate: Map<string, Count>;
}

// Days are numbers (20140310) and periods are indexes (a month is year × 12 + month − 1): counting 300,000
// events must not build a string per date.

const dayOfIso = (iso: string): number =>
  Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));

function periodIndex(day: number, g: Granularity): number {
  const y = Math.floor(day / 10000);
  if (g === 'year') return y;
  const m = Math.floor(day / 100) % 100;
  return g === 'month' ? y * 12 + m - 1 : y * 4 + Math.floor((m - 1) / 3);
}

function periodName(i: number, g: Granularity): string {
  if (g === 'year') return String(i);
  if (g === 'quarter') return `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

function parsePeriod(key: string, g: Granularity): number {
  const y = Number(key.slice(0, 4));
  if (g === 'year') return y;
  return g === 'quarter' ? y * 4 + Number(key.slice(6)) - 1 : y * 12 + Number(key.slice(5, 7)) - 1;
}

/** The periods from one to another, both included. */
export function periodsBetween(first: string, last: string, g: Granularity): string[] {
  const out: string[] = [];
  for (let i = parsePeriod(first, g), end = parsePeriod(last, g); i <= end; i++) out.push(periodName(i, g));
  return out;
}

interface StayDays {
  placeId: string;
  /** The first and last days the stay's first date allows, and the same for its last date; 0 when undated. */
  f0: number;
  f1: number;
  t0: number;
  t1: number;
}

function stayDays(placeId: string, from: PartialDate | null, to: PartialDate | null): StayDays {
  const first = from ?? to;
  const last = to ?? from;
  if (!first || !last) return { placeId, f0: 0, f1: 0, t0: 0, t1: 0 };
  const [f0, f1] = partialDateDays(first);
  const [t0, t1] = partialDateDays(last);
  return { placeId, f0, f1, t0, t1 };
}

/**
 * The periods a stay was certainly in, calling `each` once for each. Between the latest its first date allows
 * and the earliest its last date allows, the person was certainly there; and a date that fits inside one period
 * puts them in that period. A stay with neither gives no period: it is loose, not guessed.
 */
function eachStayPeriod(s: StayDays, g: Granularity, each: (period: number) => void, from = 0, to = 99_999_999): void {
  if (s.f0 === 0) return;
  // With a period filter, only what is certain inside its days counts: the certain days are cut to them, and a
  // date counts in its period only if all the days it allows are inside them.
  const inside = (lo: number, hi: number): boolean => lo >= from && hi <= to;
  let lo = Infinity;
  let hi = -Infinity;
  const c0 = Math.max(s.f1, from);
  const c1 = Math.min(s.t0, to);
  if (c0 <= c1) {
    lo = periodIndex(c0, g);
    hi = periodIndex(c1, g);
  }
  const a = periodIndex(s.f0, g);
  const b = periodIndex(s.t1, g);
  // The first date inside one period, and the last: each just before or just after the certain days, if any.
  const firstOne = a === periodIndex(s.f1, g) && inside(s.f0, s.f1) ? a : null;
  const lastOne = periodIndex(s.t0, g) === b && inside(s.t0, s.t1) ? b : null;
  if (firstOne !== null && firstOne < lo) each(firstOne);
  for (let i = lo; i <= hi; i++) each(i);
  if (lastOne !== null && lastOne > hi && lastOne !== firstOne) each(lastOne);
}

export function stayPeriods(stay: { from: PartialDate | null; to: PartialDate | null }, g: Granularity): string[] {
  const out: string[] = [];
  eachStayPeriod(stayDays('', stay.from, stay.to), g, (i) => out.push(periodName(i, g)));
  return out;
}

function certainlyOutside(s: StayDays, from: number, to: number): boolean {
  return s.f0 !== 0 && (s.t1 < from || s.f0 > to);
}

/** True when the stay certainly touches the days from–to: one of its dates lies inside, or its certain days meet them. */
function stayTouches(s: StayDays, from: number, to: number): boolean {
  if (s.f0 === 0) return false;
  if ((s.f0 >= from && s.f1 <= to) || (s.t0 >= from && s.t1 <= to)) return true;
  return s.f1 <= s.t0 && s.f1 <= to && s.t0 >= from;
}

/**
 * The person a subject finally is, following merges. A missing record stops the walk at the last known; a cycle
 * (two offices merging each into the other) ends at its smallest id, so that every member of it agrees.
 */
export function mergedRoot(personId: string, persons: ReadonlyMap<string, Person>): string {
  if (!persons.get(personId)?.mergedInto) return personId;
  const path = [personId];
  for (;;) {
    const id = path[path.length - 1]!;
    const next = persons.get(id)?.mergedInto;
    if (!next) return id;
    // Merged into a record this member cannot read: that record is still the one person.
    if (!persons.has(next)) return next;
    const at = path.indexOf(next);
    if (at >= 0) return path.slice(at).sort()[0]!;
    path.push(next);
  }
}

/** The governorate a place is in (itself, or the nearest governorate above it), or null. */
export function governorateOf(placeId: string | null, places: ReadonlyMap<string, Place>): string | null {
  let id = placeId;
  for (let hops = 0; id && hops < 20; hops++) {
    const p = places.get(id);
    if (!p) return null;
    if (p.kind === 'governorate') return p.id;
    id = p.parentId;
  }
  return null;
}

function fullYearsBetween(earlier: number, later: number): number {
  const years = Math.floor(later / 10000) - Math.floor(earlier / 10000);
  return later % 10000 < earlier % 10000 ? years - 1 : years;
}

function bandOf(age: number): AgeBand {
  let band: AgeBand = 'under-18';
  for (const b of AGE_BANDS) if (age >= AGE_LOWER[b]) band = b;
  return band;
}

/**
 * The age band at arrest, when both dates are precise enough that every day they allow gives the same band;
 * otherwise unknown. "Born 1990, arrested 2012" is 21 or 22: one band. "Born 1996, arrested 2014" is 17 or 18:
 * unknown, not guessed.
 */
export function ageBandAt(birth: PartialDate | null, arrest: PartialDate | null): AgeBand | typeof UNKNOWN {
  if (!birth || !arrest) return UNKNOWN;
  const [b0, b1] = partialDateDays(birth);
  const [a0, a1] = partialDateDays(arrest);
  const youngest = fullYearsBetween(b1, a0);
  if (youngest < 0) return UNKNOWN;
  const band = bandOf(youngest);
  return band === bandOf(fullYearsBetween(b0, a1)) ? band : UNKNOWN;
}

/** The date the person was taken: the earliest dated arrest, or else the earliest dated disappearance. */
export function arrestDate(events: readonly DetentionEvent[]): PartialDate | null {
  for (const kind of ['arrest', 'disappearance'] as const) {
    let best: PartialDate | null = null;
    let bestDay = Infinity;
    for (const e of events) {
      if (e.kind !== kind || !e.date) continue;
      const day = partialDateDays(e.date)[0];
      if (day < bestDay) [best, bestDay] = [e.date, day];
    }
    if (best) return best;
  }
  return null;
}

interface PersonFacts {
  key: string;
  caseIds: string[];
  status: CaseStatus;
  kind: CaseKind;
  sex: Person['sex'];
  age: AgeBand | typeof UNKNOWN;
  governorate: string;
  stays: StayDays[];
  /** Places where a custody event has no date. */
  undatedAt: string[];
  events: DetentionEvent[];
}

/** Each person once, with their cases and what is counted about them. Each case's timeline is derived once. */
function gatherPeople(input: PatternInput): { people: PersonFacts[]; mergedCases: number } {
  const groups = new Map<string, Case[]>();
  for (const c of input.cases) {
    const key = mergedRoot(c.subjectId, input.persons);
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  let mergedCases = 0;
  const people: PersonFacts[] = [];
  for (const [key, cases] of groups) {
    mergedCases += cases.length - 1;
    // The case of the surviving record speaks for the person; failing that, the one changed last.
    let lead = cases[0]!;
    for (const c of cases)
      if (c.subjectId === key || (lead.subjectId !== key && c.updatedAt > lead.updatedAt)) lead = c;
    const person = input.persons.get(key) ?? input.persons.get(lead.subjectId);
    const stays: StayDays[] = [];
    const undatedAt: string[] = [];
    let events: DetentionEvent[] = [];
    for (const c of cases) {
      const mine = input.eventsByCase.get(c.id) ?? [];
      events = cases.length === 1 ? (mine as DetentionEvent[]) : events.concat(mine);
      const timeline = deriveTimeline(mine);
      for (const p of timeline.periods) stays.push(stayDays(p.placeId, p.from, p.to));
      if (timeline.undated.length === 0) continue;
      const undated = new Set(timeline.undated);
      for (const e of mine)
        if (undated.has(e.id) && e.placeId && !undatedAt.includes(e.placeId)) undatedAt.push(e.placeId);
    }
    people.push({
      key,
      caseIds: cases.map((c) => c.id),
      status: lead.status,
      kind: lead.kind,
      sex: person?.sex ?? 'unknown',
      age: ageBandAt(person?.birthDate ?? null, arrestDate(events)),
      governorate: governorateOf(person?.birthPlaceId ?? null, input.places) ?? UNKNOWN,
      stays,
      undatedAt,
      events,
    });
  }
  return { people, mergedCases };
}

/** A number and the people behind it; their cases are listed only when someone opens it. */
class PeopleCount implements Count {
  constructor(readonly people: readonly PersonFacts[]) {}
  get count(): number {
    return this.people.length;
  }
  get caseIds(): string[] {
    return this.people.flatMap((p) => p.caseIds);
  }
  get personIds(): string[] {
    return this.people.map((p) => p.key);
  }
}

class Tally<K> {
  private readonly lists = new Map<K, PersonFacts[]>();
  add(key: K, p: PersonFacts): void {
    const list = this.lists.get(key);
    if (!list) this.lists.set(key, [p]);
    // People are added one after another, so a person already here is the last one added.
    else if (list[list.length - 1] !== p) list.push(p);
  }
  counts<J = K>(name: (k: K) => J = (k) => k as unknown as J): Map<J, Count> {
    const out = new Map<J, Count>();
    for (const [k, list] of this.lists) out.set(name(k), new PeopleCount(list));
    return out;
  }
}

/** True when the person is certainly in the days; 'unplaced' when no date of theirs can be put in or out. */
/**
 * True when the person was certainly held (arrested, detained, seen in custody) in the days, at the place if one
 * is chosen; 'unplaced' when no date of theirs can be put in or out.
 */
function inPeriod(p: PersonFacts, from: number, to: number, placeId: string | null): boolean | 'unplaced' {
  if (p.stays.some((s) => (!placeId || s.placeId === placeId) && stayTouches(s, from, to))) return true;
  let maybe = false;
  let dated = false;
  for (const e of p.events) {
    if (!e.date || !IN_CUSTODY.has(e.kind) || (placeId && e.placeId !== placeId)) continue;
    dated = true;
    const [lo, hi] = partialDateDays(e.date);
    if (lo >= from && hi <= to) return true;
    if (hi >= from && lo <= to) maybe = true;
  }
  return maybe || !dated ? 'unplaced' : false;
}

export function countPatterns(input: PatternInput, filter: PatternFilter): PatternCounts {
  const { people, mergedCases } = gatherPeople(input);
  const dated = Boolean(filter.from || filter.to);
  const from = filter.from ? dayOfIso(filter.from) : 0;
  const to = filter.to ? dayOfIso(filter.to) : 99_999_999;
  const g = filter.granularity;
  const kinds = filter.kinds?.length ? new Set(filter.kinds) : null;
  const statuses = filter.statuses?.length ? new Set(filter.statuses) : null;
  const sexes = filter.sexes?.length ? new Set(filter.sexes) : null;
  const placeId = filter.placeId ?? null;

  const counted: PersonFacts[] = [];
  const outside: PersonFacts[] = [];
  for (const p of people) {
    if (kinds && !kinds.has(p.kind)) continue;
    if (statuses && !statuses.has(p.status)) continue;
    if (sexes && !sexes.has(p.sex)) continue;
    if (placeId && !p.undatedAt.includes(placeId) && !p.stays.some((s) => s.placeId === placeId)) continue;
    if (dated) {
      const within = inPeriod(p, from, to, placeId);
      if (within === 'unplaced') outside.push(p);
      if (within !== true) continue;
    }
    counted.push(p);
  }

  const byStatus = new Tally<CaseStatus>();
  const byKind = new Tally<CaseKind>();
  const bySex = new Tally<Person['sex']>();
  const byAge = new Tally<AgeBand | typeof UNKNOWN>();
  const byGovernorate = new Tally<string>();
  // People arrive one at a time, so a person already in a row is its last; `marks` runs beside `everyone`.
  interface Row {
    everyone: PersonFacts[];
    marks: number[];
    periods: Tally<number>;
  }
  const DATED = 1;
  const PLACED = 2;
  const rows = new Map<string, Row>();
  const enter = (id: string, p: PersonFacts): Row => {
    let r = rows.get(id);
    if (!r) rows.set(id, (r = { everyone: [], marks: [], periods: new Tally() }));
    if (r.everyone[r.everyone.length - 1] !== p) {
      r.everyone.push(p);
      r.marks.push(0);
    }
    return r;
  };
  const fromIndex = dated ? periodIndex(from, g) : -Infinity;
  const toIndex = dated ? periodIndex(to, g) : Infinity;
  let first = Infinity;
  let last = -Infinity;

  for (const p of counted) {
    byStatus.add(p.status, p);
    byKind.add(p.kind, p);
    bySex.add(p.sex, p);
    byAge.add(p.age, p);
    byGovernorate.add(p.governorate, p);
    for (const id of p.undatedAt) if (!placeId || id === placeId) enter(id, p);
    for (const s of p.stays) {
      if ((placeId && s.placeId !== placeId) || (dated && certainlyOutside(s, from, to))) continue;
      const r = enter(s.placeId, p);
      const at = r.marks.length - 1;
      if (s.f0 !== 0) r.marks[at]! |= DATED;
      eachStayPeriod(
        s,
        g,
        (i) => {
          if (i < fromIndex || i > toIndex) return;
          r.periods.add(i, p);
          r.marks[at]! |= PLACED;
          if (i < first) first = i;
          if (i > last) last = i;
        },
        from,
        to,
      );
    }
  }

  // Everyone at a place is in a period's column, or else undated (no dated stay there) or loose (dated, but in
  // no single period): the three add up to the total.
  const byPlace: PlaceRow[] = [...rows].map(([id, r]) => {
    const undated: PersonFacts[] = [];
    const loose: PersonFacts[] = [];
    r.everyone.forEach((p, i) => {
      const m = r.marks[i]!;
      if (m & PLACED) return;
      (m & DATED ? loose : undated).push(p);
    });
    return {
      placeId: id,
      total: new PeopleCount(r.everyone),
      periods: r.periods.counts((i) => periodName(i, g)),
      undated: new PeopleCount(undated),
      loose: new PeopleCount(loose),
    };
  });
  byPlace.sort((a, b) => b.total.count - a.total.count || a.placeId.localeCompare(b.placeId));

  const periods: string[] = [];
  for (let i = first; i <= last; i++) periods.push(periodName(i, g));
  return {
    people: new PeopleCount(counted),
    mergedCases,
    outsidePeriod: new PeopleCount(outside),
    periods,
    byPlace,
    byStatus: byStatus.counts(),
    byKind: byKind.counts(),
    bySex: bySex.counts(),
    byAge: byAge.counts(),
    byGovernorate: byGovernorate.counts(),
  };
}
