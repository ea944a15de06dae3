import type { RecordOf, RecordTable } from '@shared/domain/records';
import type { Committed, RecordStore } from './record-store';

type Listener = () => void;

/**
 * One record table, decrypted once per session and kept in memory (the key
 * and these caches go when the vault locks). Writes go through the record
 * store, so they are validated, encrypted and audited; the cache changes only
 * after the write has committed.
 */
export class Collection<T extends RecordTable> {
  private cache: Map<string, RecordOf<T>> | null = null;
  private loading: Promise<Map<string, RecordOf<T>>> | null = null;
  private readonly listeners = new Set<Listener>();
  private version = 0;

  constructor(
    private readonly store: RecordStore,
    readonly table: T,
  ) {
    // Every commit through the store (one record, several tables at once, a case with its subject) reaches the cache.
    store.onCommit((changes) => this.apply(changes));
  }

  private apply(changes: readonly Committed[]): void {
    const mine = changes.filter((c) => c.table === this.table);
    if (!mine.length) return;
    if (this.cache) {
      for (const c of mine) {
        if ('put' in c) this.cache.set(c.put.id, c.put as RecordOf<T>);
        else this.cache.delete(c.delete);
      }
    } else {
      // A read under way may predate this commit: the next read starts again.
      this.loading = null;
    }
    this.changed();
  }

  async all(): Promise<Array<RecordOf<T>>> {
    return [...(await this.load()).values()];
  }

  async get(id: string): Promise<RecordOf<T> | undefined> {
    return (await this.load()).get(id);
  }

  async where(pred: (r: RecordOf<T>) => boolean): Promise<Array<RecordOf<T>>> {
    return (await this.all()).filter(pred);
  }

  async put(record: RecordOf<T>): Promise<RecordOf<T>> {
    await this.store.commit([{ table: this.table, put: record as { id: string } & Record<string, unknown> }]);
    // The committed version, as the schema stored it (defaults filled, unknown fields stripped).
    return (await this.load()).get(record.id) ?? record;
  }

  async remove(id: string): Promise<void> {
    await this.store.commit([{ table: this.table, delete: id }]);
  }

  /** Forget the cache after records of this table were written elsewhere (the case repository writes subjects). */
  invalidate(): void {
    this.cache = null;
    this.loading = null;
    this.changed();
  }

  /** For useSyncExternalStore-style subscriptions in screens. */
  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  }

  getVersion(): number {
    return this.version;
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private load(): Promise<Map<string, RecordOf<T>>> {
    if (this.cache) return Promise.resolve(this.cache);
    if (this.loading) return this.loading;
    const reading: Promise<Map<string, RecordOf<T>>> = this.store.all(this.table).then((rows) => {
      const map = new Map(rows.map((r) => [r.id, r]));
      // A commit (or an invalidate) while this read ran replaced it: its rows may be older, so they are not kept.
      if (this.loading !== reading) return this.load();
      this.cache = map;
      return map;
    });
    this.loading = reading;
    return reading;
  }
}
