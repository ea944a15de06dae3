import type { RecordOf, RecordTable } from '@shared/domain/records';
import type { RecordStore } from './record-store';

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
  ) {}

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
    const map = await this.load();
    await this.store.commit([{ table: this.table, put: record as { id: string } & Record<string, unknown> }]);
    // Re-read the committed version: the schema fills defaults and strips unknown fields.
    const stored = (await this.store.get(this.table, record.id)) ?? record;
    map.set(record.id, stored);
    this.changed();
    return stored;
  }

  async remove(id: string): Promise<void> {
    const map = await this.load();
    await this.store.commit([{ table: this.table, delete: id }]);
    map.delete(id);
    this.changed();
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
    this.loading ??= this.store.all(this.table).then((rows) => {
      this.cache = new Map(rows.map((r) => [r.id, r]));
      return this.cache;
    });
    return this.loading;
  }
}
