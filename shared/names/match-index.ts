import {
  analyseProfile,
  blockingKeys,
  scorePair,
  type Analysed,
  type MatchResult,
  type PersonProfile,
} from './person-match';

export interface Candidate extends MatchResult {
  id: string;
}

const PRIOR_POPULATION = 500;
/** Blocks larger than this are skipped as uninformative (see match()). */
export const MAX_BLOCK = 2000;

/**
 * Every person on file, blocked for candidate search and counted for name
 * frequencies. Lives in memory only (in the search worker); rebuilt after
 * each unlock.
 */
export class MatchIndex {
  private readonly profiles = new Map<string, { profile: PersonProfile; analysed: Analysed; keys: string[] }>();
  private readonly blocks = new Map<string, Set<string>>();
  private readonly givenCounts = new Map<string, number>();

  /** How many pairs the last match() scored: what blocking saved. */
  lastCompared = 0;

  get size(): number {
    return this.profiles.size;
  }

  put(id: string, profile: PersonProfile): void {
    this.remove(id);
    const analysed = analyseProfile(profile);
    const keys = blockingKeys(profile, analysed);
    this.profiles.set(id, { profile, analysed, keys });
    for (const k of keys) {
      let block = this.blocks.get(k);
      if (!block) this.blocks.set(k, (block = new Set()));
      block.add(id);
    }
    for (const g of this.nameKeys(analysed)) this.givenCounts.set(g, (this.givenCounts.get(g) ?? 0) + 1);
  }

  remove(id: string): void {
    const entry = this.profiles.get(id);
    if (!entry) return;
    for (const k of entry.keys) {
      const block = this.blocks.get(k);
      block?.delete(id);
      if (block && !block.size) this.blocks.delete(k);
    }
    for (const g of this.nameKeys(entry.analysed)) {
      const n = (this.givenCounts.get(g) ?? 1) - 1;
      if (n > 0) this.givenCounts.set(g, n);
      else this.givenCounts.delete(g);
    }
    this.profiles.delete(id);
  }

  /** Persons who share a blocking key with this profile, scored, best first; `dropped` ones left out. */
  match(profile: PersonProfile, opts: { exclude?: Set<string>; limit?: number } = {}): Candidate[] {
    const analysed = analyseProfile(profile);
    const ids = new Set<string>();
    for (const k of blockingKeys(profile, analysed)) {
      const block = this.blocks.get(k);
      // A block of thousands (Muhammad + a common family name) says nothing a narrower pass would not; identity numbers always count.
      if (!block || (block.size > MAX_BLOCK && !k.startsWith('id:'))) continue;
      for (const id of block) if (!opts.exclude?.has(id)) ids.add(id);
    }
    // Smoothed as if 500 more people with other names were on file: a small vault's counts say little (one person is 100% of one).
    const freq = (key: string): number =>
      ((this.givenCounts.get(key) ?? 0) + 1) / (this.profiles.size + PRIOR_POPULATION);
    const out: Candidate[] = [];
    this.lastCompared = ids.size;
    for (const id of ids) {
      const entry = this.profiles.get(id)!;
      const r = scorePair(profile, entry.profile, freq, { a: analysed, b: entry.analysed });
      if (r.band !== 'dropped') out.push({ id, ...r });
    }
    return out.sort((x, y) => y.score - x.score).slice(0, opts.limit ?? 50);
  }

  private nameKeys(a: Analysed): Set<string> {
    const keys = new Set<string>();
    for (const t of a.tokens) {
      if (t[0]) keys.add(t[0].canonical ?? t[0].skeleton);
      if (t.length > 1) keys.add(t[t.length - 1]!.canonical ?? t[t.length - 1]!.skeleton);
    }
    return keys;
  }
}
