import { nextReferenceCode, parseReferenceCode, PREFIX_PATTERN } from '@shared/domain/reference-code';
import type { Case, CaseKind, CaseStatus, Person, Place, Priority } from '@shared/domain/records';
import { RECORD_SCHEMAS } from '@shared/domain/records';
import type { AtharDb } from './schema';
import type { Change, DerivedRow, RecordStore } from './record-store';
import { randomBytes, randomId } from './webcrypto-key';
import { sealJson, type AeadKey } from '@shared/crypto/envelope';
import { seedPlaces } from './gazetteer-seed';
import { SerialQueue } from './serial-queue';
import type { Compartments } from './compartments';

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
  /** Absent in summaries written before compartments: standard. */
  confidentiality?: Case['confidentiality'];
  /** A restricted or strict case this member is not assigned to: only its reference is known. */
  withheld?: true;
}

export function summarise(c: Case, subject: Person): CaseSummary {
  return {
    id: c.id,
    reference: c.reference,
    nameAr: subject.nameAr,
    nameLatin: subject.nameLatin,
    kind: c.kind,
    status: c.status,
    priority: c.priority,
    assignee: c.assignee,
    tags: c.tags,
    updatedAt: c.updatedAt,
    confidentiality: c.confidentiality,
  };
}

/** A restricted or strict case's summary is a row of its own, sealed with the case; the rest share pages. */
const ownRow = (caseId: string): string => `case-${caseId}`;
const isOwnRow = (pageId: string): boolean => pageId.startsWith('case-');

export type NewCaseInput = Omit<Case, 'id' | 'reference' | 'subjectId' | 'createdAt' | 'updatedAt' | 'author'>;
export type PersonInput = Omit<Person, 'id' | 'createdAt' | 'updatedAt' | 'author' | 'role'>;

const COUNTERS = 'reference-counters';
/** This laptop's own prefix for the references it issues, once it joined a team (reference-code.ts). */
export const PREFIX_META_ID = 'reference-prefix';
const PREFIX = PREFIX_META_ID;
/** Cases whose records arrived and whose list summaries are still to be made again (written with the arrival). */
export const STALE_SUMMARIES_META_ID = 'summaries-stale';

const pageName = (n: number): string => `page-${String(n).padStart(6, '0')}`;

/**
 * The list's summary pages for a whole set of cases written at once (a
 * restore): in order, SUMMARY_PAGE_SIZE to a page, as the repository itself
 * would have filled them.
 */
export function summaryPages(
  cases: readonly Case[],
  persons: ReadonlyMap<string, Person>,
): Array<{ id: string; value: CaseSummary[] }> {
  const summaries = cases.flatMap((c) => {
    const s = persons.get(c.subjectId);
    return s ? [summarise(c, s)] : [];
  });
  const pages: Array<{ id: string; value: CaseSummary[] }> = [];
  for (let n = 0; n * SUMMARY_PAGE_SIZE < summaries.length; n++)
    pages.push({ id: pageName(n), value: summaries.slice(n * SUMMARY_PAGE_SIZE, (n + 1) * SUMMARY_PAGE_SIZE) });
  return pages;
}

/**
 * The reference counters' meta row, as a restore writes it: sealed, since how many cases an office opened each
 * year is itself worth hiding.
 */
export const countersRow = async (
  key: AeadKey,
  counters: Record<string, number>,
): Promise<{ id: string; value: unknown }> => ({
  id: COUNTERS,
  value: await sealJson(key, randomBytes, 'meta', COUNTERS, counters),
});

/** The counters moved past every reference of this numbering (the same prefix, or none) among `references`. */
function movedPast(
  counters: Record<string, number>,
  prefix: string | undefined,
  references: readonly string[],
): Record<string, number> {
  let out = counters;
  for (const r of references) {
    const ref = parseReferenceCode(r);
    if (ref && ref.prefix === prefix && (out[String(ref.year)] ?? 0) < ref.serial)
      out = { ...out, [String(ref.year)]: ref.serial };
  }
  return out;
}

/** Summaries are stored in encrypted pages of this many, so the list of 100,000 cases decrypts a few hundred rows, not 100,000. */
export const SUMMARY_PAGE_SIZE = 500;

interface SummaryIndex {
  pages: Map<string, Map<string, CaseSummary>>;
  pageOf: Map<string, string>;
}

export class CaseRepository {
  /** Decrypted summary pages, kept for the session once loaded. */
  private index: SummaryIndex | null = null;
  /** Reference numbers and summary pages change under one queue: no two saves take the same number or overwrite each other's page. */
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<() => void>();

  /** Called after every committed change to a case. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  constructor(
    private readonly db: AtharDb,
    private readonly store: RecordStore,
    /** Restricted and strict cases' keys; without it (tests of other things) every case is sealed with the data key. */
    private readonly compartments?: Compartments,
  ) {}

  /** Whether a case's summary has a row of its own, sealed with the case's key. */
  private kept(s: CaseSummary): boolean {
    return this.compartments !== undefined && (s.confidentiality ?? 'standard') !== 'standard';
  }

  /**
   * Restricted and strict cases saved before compartments existed (an upgraded vault), or restored from a
   * backup, are sealed with the data key: each is saved once more, which gives it its compartment (and its
   * older records follow at the next settle). Returns how many.
   */
  async sealUnkept(signal?: AbortSignal): Promise<number> {
    if (!this.compartments) return 0;
    let n = 0;
    for (const record of await this.store.all('cases')) {
      if (signal?.aborted) break;
      if (record.confidentiality === 'standard') continue;
      const stale = this.compartments.ofCase(record.id);
      if (stale && (this.store.holds(stale) || this.store.rowsOf(stale.id).size)) continue;
      const subject = await this.store.get('persons', record.subjectId);
      if (!subject) continue;
      // Restored from a backup: its compartment's keys were wrapped to the old vault's members, and seal nothing.
      if (stale) await this.store.commit([{ table: 'compartments', delete: stale.id }]);
      await this.update(record, subject);
      // Whoever the backup's case was assigned to stays assigned: they get its key once an administrator resets them.
      const active = new Set((await this.store.all('members')).filter((m) => m.status === 'active').map((m) => m.id));
      const kept = (stale?.assigned ?? []).filter((id) => active.has(id));
      const fresh = this.compartments.ofCase(record.id);
      if (fresh && kept.some((id) => !fresh.assigned.includes(id)))
        await this.compartments.assign(record.id, [...fresh.assigned, ...kept]);
      n++;
    }
    return n;
  }

  /** The compartment changes a save of these cases brings (a new key for a case made restricted, and so on). */
  private async compartmentChanges(records: Array<{ record: Case; existed: boolean }>): Promise<Change[]> {
    if (!this.compartments) return [];
    const out: Change[] = [];
    for (const { record, existed } of records) {
      const c = await this.compartments.planFor(record, existed);
      if (c) out.push(c);
    }
    return out;
  }

  async create(input: NewCaseInput, subject: PersonInput, now = new Date()): Promise<Case> {
    const [created] = await this.createMany([{ input, subject }], now);
    return created!;
  }

  /**
   * Several cases in one transaction (list imports, benchmarks): all are
   * written or none. `extra` changes (an import's updates to existing
   * persons) go into the same transaction.
   */
  async createMany(
    items: Array<{ input: NewCaseInput; subject: PersonInput }>,
    now = new Date(),
    opts: { extra?: Change[]; onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
  ): Promise<Case[]> {
    return this.queue.run(async () => {
      let counters = await this.counters();
      const prefix = await this.prefix();
      const at = now.toISOString();
      const changes: Change[] = [];
      const created: Array<{ record: Case; person: Person }> = [];
      for (const { input, subject } of items) {
        const next = nextReferenceCode(counters, now.getUTCFullYear(), prefix);
        counters = next.counters;
        const person: Person = {
          ...subject,
          id: randomId(),
          role: 'subject',
          createdAt: at,
          updatedAt: at,
          author: this.store.actorName,
        };
        const record: Case = {
          ...input,
          id: randomId(),
          reference: next.code,
          subjectId: person.id,
          createdAt: at,
          updatedAt: at,
          author: this.store.actorName,
        };
        changes.push({ table: 'persons', put: person, fresh: true }, { table: 'cases', put: record, fresh: true });
        created.push({ record, person });
      }
      changes.push(...(opts.extra ?? []));
      changes.push(...(await this.compartmentChanges(created.map((c) => ({ record: c.record, existed: false })))));
      const staged = await this.stageSummaries(created.map((c) => summarise(c.record, c.person)));
      await this.store.commit(changes, {
        derived: staged.rows,
        meta: [await this.store.sealedMeta(COUNTERS, counters)],
        onProgress: opts.onProgress,
        signal: opts.signal,
      });
      this.index = staged.index;
      for (const l of this.listeners) l();
      return created.map((c) => c.record);
    });
  }

  /**
   * Records that arrive whole (a package's import): every change in one
   * transaction, with the list's summaries of the cases it touches. A
   * reference already issued keeps its number; the counters move past it so
   * the next new case never takes it again.
   */
  async commitArrived(
    changes: Change[],
    cases: Array<{ record: Case; subject: Person }>,
    opts: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
  ): Promise<void> {
    return this.queue.run(async () => {
      const counters = movedPast(
        await this.counters(),
        await this.prefix(),
        cases.map((c) => c.record.reference),
      );
      const withKeys = [
        ...changes,
        ...(await this.compartmentChanges(cases.map((c) => ({ record: c.record, existed: true })))),
      ];
      const staged = await this.stageSummaries(cases.map((c) => summarise(c.record, c.subject)));
      await this.store.commit(withKeys, {
        derived: staged.rows,
        meta: [await this.store.sealedMeta(COUNTERS, counters)],
        ...opts,
      });
      this.index = staged.index;
      for (const l of this.listeners) l();
    });
  }

  /**
   * The list's summaries of cases whose records arrived from another device, made again from what is stored
   * now (summaries are this device's own: the server never carries them). A case this member cannot read keeps
   * what the compartment says of it.
   */
  async refresh(caseIds: Iterable<string>, arrived?: ReadonlyMap<string, unknown>): Promise<void> {
    return this.queue.run(async () => {
      const summaries: CaseSummary[] = [];
      const gone: string[] = [];
      for (const id of new Set(caseIds)) {
        const loaded = (await this.fromArrival(id, arrived)) ?? (await this.load(id).catch(() => null));
        if (loaded) summaries.push(summarise(loaded.record, loaded.subject));
        // Deleted on another laptop: it leaves the list too. (One only withheld from this member is still stored.)
        else if ((await this.db.table('cases').get(id)) === undefined) gone.push(id);
      }
      if (!summaries.length && !gone.length) return;
      const staged = await this.stageSummaries(summaries, gone);
      await this.store.writeDerived(staged.rows);
      // A reference of this laptop's own numbering that arrived (from a restore of it elsewhere) is not issued again.
      const before = await this.counters();
      const after = movedPast(
        before,
        await this.prefix(),
        summaries.map((x) => x.reference),
      );
      if (after !== before) await this.db.meta.put(await this.store.sealedMeta(COUNTERS, after));
      this.index = staged.index;
      for (const l of this.listeners) l();
    });
  }

  /** The cases an arrival left with summaries still to be made again (a crash may have come between). */
  async staleSummaries(): Promise<string[]> {
    const row = await this.db.meta.get(STALE_SUMMARIES_META_ID);
    const ids = row ? await this.store.openMeta<unknown>(STALE_SUMMARIES_META_ID, row.value).catch(() => []) : [];
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
  }

  /**
   * Makes those summaries again, then forgets the list. A failure keeps the list for the next time rather than
   * stopping what arrives: the records are stored either way, only the list lags.
   */
  async refreshStale(arrived?: ReadonlyMap<string, unknown>): Promise<boolean> {
    try {
      const ids = await this.staleSummaries();
      if (!ids.length) return true;
      await this.refresh(ids, arrived);
      await this.db.meta.delete(STALE_SUMMARIES_META_ID);
      return true;
    } catch {
      return false;
    }
  }

  async update(record: Case, subject: Person, now = new Date()): Promise<Case> {
    return this.queue.run(async () => {
      const at = now.toISOString();
      const c: Case = { ...record, updatedAt: at };
      const p: Person = { ...subject, updatedAt: at };
      const staged = await this.stageSummaries([summarise(c, p)]);
      await this.store.commit(
        [
          { table: 'persons', put: p },
          { table: 'cases', put: c },
          ...(await this.compartmentChanges([{ record: c, existed: true }])),
        ],
        { derived: staged.rows },
      );
      this.index = staged.index;
      for (const l of this.listeners) l();
      return c;
    });
  }

  /**
   * The summary pages after placing these summaries (existing cases stay on
   * their page; new ones fill the last page, then open a new one), without
   * touching the live index until the commit succeeds.
   */
  private async stageSummaries(
    summaries: CaseSummary[],
    removed: readonly string[] = [],
  ): Promise<{ index: SummaryIndex; rows: DerivedRow[] }> {
    const current = await this.loadIndex();
    const pages = new Map(current.pages);
    const pageOf = new Map(current.pageOf);
    const touched = new Set<string>();
    const touch = (pageId: string): Map<string, CaseSummary> => {
      if (!touched.has(pageId)) {
        pages.set(pageId, new Map(pages.get(pageId)));
        touched.add(pageId);
      }
      return pages.get(pageId)!;
    };
    const shared = (): string[] => [...pages.keys()].filter((id) => !isOwnRow(id)).sort();
    let last = shared().at(-1);
    for (const s of summaries) {
      const was = pageOf.get(s.id);
      let pageId: string;
      if (this.kept(s)) pageId = ownRow(s.id);
      else if (was && !isOwnRow(was)) pageId = was;
      else {
        if (!last || (pages.get(last)?.size ?? 0) >= SUMMARY_PAGE_SIZE) last = pageName(shared().length);
        pageId = last;
      }
      // A case made restricted leaves its shared page (and one made standard again leaves its own row).
      if (was && was !== pageId) touch(was).delete(s.id);
      pageOf.set(s.id, pageId);
      touch(pageId).set(s.id, s);
    }
    for (const id of removed) {
      const was = pageOf.get(id);
      if (!was) continue;
      touch(was).delete(id);
      pageOf.delete(id);
    }
    const rows = [...touched].map((id) => {
      const page = pages.get(id)!;
      if (!page.size) pages.delete(id);
      return {
        table: 'caseIndex' as const,
        id,
        value: page.size ? [...page.values()] : null,
        ...(isOwnRow(id) ? { caseId: id.slice('case-'.length) } : {}),
      };
    });
    return { index: { pages, pageOf }, rows };
  }

  private loading: Promise<SummaryIndex> | null = null;

  /** Decrypts the summary pages once; callers that arrive while it runs share the same work. */
  private async loadIndex(): Promise<SummaryIndex> {
    if (this.index) return this.index;
    this.loading ??= (async () => {
      const rows = await this.store.derived<CaseSummary[]>('caseIndex');
      const pages = new Map<string, Map<string, CaseSummary>>();
      const pageOf = new Map<string, string>();
      for (const row of rows) {
        pages.set(row.id, new Map(row.value.map((s) => [s.id, s])));
        for (const s of row.value) pageOf.set(s.id, row.id);
      }
      return { pages, pageOf };
    })().finally(() => {
      this.loading = null;
    });
    const loaded = await this.loading;
    this.index ??= loaded;
    return this.index;
  }

  /** The prefix of the references this laptop issues; none on the laptop that founded the team. */
  async prefix(): Promise<string | undefined> {
    const row = await this.db.meta.get(PREFIX);
    const value = row ? await this.store.openMeta<string>(PREFIX, row.value).catch(() => undefined) : undefined;
    return typeof value === 'string' && PREFIX_PATTERN.test(value) ? value : undefined;
  }

  async setPrefix(prefix: string): Promise<void> {
    if (!PREFIX_PATTERN.test(prefix)) throw new RangeError('prefix');
    await this.db.meta.put(await this.store.sealedMeta(PREFIX, prefix));
  }

  /** The last serial issued per year (for ATH-<year>-<serial>). */
  async counters(): Promise<Record<string, number>> {
    const row = await this.db.meta.get(COUNTERS);
    return row ? this.store.openMeta<Record<string, number>>(COUNTERS, row.value) : {};
  }

  /**
   * A case as an arrival just wrote it (keys `table/id`), with its subject from the same arrival or the store: the
   * summary is made from it, not read and decrypted again.
   */
  private async fromArrival(
    id: string,
    arrived?: ReadonlyMap<string, unknown>,
  ): Promise<{ record: Case; subject: Person } | null> {
    const record = RECORD_SCHEMAS.cases.safeParse(arrived?.get(`cases/${id}`));
    if (!record.success) return null;
    const subject = RECORD_SCHEMAS.persons.safeParse(arrived?.get(`persons/${record.data.subjectId}`));
    const found = subject.success ? subject.data : await this.store.get('persons', record.data.subjectId);
    return found ? { record: record.data as Case, subject: found as Person } : null;
  }

  async load(id: string): Promise<{ record: Case; subject: Person } | null> {
    const record = await this.store.get('cases', id);
    if (!record) return null;
    const subject = await this.store.get('persons', record.subjectId);
    if (!subject) return null;
    return { record, subject };
  }

  /**
   * Every case of the list: those this member may read in full, and for each restricted or strict case they
   * are not assigned to, only its reference, marked withheld.
   */
  async summaries(): Promise<CaseSummary[]> {
    const index = await this.loadIndex();
    const readable = [...index.pages.values()].flatMap((p) => [...p.values()]);
    const known = new Set(readable.map((s) => s.id));
    const withheld: CaseSummary[] = this.store
      .compartments()
      .filter((c) => !known.has(c.caseId) && !this.store.holds(c))
      .map((c) => ({
        id: c.caseId,
        reference: c.reference,
        nameAr: '',
        nameLatin: '',
        kind: 'arbitrary-detention',
        status: 'open',
        priority: 'normal',
        assignee: '',
        tags: [],
        updatedAt: c.updatedAt,
        confidentiality: c.level,
        withheld: true,
      }));
    return [...readable, ...withheld];
  }

  async places(): Promise<Place[]> {
    return this.store.all('places');
  }

  /** Seeds the gazetteer once, on a new vault. */
  async seedGazetteer(): Promise<number> {
    if ((await this.store.count('places')) > 0) return 0;
    const places = seedPlaces();
    await this.store.commit(places.map((p) => ({ table: 'places' as const, put: p })));
    return places.length;
  }
}
