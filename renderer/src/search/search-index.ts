import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { analyseName, foldMixed, tokenize } from '@shared/names/index';
import { MatchIndex, type Candidate } from '@shared/names/match-index';
import { NameIndex } from '@shared/names/name-index';
import type { PersonProfile } from '@shared/names/person-match';
import { plainText } from '@shared/domain/plain-text';
import { yearOf } from '@shared/domain/partial-date';
import type {
  Case,
  DetentionEvent,
  EvidenceDocument,
  Person,
  Place,
  RecordTable,
  Testimony,
  TracingRequest,
  Unit,
} from '@shared/domain/records';

/**
 * The in-memory search index behind the search box, duplicate warnings,
 * tracing and import: MiniSearch over Athar's own name keys (docs/matching.md), and
 * the blocking index for person matching. It runs in a worker and is never
 * written anywhere; locking the vault terminates the worker with it.
 */
export const RESULT_KINDS = ['person', 'case', 'testimony', 'document', 'place', 'unit', 'tracing'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

interface Doc {
  id: string;
  kind: ResultKind;
  name?: string;
  kin?: string;
  code?: string;
  text?: string;
}

export interface SearchHit {
  id: string;
  kind: ResultKind;
  recordId: string;
  score: number;
  /** The index terms that matched, to highlight with. */
  terms: string[];
  titleAr: string;
  titleLatin: string;
  subtitle: string;
  /** A few words around the first match, for text results. */
  snippet: string;
  /** Where the result opens: a case and tab, a screen, or nothing. */
  caseId: string | null;
  tab: string | null;
  route: string | null;
}

/** Index terms for one folded name part: itself, its skeleton (~) and its common-name groups (=). */
export function nameTerms(folded: string): string[] {
  const [t] = analyseName(folded);
  if (!t) return [folded];
  return [t.folded, ...(t.skeleton ? [`~${t.skeleton}`] : []), ...t.canonicals.map((c) => `=${c}`)];
}

const textWords = (s: string): string[] => tokenize(foldMixed(s));

function tokenizeField(text: string, field?: string): string[] {
  if (field === 'name' || field === 'kin') return analyseName(text).map((t) => t.folded);
  return textWords(text);
}

function processField(term: string, field?: string): string[] | string {
  if (field === 'name' || field === 'kin') return nameTerms(term);
  return term.toLowerCase();
}

/**
 * A query: every word must match (AND), each through any of its forms (OR).
 * Only the last word, the one being typed, is also looked up as a prefix:
 * prefixes of finished words would only add noise and time.
 */
export function buildQuery(query: string): Query | null {
  const words = analyseName(query);
  if (!words.length) return null;
  return {
    combineWith: 'AND',
    queries: words.map((w, i) => {
      const last = i === words.length - 1;
      // A known name is matched by its group only: its skeleton would also find the names it must not (حسين → حسن).
      const forms = [
        w.folded,
        ...(w.canonicals.length
          ? w.canonicals.map((c) => `=${c}`)
          : w.skeleton && w.skeleton.length > 1
            ? [`~${w.skeleton}`]
            : []),
      ];
      return {
        combineWith: 'OR',
        queries: forms,
        prefix:
          last && !w.canonicals.length
            ? (term: string) => !term.startsWith('=') && term.replace(/^~/, '').length >= 2
            : false,
      };
    }),
  };
}

const TERM_BOOST = (term: string): number => (term.startsWith('=') ? 2 : term.startsWith('~') ? 1 : 3);

type Rec<T> = T & { id: string };

export class SearchIndex {
  private readonly mini = new MiniSearch<Doc>({
    fields: ['name', 'kin', 'code', 'text'],
    storeFields: [],
    tokenize: tokenizeField,
    processTerm: processField,
    searchOptions: {
      tokenize: (s) => [s],
      processTerm: (t) => t,
      boost: { name: 3, code: 3, kin: 0.5, text: 1 },
      boostTerm: TERM_BOOST,
    },
  });
  readonly matcher = new MatchIndex();
  /** Persons are searched through Athar's own name index (fast at 100,000); everything else through MiniSearch. */
  private readonly names = new NameIndex();
  private readonly persons = new Map<string, Person>();
  private readonly cases = new Map<string, Case>();
  private readonly caseBySubject = new Map<string, string>();
  private readonly places = new Map<string, Place>();
  private readonly testimonies = new Map<string, Testimony>();
  private readonly documents = new Map<string, EvidenceDocument>();
  private readonly units = new Map<string, Unit>();
  private readonly tracing = new Map<string, TracingRequest>();
  private readonly eventsAt = new Map<string, Map<string, string | null>>();
  private readonly texts = new Map<string, string>();

  get size(): number {
    return this.mini.documentCount + this.names.size;
  }

  /** Adds or replaces one record; null removes it. */
  apply(table: RecordTable, id: string, record: Rec<Record<string, unknown>> | null): void {
    switch (table) {
      case 'persons':
        return this.applyPerson(id, record as Person | null);
      case 'cases': {
        const old = this.cases.get(id);
        if (old) this.caseBySubject.delete(old.subjectId);
        if (record) {
          const c = record as Case;
          this.cases.set(id, c);
          this.caseBySubject.set(c.subjectId, id);
        } else this.cases.delete(id);
        return this.replace(
          `case:${id}`,
          record
            ? {
                id: `case:${id}`,
                kind: 'case',
                code: `${(record as Case).reference} ${(record as Case).tags.join(' ')}`,
              }
            : null,
        );
      }
      case 'places': {
        if (record) this.places.set(id, record as Place);
        else this.places.delete(id);
        const p = record as Place | null;
        return this.replace(
          `place:${id}`,
          p
            ? {
                id: `place:${id}`,
                kind: 'place',
                // Every other name and spelling finds it too (Sednaya, Saydnaya, صيدنايا).
                name: [p.nameEn, p.nameAr, ...(p.aliases ?? [])].join(' '),
                text: `${p.operatorEn} ${p.operatorAr}`,
              }
            : null,
        );
      }
      case 'units': {
        if (record) this.units.set(id, record as Unit);
        else this.units.delete(id);
        const u = record as Unit | null;
        return this.replace(
          `unit:${id}`,
          u ? { id: `unit:${id}`, kind: 'unit', name: `${u.nameEn} ${u.nameAr}`, text: u.notes } : null,
        );
      }
      case 'testimonies': {
        const t = record as Testimony | null;
        if (t) this.testimonies.set(id, t);
        else this.testimonies.delete(id);
        const text = t ? plainText(t.content) : '';
        if (t) this.texts.set(`testimony:${id}`, text);
        else this.texts.delete(`testimony:${id}`);
        return this.replace(`testimony:${id}`, t ? { id: `testimony:${id}`, kind: 'testimony', text } : null);
      }
      case 'documents': {
        const d = record as EvidenceDocument | null;
        if (d) this.documents.set(id, d);
        else this.documents.delete(id);
        const text = d ? [d.originalName, d.docType, d.source, d.description].filter(Boolean).join(' — ') : '';
        if (d) this.texts.set(`document:${id}`, text);
        else this.texts.delete(`document:${id}`);
        return this.replace(
          `document:${id}`,
          d ? { id: `document:${id}`, kind: 'document', text, code: `${d.sha256.slice(0, 16)}` } : null,
        );
      }
      case 'events': {
        for (const m of this.eventsAt.values()) m.delete(id);
        const e = record as DetentionEvent | null;
        if (e?.placeId) {
          let m = this.eventsAt.get(e.placeId);
          if (!m) this.eventsAt.set(e.placeId, (m = new Map()));
          m.set(id, e.caseId);
        }
        return;
      }
      case 'tracing': {
        const r = record as TracingRequest | null;
        if (r) this.tracing.set(id, r);
        else this.tracing.delete(id);
        return this.replace(
          `tracing:${id}`,
          r
            ? {
                id: `tracing:${id}`,
                kind: 'tracing',
                name: [r.nameAr, r.nameLatin, ...r.aliases].join(' '),
                kin: `${r.fatherName} ${r.motherName}`,
                text: r.requester.name,
              }
            : null,
        );
      }
      default:
        return;
    }
  }

  private applyPerson(id: string, p: Person | null): void {
    if (p) this.persons.set(id, p);
    else this.persons.delete(id);
    if (p && !p.mergedInto) this.matcher.put(id, this.profileOf(p));
    else this.matcher.remove(id);
    // Merged persons stay searchable by their names: the hit opens the person they were merged into.
    if (p)
      this.names.put(id, {
        name: [p.nameAr, p.nameLatin, ...p.aliases, p.pseudonym],
        kin: [p.fatherName, p.motherName],
        code: p.ids.map((x) => x.value),
      });
    else this.names.remove(id);
  }

  private replace(id: string, doc: Doc | null): void {
    if (this.mini.has(id)) this.mini.discard(id);
    if (doc) this.mini.add(doc);
  }

  /** The governorate a place lies in (itself, or up its parents), for matching by region. */
  governorateOf(placeId: string | null): string | null {
    let p = placeId ? this.places.get(placeId) : undefined;
    for (let depth = 0; p && depth < 6; depth++) {
      if (p.kind === 'governorate') return p.id;
      p = p.parentId ? this.places.get(p.parentId) : undefined;
    }
    return null;
  }

  profileOf(
    p: Pick<
      Person,
      'nameAr' | 'nameLatin' | 'aliases' | 'fatherName' | 'motherName' | 'sex' | 'ids' | 'birthPlaceId'
    > & { birthDate: Person['birthDate'] },
  ): PersonProfile {
    return {
      names: [p.nameAr, p.nameLatin, ...p.aliases].filter((n) => n.trim()),
      father: p.fatherName,
      mother: p.motherName,
      birthYear: yearOf(p.birthDate),
      placeId: p.birthPlaceId,
      governorateId: this.governorateOf(p.birthPlaceId),
      sex: p.sex,
      nationalIds: p.ids.map((x) => x.value),
    };
  }

  tracingProfile(r: TracingRequest): PersonProfile {
    return {
      names: [r.nameAr, r.nameLatin, ...r.aliases].filter((n) => n.trim()),
      father: r.fatherName,
      mother: r.motherName,
      birthYear: r.birthYear,
      placeId: r.placeId,
      governorateId: this.governorateOf(r.placeId),
      sex: r.sex,
      nationalIds: r.nationalIds,
    };
  }

  search(query: string, limitPerKind = 8): SearchHit[] {
    const q = buildQuery(query);
    if (!q) return [];
    const perKind = new Map<ResultKind, number>();
    const seen = new Set<string>();
    const out: SearchHit[] = [];
    // Persons first, from the name index; a few spare for merged records that fold into one.
    for (const h of this.names.search(query, limitPerKind * 2)) {
      const hit = this.describe({ id: `person:${h.id}`, score: h.score, terms: h.terms } as SearchResult);
      if (!hit || seen.has(`person:${hit.recordId}`) || (perKind.get('person') ?? 0) >= limitPerKind) continue;
      perKind.set('person', (perKind.get('person') ?? 0) + 1);
      seen.add(`person:${hit.recordId}`);
      out.push(hit);
    }
    const raw = this.mini.search(q);
    for (const r of raw) {
      // Describe only what will be shown: a common name matches thousands.
      const kind = String(r.id).slice(0, String(r.id).indexOf(':')) as ResultKind;
      if ((perKind.get(kind) ?? 0) >= limitPerKind) continue;
      const hit = this.describe(r);
      if (!hit || seen.has(`${hit.kind}:${hit.recordId}`)) continue;
      const n = perKind.get(hit.kind) ?? 0;
      if (n >= limitPerKind) continue;
      perKind.set(hit.kind, n + 1);
      seen.add(`${hit.kind}:${hit.recordId}`);
      out.push(hit);
    }
    return out;
  }

  match(profile: PersonProfile, exclude: string[] = [], limit = 20): Candidate[] {
    return this.matcher.match(profile, { exclude: new Set(exclude), limit });
  }

  person(id: string): Person | undefined {
    return this.persons.get(id);
  }
  /** Records a person decided describe this same person. */
  mergedInto(id: string): Person[] {
    return [...this.persons.values()].filter((p) => p.mergedInto === id);
  }
  caseOf(personId: string): Case | undefined {
    const c = this.caseBySubject.get(personId);
    return c ? this.cases.get(c) : undefined;
  }

  private describe(r: SearchResult): SearchHit | null {
    const [kind, ...rest] = String(r.id).split(':') as [ResultKind, ...string[]];
    const recordId = rest.join(':');
    const base = {
      id: String(r.id),
      kind,
      recordId,
      score: r.score,
      terms: r.terms,
      titleAr: '',
      titleLatin: '',
      subtitle: '',
      snippet: '',
      caseId: null,
      tab: null,
      route: null,
    };
    switch (kind) {
      case 'person': {
        let p = this.persons.get(recordId);
        // A merged record opens the person it was merged into.
        for (let i = 0; p?.mergedInto && i < 5; i++) p = this.persons.get(p.mergedInto);
        if (!p) return null;
        const c = this.caseOf(p.id);
        const witnessCase = c
          ? null
          : ([...this.testimonies.values()].find((t) => t.witnessId === p.id)?.caseId ?? null);
        const protectedWitness = p.role === 'witness' && p.protectionLevel !== 'none' && p.pseudonym;
        return {
          ...base,
          recordId: p.id,
          titleAr: protectedWitness ? p.pseudonym : p.nameAr,
          titleLatin: protectedWitness ? p.pseudonym : p.nameLatin,
          subtitle: [p.role, c?.reference, yearOf(p.birthDate)].filter(Boolean).join(' · '),
          caseId: c?.id ?? witnessCase,
          tab: c ? 'overview' : witnessCase ? 'testimonies' : null,
          route: c || witnessCase ? null : p.role === 'perpetrator' ? '/units' : null,
        };
      }
      case 'case': {
        const c = this.cases.get(recordId);
        if (!c) return null;
        const s = this.persons.get(c.subjectId);
        return {
          ...base,
          titleAr: c.reference,
          titleLatin: c.reference,
          subtitle: [s?.nameAr, s?.nameLatin].filter(Boolean).join(' · '),
          caseId: c.id,
          tab: 'overview',
        };
      }
      case 'testimony': {
        const t = this.testimonies.get(recordId);
        if (!t) return null;
        const w = this.persons.get(t.witnessId);
        const label = w ? w.pseudonym || w.nameLatin || w.nameAr : '';
        return {
          ...base,
          titleAr: label,
          titleLatin: label,
          subtitle: t.caseId ? (this.cases.get(t.caseId)?.reference ?? '') : '',
          snippet: snippetOf(this.texts.get(r.id as string) ?? '', r.terms),
          caseId: t.caseId,
          tab: 'testimonies',
        };
      }
      case 'document': {
        const d = this.documents.get(recordId);
        if (!d) return null;
        return {
          ...base,
          titleAr: d.originalName,
          titleLatin: d.originalName,
          subtitle: d.caseId ? (this.cases.get(d.caseId)?.reference ?? '') : '',
          snippet: snippetOf(this.texts.get(r.id as string) ?? '', r.terms),
          caseId: d.caseId,
          tab: 'evidence',
        };
      }
      case 'place': {
        const p = this.places.get(recordId);
        if (!p) return null;
        const cases = [...new Set([...(this.eventsAt.get(recordId)?.values() ?? [])].filter((x): x is string => !!x))];
        return {
          ...base,
          titleAr: p.nameAr,
          titleLatin: p.nameEn,
          subtitle: String(cases.length),
          caseId: cases[0] ?? null,
          tab: cases.length ? 'events' : null,
        };
      }
      case 'unit': {
        const u = this.units.get(recordId);
        if (!u) return null;
        return { ...base, titleAr: u.nameAr, titleLatin: u.nameEn, route: '/units' };
      }
      case 'tracing': {
        const t = this.tracing.get(recordId);
        if (!t) return null;
        return {
          ...base,
          titleAr: t.nameAr,
          titleLatin: t.nameLatin,
          subtitle: t.requester.name,
          route: `/tracing/${t.id}`,
        };
      }
    }
    return null;
  }
}

/** About twenty words around the first word that matched. */
export function snippetOf(text: string, terms: string[]): string {
  const words = text.split(/\s+/);
  const set = new Set(terms);
  const at = words.findIndex((w) =>
    textWords(w).some((x) => set.has(x) || [...set].some((t) => t.length > 2 && x.startsWith(t))),
  );
  if (at < 0) return words.slice(0, 20).join(' ');
  const start = Math.max(0, at - 8);
  return `${start > 0 ? '… ' : ''}${words.slice(start, start + 20).join(' ')}${start + 20 < words.length ? ' …' : ''}`;
}
