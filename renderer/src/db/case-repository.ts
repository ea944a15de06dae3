import { nextReferenceCode } from '../../../shared/domain/reference-code';
import type { Case, CaseKind, CaseStatus, Person, Place, Priority } from '../../../shared/domain/records';
import type { AtharDb } from './schema';
import type { Change, DerivedRow, RecordStore } from './record-store';
import { randomId } from './webcrypto-key';
import { seedPlaces } from './gazetteer-seed';
import { SerialQueue } from './serial-queue';

/** What the case list shows for one case; stored encrypted in caseIndex beside the full record. */
export interface CaseSummary {
  id: string;
  reference: string;
  nameAr: string;
  nameLatin: string;
  kind: CaseKind;
  status: CaseStatus;
  priority: Priority;
  assignee: string;
  tags: string[];
  updatedAt: string;
}

export function summarise(c: Case, subject: Person): CaseSummary {
  return {
    id: c.id, reference: c.reference, nameAr: subject.nameAr, nameLatin: subject.nameLatin,
    kind: c.kind, status: c.status, priority: c.priority, assignee: c.assignee, tags: c.tags, updatedAt: c.updatedAt,
  };
}

export type NewCaseInput = Omit<Case, 'id' | 'reference' | 'subjectId' | 'createdAt' | 'updatedAt' | 'author'>;
export type PersonInput = Omit<Person, 'id' | 'createdAt' | 'updatedAt' | 'author' | 'role'>;

const COUNTERS = 'reference-counters';

export class CaseRepository {
  /** Decrypted summaries, kept for the session once loaded so returning to the list is instant. */
  private cache: Map<string, CaseSummary> | null = null;
  private readonly allocation = new SerialQueue();

  constructor(private readonly db: AtharDb, private readonly store: RecordStore, private readonly actor: () => string) {}

  async create(input: NewCaseInput, subject: PersonInput, now = new Date()): Promise<Case> {
    const [created] = await this.createMany([{ input, subject }], now);
    return created!;
  }

  /** Several cases in one transaction (list imports, benchmarks): all are written or none. */
  async createMany(items: Array<{ input: NewCaseInput; subject: PersonInput }>, now = new Date()): Promise<Case[]> {
    // Reference numbers are read and written under one queue, so two saves can never take the same number.
    return this.allocation.run(() => this.createManyNow(items, now));
  }

  private async createManyNow(items: Array<{ input: NewCaseInput; subject: PersonInput }>, now: Date): Promise<Case[]> {
    let counters = ((await this.db.meta.get(COUNTERS))?.value ?? {}) as Record<string, number>;
    const at = now.toISOString();
    const changes: Change[] = [];
    const derived: DerivedRow[] = [];
    const created: Array<{ record: Case; person: Person }> = [];
    for (const { input, subject } of items) {
      const next = nextReferenceCode(counters, now.getUTCFullYear());
      counters = next.counters;
      const person: Person = { ...subject, id: randomId(), role: 'subject', createdAt: at, updatedAt: at, author: this.actor() };
      const record: Case = { ...input, id: randomId(), reference: next.code, subjectId: person.id, createdAt: at, updatedAt: at, author: this.actor() };
      changes.push({ table: 'persons', put: person }, { table: 'cases', put: record });
      derived.push({ table: 'caseIndex', id: record.id, value: summarise(record, person) });
      created.push({ record, person });
    }
    await this.store.commit(changes, { derived, meta: [{ id: COUNTERS, value: counters }] });
    for (const { record, person } of created) this.cache?.set(record.id, summarise(record, person));
    return created.map((c) => c.record);
  }

  async update(record: Case, subject: Person, now = new Date()): Promise<Case> {
    const at = now.toISOString();
    const c: Case = { ...record, updatedAt: at };
    const p: Person = { ...subject, updatedAt: at };
    await this.store.commit(
      [{ table: 'persons', put: p }, { table: 'cases', put: c }],
      { derived: [{ table: 'caseIndex', id: c.id, value: summarise(c, p) }] },
    );
    this.cache?.set(c.id, summarise(c, p));
    return c;
  }

  async load(id: string): Promise<{ record: Case; subject: Person } | null> {
    const record = await this.store.get('cases', id);
    if (!record) return null;
    const subject = await this.store.get('persons', record.subjectId);
    if (!subject) return null;
    return { record, subject };
  }

  async summaries(): Promise<CaseSummary[]> {
    if (!this.cache) {
      const rows = await this.store.derived<CaseSummary>('caseIndex');
      this.cache = new Map(rows.map((r) => [r.id, r.value]));
    }
    return [...this.cache.values()];
  }

  async places(): Promise<Place[]> {
    return this.store.all('places');
  }

  /** Seeds the gazetteer once, on a new vault. */
  async seedGazetteer(now = new Date()): Promise<number> {
    if ((await this.store.count('places')) > 0) return 0;
    const places = seedPlaces(now.toISOString());
    await this.store.commit(places.map((p) => ({ table: 'places' as const, put: p })));
    return places.length;
  }
}
