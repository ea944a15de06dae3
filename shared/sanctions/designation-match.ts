import { yearOf } from '../domain/partial-date';
import type { Person } from '../domain/records';
import { MatchIndex } from '../names/match-index';
import type { Band, FieldScore, PersonProfile } from '../names/person-match';
import type { Designation } from './designation';

/**
 * Proposing matches between designations and the perpetrators on file, and between two authorities'
 * designations of one person: Athar's name matcher (every name and alias in every script, common names
 * weighing less) with the birth year and passport or identity numbers, through the same Fellegi–Sunter scoring
 * and blocking as duplicate detection. Every proposal carries its reasons; none is ever applied without a
 * person's decision.
 */
export interface MatchProposal {
  designationId: string;
  /** A perpetrator on file, or (across authorities) another designation. */
  otherId: string;
  score: number;
  band: Exclude<Band, 'dropped'>;
  fields: FieldScore[];
}

type Designated = Designation & { id: string };

/**
 * A designation as the matcher sees a person: all its names; one profile per birth year it gives (a list may
 * give several), or one without a year; its passport and identity numbers as identity numbers.
 */
export function designationProfiles(d: Designation): PersonProfile[] {
  const base: PersonProfile = {
    names: d.names.map((n) => n.full),
    father: '',
    mother: '',
    birthYear: null,
    placeId: null,
    governorateId: null,
    sex: d.gender ?? 'unknown',
    nationalIds: d.documents.map((x) => x.number),
  };
  const years = [...new Set(d.birthDates.map((b) => (b.date ? yearOf(b.date) : null)).filter((y) => y !== null))];
  return years.length ? years.slice(0, 5).map((birthYear) => ({ ...base, birthYear })) : [base];
}

export function perpetratorProfile(p: Person): PersonProfile {
  return {
    names: [p.nameAr, p.nameLatin, ...p.aliases].filter((n) => n.trim()),
    father: p.fatherName,
    mother: p.motherName,
    birthYear: yearOf(p.birthDate),
    placeId: null,
    governorateId: null,
    sex: p.sex,
    nationalIds: p.ids.map((x) => x.value),
  };
}

const better = (a: MatchProposal, b: MatchProposal | undefined): boolean => !b || a.score > b.score;

/** Each designation of a person against every perpetrator on file, best proposal per pair, pairs decided left out. */
export function proposeMatches(
  designations: readonly Designated[],
  perpetrators: readonly Person[],
  decided: ReadonlySet<string> = new Set(),
): MatchProposal[] {
  const index = new MatchIndex();
  for (const p of perpetrators) index.put(p.id, perpetratorProfile(p));
  const out: MatchProposal[] = [];
  for (const d of designations) {
    if (d.kind !== 'person') continue;
    const best = new Map<string, MatchProposal>();
    for (const profile of designationProfiles(d))
      for (const c of index.match(profile, { limit: 10 })) {
        if (c.band === 'dropped' || decided.has(pairKey(d.id, c.id))) continue;
        const m: MatchProposal = { designationId: d.id, otherId: c.id, score: c.score, band: c.band, fields: c.fields };
        if (better(m, best.get(c.id))) best.set(c.id, m);
      }
    out.push(...best.values());
  }
  return out.sort((a, b) => b.score - a.score);
}

/**
 * Designations of one person by different authorities: each pair once, the lower id first. Tens of thousands
 * of designations take seconds, so the work pauses every few hundred to report progress and to let a cancel in.
 */
export async function proposeAcrossAuthorities(
  designations: readonly Designated[],
  decided: ReadonlySet<string> = new Set(),
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<MatchProposal[]> {
  const people = designations.filter((d) => d.kind === 'person');
  const byKey = new Map<string, Designated>();
  const index = new MatchIndex();
  for (const d of people)
    designationProfiles(d).forEach((profile, i) => {
      const key = `${d.id}#${i}`;
      byKey.set(key, d);
      index.put(key, profile);
    });
  const keysOf = new Map<string, string[]>();
  for (const [key, d] of byKey) {
    const list = keysOf.get(d.id);
    if (list) list.push(key);
    else keysOf.set(d.id, [key]);
  }
  const best = new Map<string, MatchProposal>();
  for (const [i, d] of people.entries()) {
    if (i % 250 === 0) {
      opts.onProgress?.(i, people.length);
      await new Promise((r) => setTimeout(r, 0));
      if (opts.signal?.aborted) throw opts.signal.reason ?? new DOMException('Aborted', 'AbortError');
    }
    // Its own profiles are left out of the search so they take none of the places; a pair is kept from either side.
    const exclude = new Set(keysOf.get(d.id));
    for (const profile of designationProfiles(d))
      for (const c of index.match(profile, { limit: 50, exclude })) {
        const other = byKey.get(c.id)!;
        if (c.band === 'dropped' || other.authority === d.authority) continue;
        if (decided.has(pairKey(d.id, other.id))) continue;
        const m: MatchProposal = {
          designationId: d.id < other.id ? d.id : other.id,
          otherId: d.id < other.id ? other.id : d.id,
          score: c.score,
          band: c.band,
          fields: c.fields,
        };
        const key = pairKey(d.id, other.id);
        if (better(m, best.get(key))) best.set(key, m);
      }
  }
  opts.onProgress?.(people.length, people.length);
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/** One key for a pair, whichever way round it is asked. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
