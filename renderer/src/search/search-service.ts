import type { RecordStore } from '../db/record-store';
import type { WorkerAccess } from '../db/file-store';
import type { TracingRequest } from '@shared/domain/records';
import type { PersonProfile } from '@shared/names/person-match';
import type {
  AnswerOf,
  Ask,
  CandidateView,
  FromSearch,
  PersonLike,
  PersonRef,
  Question,
  ToSearch,
} from './search-protocol';
import type { SearchHit } from './search-index';

export type IndexState =
  | { phase: 'building'; done: number; total: number }
  | { phase: 'ready'; ms: number; documents: number }
  | { phase: 'failed' };

interface Waiter {
  question: Question;
  resolve: (answer: unknown) => void;
}

/**
 * The page's side of the search worker: starts it after unlock, forwards
 * every committed change, and answers searches and match questions.
 */
export class SearchService {
  private worker: Worker | null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private readonly listeners = new Set<() => void>();
  private state: IndexState = { phase: 'building', done: 0, total: 0 };
  private readonly stopListening: () => void;

  constructor(access: () => WorkerAccess, store: RecordStore) {
    this.worker = new Worker(new URL('../workers/search.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (ev: MessageEvent<FromSearch>) => this.receive(ev.data);
    this.worker.onerror = () => this.setState({ phase: 'failed' });
    // The keys as they are when the build starts (after the unlock's compartment work has settled).
    this.open = () => {
      const a = access();
      this.post({ type: 'open', key: a.key, dbName: a.dbName, compartments: a.compartments });
    };
    // Changes are queued in the worker until the index is built, so none made before start() is lost.
    this.stopListening = store.onCommit((changes) => this.post({ type: 'changes', changes }));
  }

  private open: (() => void) | null;

  /** Starts building the index (once). Called after the case list is on screen, so the two do not compete for the first seconds after unlock. */
  start(): void {
    this.open?.();
    this.open = null;
  }

  current(): IndexState {
    return this.state;
  }
  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  }

  async search(query: string, limitPerKind = 8): Promise<SearchHit[]> {
    return (await this.ask('search', { query, limitPerKind }))?.hits ?? [];
  }

  async matchPerson(person: PersonLike, exclude: string[] = []): Promise<CandidateView[]> {
    return (await this.ask('match-person', { person, exclude }))?.candidates ?? [];
  }

  async matchTracing(request: TracingRequest, exclude: string[] = []): Promise<CandidateView[]> {
    return (await this.ask('match-tracing', { request, exclude }))?.candidates ?? [];
  }

  async matchMany(profiles: PersonProfile[] | PersonLike[]): Promise<Array<CandidateView | null>> {
    return (await this.ask('match-many', { profiles }))?.best ?? [];
  }

  /** Whom this person was merged into, and who was merged into them. */
  async mergeInfo(personId: string): Promise<{ into: PersonRef | null; others: PersonRef[] }> {
    return (await this.ask('merge-info', { personId })) ?? { into: null, others: [] };
  }

  dispose(): void {
    this.stopListening();
    this.worker?.terminate();
    this.worker = null;
    for (const w of this.waiting.values()) w.resolve(null);
    this.waiting.clear();
  }

  /** The worker's answer to this question, or null once the session is locked. */
  private ask<Q extends Question>(question: Q, args: Ask<Q>): Promise<AnswerOf<Q> | null> {
    this.start();
    const reqId = this.nextId++;
    return new Promise((resolve) => {
      if (!this.worker) {
        resolve(null);
        return;
      }
      this.waiting.set(reqId, { question, resolve: resolve as (a: unknown) => void });
      this.post({ type: question, reqId, ...args } as ToSearch);
    });
  }

  private post(m: ToSearch): void {
    this.worker?.postMessage(m);
  }

  private receive(m: FromSearch): void {
    if (m.type === 'progress') return this.setState({ phase: 'building', done: m.done, total: m.total });
    if (m.type === 'ready') return this.setState({ phase: 'ready', ms: m.ms, documents: m.documents });
    if (m.type === 'failed') return this.setState({ phase: 'failed' });
    const w = this.waiting.get(m.reqId);
    // An answer counts only for the request that asked that very question.
    if (!w || w.question !== m.question) return;
    this.waiting.delete(m.reqId);
    w.resolve(m.answer);
  }

  private setState(s: IndexState): void {
    this.state = s;
    for (const l of this.listeners) l();
  }
}
