/// <reference lib="webworker" />
import { AtharDb, RECORD_TABLES } from '../db/schema';
import { wrapCryptoKey } from '../db/webcrypto-key';
import { openJson } from '@shared/crypto/envelope';
import { RECORD_SCHEMAS, type RecordTable } from '@shared/domain/records';
import { yearOf } from '@shared/domain/partial-date';
import type { Candidate } from '@shared/names/match-index';
import { SearchIndex } from '../search/search-index';
import type {
  AnswerOf,
  CandidateView,
  FromSearch,
  PersonLike,
  PersonRef,
  Question,
  ToSearch,
} from '../search/search-protocol';

// The search index, off the UI thread. It reads and decrypts the vault itself (the key is non-extractable here too),
// keeps everything in memory, and never writes. Terminating the worker on lock drops it all.
declare const self: DedicatedWorkerGlobalScope;
const post = (m: FromSearch): void => self.postMessage(m);
const answer = <Q extends Question>(question: Q, reqId: number, a: AnswerOf<Q>): void =>
  post({ type: 'answer', question, reqId, answer: a } as FromSearch);

let index: SearchIndex | null = null;
let building: Promise<void> | null = null;
const pending: ToSearch[] = [];

// Places first (persons need governorates), cases before persons' hits are described, links are not searched.
const ORDER: RecordTable[] = ['places', 'units', 'cases', 'persons', 'events', 'testimonies', 'documents', 'tracing'];
const BATCH = 2000;

async function build(key: CryptoKey, dbName: string, compartments: Array<[string, CryptoKey]>): Promise<void> {
  const started = performance.now();
  const db = new AtharDb(dbName);
  const aead = wrapCryptoKey(key);
  // A restricted case's rows open with its own key; those of a case this member does not hold are never read.
  const held = new Map(compartments.map(([mark, k]) => [mark, wrapCryptoKey(k)]));
  const keyOf = (r: { k?: unknown }) =>
    r.k === undefined ? aead : typeof r.k === 'string' ? held.get(r.k) : undefined;
  const next = new SearchIndex();
  const counts = await Promise.all(ORDER.map((t) => db.table(t).count()));
  const total = counts.reduce((a, b) => a + b, 0);
  let done = 0;
  let lastPost = 0;
  for (const table of ORDER) {
    const rows = await db.table(table).toArray();
    for (let i = 0; i < rows.length; i += BATCH) {
      const slice = rows.slice(i, i + BATCH);
      const records = await Promise.all(
        slice.map(async (r) => {
          const rowKey = keyOf(r);
          if (!rowKey) return null;
          try {
            return RECORD_SCHEMAS[table].parse(await openJson(rowKey, table, r.id, r.enc)) as { id: string } & Record<
              string,
              unknown
            >;
          } catch {
            return null;
          }
        }),
      );
      // A record that cannot be decrypted is left out here; "verify" and the record's own screen report it.
      for (const rec of records) if (rec) next.apply(table, rec.id, rec);
      done += slice.length;
      // A breath between batches: IndexedDB and the page share this machine's few cores with the build.
      await new Promise((r) => setTimeout(r, 2));
      const now = performance.now();
      if (now - lastPost > 100) {
        post({ type: 'progress', done, total });
        lastPost = now;
      }
    }
  }
  db.close();
  index = next;
  post({
    type: 'ready',
    ms: Math.round(performance.now() - started),
    documents: next.size,
    persons: next.matcher.size,
  });
}

function view(c: Candidate): CandidateView {
  const p = index!.person(c.id)!;
  const k = index!.caseOf(c.id);
  return {
    id: c.id,
    score: c.score,
    band: c.band,
    fields: c.fields,
    nameAr: p.nameAr,
    nameLatin: p.nameLatin,
    fatherName: p.fatherName,
    motherName: p.motherName,
    birthYear: yearOf(p.birthDate),
    role: p.role,
    caseId: k?.id ?? null,
    reference: k?.reference ?? null,
  };
}

function ref(id: string): PersonRef | null {
  const p = index!.person(id);
  if (!p) return null;
  const k = index!.caseOf(id);
  return { id, nameAr: p.nameAr, nameLatin: p.nameLatin, caseId: k?.id ?? null, reference: k?.reference ?? null };
}

function isPersonLike(x: unknown): x is PersonLike {
  return typeof x === 'object' && x !== null && 'nameLatin' in x;
}

function handle(msg: ToSearch): void {
  if (!index) return;
  switch (msg.type) {
    case 'changes':
      for (const c of msg.changes) {
        if (!(RECORD_TABLES as readonly string[]).includes(c.table)) continue;
        if ('put' in c) index.apply(c.table, c.put.id, c.put);
        else index.apply(c.table, c.delete, null);
      }
      return;
    case 'search':
      answer('search', msg.reqId, { hits: index.search(msg.query, msg.limitPerKind) });
      return;
    case 'match-person':
      answer('match-person', msg.reqId, {
        candidates: index.match(index.profileOf(msg.person), msg.exclude).map(view),
      });
      return;
    case 'match-tracing':
      answer('match-tracing', msg.reqId, {
        candidates: index.match(index.tracingProfile(msg.request), msg.exclude, 50).map(view),
      });
      return;
    case 'match-many':
      answer('match-many', msg.reqId, {
        best: msg.profiles.map((p) => {
          const [best] = index!.match(isPersonLike(p) ? index!.profileOf(p) : p, [], 1);
          return best ? view(best) : null;
        }),
      });
      return;
    case 'merge-info': {
      const into = index.person(msg.personId)?.mergedInto;
      answer('merge-info', msg.reqId, {
        into: into ? ref(into) : null,
        others: index
          .mergedInto(msg.personId)
          .map((p) => ref(p.id)!)
          .filter(Boolean),
      });
      return;
    }
    default:
  }
}

self.onmessage = (ev: MessageEvent<ToSearch>) => {
  const msg = ev.data;
  if (msg.type === 'open') {
    building = build(msg.key, msg.dbName, Array.isArray(msg.compartments) ? msg.compartments : [])
      .then(() => {
        for (const m of pending.splice(0)) handle(m);
      })
      .catch((e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.name : 'failed' }));
    return;
  }
  // Changes and questions that arrive while the index is being built wait for it, in order.
  if (!index || pending.length) {
    pending.push(msg);
    void building;
    return;
  }
  handle(msg);
};
