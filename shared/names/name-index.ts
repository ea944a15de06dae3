import { analyseName, type AnalysedToken } from './index';

/**
 * The person-name index behind the search box: posting lists of Athar's
 * own name keys (folded form, common-name group, cross-script skeleton) per
 * field, intersected word by word. Written for the one job a general
 * full-text engine does slowly at 100,000 persons: every word of a name in
 * any spelling, ranked, in a few milliseconds.
 */
export type NameField = 'name' | 'kin' | 'code';

export interface NameHit {
  id: string;
  score: number;
  terms: string[];
}

const FIELD_WEIGHT: Record<NameField, number> = { name: 1, kin: 0.3, code: 1 };
const FORM_WEIGHT = { f: 3, c: 2, s: 1 } as const;
/** A prefix being typed that expands to more terms than this is cut: two letters of a skeleton match half the names. */
const MAX_PREFIX_TERMS = 300;

/** The forms a word is indexed and looked up under: f = folded, c = common-name group, s = skeleton. */
function formsOf(t: AnalysedToken): Array<['f' | 'c' | 's', string]> {
  const out: Array<['f' | 'c' | 's', string]> = [['f', t.folded]];
  if (t.canonicals.length) for (const c of t.canonicals) out.push(['c', c]);
  else if (t.skeleton) out.push(['s', t.skeleton]);
  return out;
}

export class NameIndex {
  private readonly docs: Array<{ id: string; terms: string[]; length: number } | null> = [];
  private readonly byId = new Map<string, number>();
  private readonly postings = new Map<string, Set<number>>();
  private sorted: string[] | null = null;
  private free: number[] = [];

  get size(): number {
    return this.byId.size;
  }

  put(id: string, fields: Partial<Record<NameField, string[]>>): void {
    this.remove(id);
    const terms = new Set<string>();
    let length = 0;
    for (const [field, values] of Object.entries(fields) as Array<[NameField, string[]]>) {
      for (const v of values) {
        if (!v.trim()) continue;
        if (field === 'code') {
          terms.add(`code|f|${v.trim().toLowerCase()}`);
          continue;
        }
        const tokens = analyseName(v);
        if (field === 'name') length = Math.max(length, tokens.length);
        // Every token is also indexed with its skeleton, so a query whose word is not a known name still finds it across scripts.
        for (const t of tokens) {
          for (const [kind, key] of formsOf(t)) terms.add(`${field}|${kind}|${key}`);
          if (t.canonicals.length && t.skeleton) terms.add(`${field}|s|${t.skeleton}`);
        }
      }
    }
    const doc = this.free.pop() ?? this.docs.length;
    this.docs[doc] = { id, terms: [...terms], length };
    this.byId.set(id, doc);
    for (const term of terms) {
      let p = this.postings.get(term);
      if (!p) {
        this.postings.set(term, (p = new Set()));
        this.sorted = null;
      }
      p.add(doc);
    }
  }

  remove(id: string): void {
    const doc = this.byId.get(id);
    if (doc === undefined) return;
    for (const term of this.docs[doc]!.terms) {
      const p = this.postings.get(term);
      p?.delete(doc);
      if (p && !p.size) {
        this.postings.delete(term);
        this.sorted = null;
      }
    }
    this.docs[doc] = null;
    this.byId.delete(id);
    this.free.push(doc);
  }

  /** Every word must match, in any field and any of its forms; the last word may be unfinished. Best first. */
  search(query: string, limit: number): NameHit[] {
    const words = analyseName(query);
    if (!words.length) return [];
    const perWord: Array<Map<number, number>> = [];
    const matched: string[] = [];
    words.forEach((w, i) => {
      const scores = new Map<number, number>();
      const add = (term: string, weight: number): void => {
        const p = this.postings.get(term);
        if (!p) return;
        for (const d of p) if ((scores.get(d) ?? 0) < weight) scores.set(d, weight);
      };
      for (const field of ['name', 'kin', 'code'] as const) {
        for (const [kind, key] of formsOf(w)) {
          if (field === 'code' && kind !== 'f') continue;
          add(`${field}|${kind}|${key}`, FORM_WEIGHT[kind] * FIELD_WEIGHT[field]);
        }
        // The word being typed: folded and skeleton prefixes (skeleton only from two letters on).
        if (i === words.length - 1 && !w.canonicals.length) {
          for (const [kind, key] of [
            ['f', w.folded],
            ['s', w.skeleton],
          ] as const) {
            if (!key || (kind === 's' && key.length < 2)) continue;
            for (const term of this.withPrefix(`${field}|${kind}|${key}`))
              add(term, 0.5 * FORM_WEIGHT[kind] * FIELD_WEIGHT[field]);
          }
        }
      }
      for (const [kind, key] of formsOf(w)) matched.push(kind === 'f' ? key : kind === 'c' ? `=${key}` : `~${key}`);
      perWord.push(scores);
    });
    // Intersect, smallest first.
    const order = [...perWord].sort((a, b) => a.size - b.size);
    const total = new Map<number, number>();
    for (const [d, s] of order[0]!) {
      let sum = s;
      let all = true;
      for (let k = 1; k < order.length && all; k++) {
        const v = order[k]!.get(d);
        if (v === undefined) all = false;
        else sum += v;
      }
      if (all) total.set(d, sum);
    }
    // Higher score first; among equals, names with fewer parts (closer to what was typed).
    const ranked = [...total].sort((a, b) => b[1] - a[1] || this.docs[a[0]]!.length - this.docs[b[0]]!.length);
    return ranked.slice(0, limit).map(([d, score]) => ({ id: this.docs[d]!.id, score, terms: matched }));
  }

  private withPrefix(prefix: string): string[] {
    this.sorted ??= [...this.postings.keys()].sort();
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < s.length && s[i]!.startsWith(prefix) && out.length < MAX_PREFIX_TERMS; i++)
      if (s[i] !== prefix) out.push(s[i]!);
    return out;
  }
}
