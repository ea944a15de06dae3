import { z } from 'zod';
import { openJson, sealJson, type AeadKey, type Envelope } from '@shared/crypto/envelope';
import { auditEntrySchema, type AuditEntry } from '@shared/domain/records';
import type { DeviceChain } from '@shared/sync/verify-incoming';
import type { AtharDb, SyncConflictRow, SyncEntryRow, SyncHeldRow } from './schema';
import { randomBytes } from './webcrypto-key';
import { withStorageErrors } from './vault-errors';

/**
 * What this device holds of the other devices' chains: every entry it applied from them, each with the position
 * of this device's own chain it was applied after (`after`), so the records check can tell which write of a
 * record came last, here. Sealed with the data key, like the device's own chain. Entries are never applied into
 * this device's own chain: it records what its own members did, and the other chains stay verifiable by their
 * own signatures.
 */
export interface AppliedEntry {
  device: string;
  entry: AuditEntry;
  /** This device's own chain's newest entry when the commit was applied (-1: before any). */
  after: number;
  /** How many remote entries had been applied here before this one, of every device: the order they came in. */
  order: number;
  /** Its record's version was set aside as a conflict, not stored: the records check does not expect it. */
  aside?: true;
}

const headSchema = z.object({
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  member: z.string().max(100).optional(),
});
export type ChainHead = z.infer<typeof headSchema>;

/** Why a held document waits (shown beside the Quarantine list). */
export const waitReasonSchema = z.enum(['earlier-commit', 'unknown-member', 'not-permitted']);
export type HeldWhy = z.infer<typeof waitReasonSchema>;
const heldSchema = z.object({
  held: z.literal(1),
  doc: z.unknown(),
  why: waitReasonSchema,
  device: z.string().max(100).optional(),
  seq: z.number().int().nonnegative().optional(),
  member: z.string().max(100).optional(),
  at: z.string().max(40).optional(),
});
export type Held = {
  id: string;
  doc: unknown;
  why: HeldWhy;
  device?: string;
  seq?: number;
  member?: string;
  at?: string;
};

/** The founding copy's unsigned history held until its founder's first signed commit continues it. */
const provisionalSchema = z.object({
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  hashes: z.array(z.tuple([z.number().int().nonnegative(), z.string().regex(/^[0-9a-f]{64}$/)])),
  ids: z.array(z.string().max(100)),
});
export type Provisional = z.infer<typeof provisionalSchema>;
const PROVISIONAL = 'provisional/';
const appliedSchema = z.object({
  entry: auditEntrySchema,
  after: z.number().int().min(-1),
  order: z.number().int().nonnegative(),
  aside: z.literal(true).optional(),
});

/** A document that was not applied, and why (what the Quarantine list shows). */
export const quarantinedSchema = z.object({
  id: z.string().max(100),
  reason: z.enum([
    'broken-chain',
    'replayed',
    'unsigned',
    'unknown-member',
    'revoked-member',
    'bad-signature',
    'not-permitted',
    'row-mismatch',
    'foreign-signer',
    'malformed',
    'too-large',
    'unreadable',
  ]),
  at: z.string(),
  device: z.string().max(100).optional(),
  seq: z.number().int().nonnegative().optional(),
  member: z.string().max(100).optional(),
});
export type Quarantined = z.infer<typeof quarantinedSchema>;

/**
 * One version of a record that another laptop made apart from the one held here. A deletion is a version too:
 * its `digest` is then the hash of the entry that deleted, and it has no row.
 */
export const conflictVersionSchema = z.object({
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  /** The version it was made from. */
  base: z.string().regex(/^[0-9a-f]{64}$/),
  deleted: z.literal(true).optional(),
  device: z.string().max(100),
  seq: z.number().int().nonnegative(),
  member: z.string().max(100).optional(),
  at: z.string(),
});
export type ConflictVersion = z.infer<typeof conflictVersionSchema>;
const conflictSchema = z.object({
  table: z.string().max(50),
  recordId: z.string().max(200),
  versions: z.array(conflictVersionSchema).max(50),
});

/** A record with versions to choose from: the one held here (in its table) and the others, as they came. */
export interface Conflict {
  table: string;
  recordId: string;
  versions: Array<ConflictVersion & { row?: { enc: Envelope; k?: string } }>;
}

/** What a deletion here, by this laptop or applied from another, deleted: the version, and the entry that did it. */
const tombstoneSchema = z.object({
  table: z.string().max(50),
  recordId: z.string().max(200),
  /** The entry's hash: what names this deletion among a conflict's versions. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The digest of the version deleted (absent where the entry that deleted did not say). */
  base: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  device: z.string().max(100),
  seq: z.number().int().nonnegative(),
  member: z.string().max(100).optional(),
  at: z.string().max(40),
});
export type Tombstone = z.infer<typeof tombstoneSchema>;

export async function sealTombstone(key: AeadKey, t: Tombstone): Promise<SyncHeldRow> {
  const id = `${t.table}/${t.recordId}`;
  return { id, enc: await sealJson(key, randomBytes, 'syncTombstones', id, t) };
}

/** The tombstone a delete entry leaves, where it deleted one of the records (not an event). */
export function tombstoneOf(device: string, e: AuditEntry): Tombstone {
  return {
    table: e.table,
    recordId: e.recordId,
    hash: e.hash,
    ...(e.base ? { base: e.base } : {}),
    device,
    seq: e.seq,
    ...(e.by ? { member: e.by } : {}),
    at: e.at,
  };
}

export async function sealConflict(key: AeadKey, c: Conflict): Promise<SyncConflictRow> {
  const id = `${c.table}/${c.recordId}`;
  return {
    id,
    enc: await sealJson(key, randomBytes, 'syncConflicts', id, {
      table: c.table,
      recordId: c.recordId,
      versions: c.versions.map(({ row: _row, ...v }) => v),
    }),
    rows: c.versions.flatMap((v) =>
      v.row ? [{ digest: v.digest, enc: v.row.enc, ...(v.row.k ? { k: v.row.k } : {}) }] : [],
    ),
  };
}

const entryId = (device: string, seq: number): string => `${device}/${seq}`;
const ORDER_META_ID = 'sync-order';
const orderSchema = z.object({ next: z.number().int().nonnegative() });

export async function sealChainHead(
  key: AeadKey,
  device: string,
  head: ChainHead,
): Promise<{ device: string; enc: Awaited<ReturnType<typeof sealJson>> }> {
  return { device, enc: await sealJson(key, randomBytes, 'syncChains', device, head) };
}

export async function sealAppliedEntry(key: AeadKey, a: AppliedEntry): Promise<SyncEntryRow> {
  return {
    device: a.device,
    seq: a.entry.seq,
    enc: await sealJson(key, randomBytes, 'syncEntries', entryId(a.device, a.entry.seq), {
      entry: a.entry,
      after: a.after,
      order: a.order,
      ...(a.aside ? { aside: true } : {}),
    }),
  };
}

export class RemoteChains {
  constructor(
    private readonly db: AtharDb,
    private readonly key: AeadKey,
  ) {}

  /** The newest entry applied of a device's chain; null if none (or the row does not open: it was altered). */
  async head(device: string): Promise<ChainHead | null> {
    const row = await this.db.syncChains.get(device);
    if (!row) return null;
    return headSchema.parse(await openJson(this.key, 'syncChains', device, row.enc));
  }

  /** That device's chain as verify-incoming reads it, with what this batch has accepted before it laid over. */
  async chain(
    device: string,
    overlay?: { seq: number; hash: string; hashes: Map<number, string>; member?: string },
  ): Promise<DeviceChain> {
    const head = overlay ?? (await this.head(device));
    return {
      head: head && head.seq >= 0 ? { seq: head.seq, hash: head.hash } : null,
      ...(head?.member !== undefined ? { member: head.member } : {}),
      hashAt: async (seq) => {
        const laid = overlay?.hashes.get(seq);
        if (laid) return laid;
        const row = await this.db.syncEntries.get([device, seq]);
        if (!row) return null;
        return (await this.open(row).catch(() => null))?.entry.hash ?? null;
      },
    };
  }

  /** Every applied entry of every device, in the order they were applied here; `unreadable` counts rows that did not open. */
  async all(): Promise<{ applied: AppliedEntry[]; unreadable: number }> {
    const rows = await this.db.syncEntries.toArray();
    const opened = await Promise.all(rows.map((r) => this.open(r).catch(() => null)));
    const applied = opened.filter((a) => a !== null).sort((a, b) => a.order - b.order);
    return { applied, unreadable: opened.length - applied.length };
  }

  /**
   * How many remote entries have been applied here: the next one's `order`. Kept in a row written with the
   * entries, so an arrival does not count them all (a count reads every row: it grew with the vault). A vault
   * from before the row counts once.
   */
  async nextOrder(): Promise<number> {
    const row = await this.db.meta.get(ORDER_META_ID);
    const kept = row
      ? orderSchema.safeParse(await openJson(this.key, 'meta', ORDER_META_ID, row.value as Envelope).catch(() => null))
      : null;
    return kept?.success ? kept.data.next : this.db.syncEntries.count();
  }

  /** The row that keeps `nextOrder`, to be written in the transaction that applies the entries before it. */
  async orderRow(next: number): Promise<{ id: string; value: Envelope }> {
    return { id: ORDER_META_ID, value: await sealJson(this.key, randomBytes, 'meta', ORDER_META_ID, { next }) };
  }

  async devices(): Promise<string[]> {
    return (await this.db.syncChains.toCollection().primaryKeys()) as string[];
  }

  /** Every record with versions to choose from; one whose row does not open (altered) is left out. */
  async conflicts(): Promise<Conflict[]> {
    const rows = await this.db.syncConflicts.toArray();
    const out: Conflict[] = [];
    for (const r of rows) {
      const c = await this.openConflict(r).catch(() => null);
      if (c) out.push(c);
    }
    return out;
  }

  async conflictsOf(ids: readonly string[]): Promise<Map<string, Conflict>> {
    const rows = await this.db.syncConflicts.bulkGet([...ids]);
    const out = new Map<string, Conflict>();
    for (const r of rows) {
      const c = r ? await this.openConflict(r).catch(() => null) : null;
      if (c) out.set(r!.id, c);
    }
    return out;
  }

  private async openConflict(r: SyncConflictRow): Promise<Conflict> {
    const v = conflictSchema.parse(await openJson(this.key, 'syncConflicts', r.id, r.enc));
    if (`${v.table}/${v.recordId}` !== r.id) throw new Error('misplaced');
    return {
      table: v.table,
      recordId: v.recordId,
      versions: v.versions.map((x) => {
        if (x.deleted) return x;
        const row = r.rows.find((y) => y.digest === x.digest);
        if (!row) throw new Error('missing version');
        return { ...x, row: { enc: row.enc, ...(row.k ? { k: row.k } : {}) } };
      }),
    };
  }

  /** What was deleted here of these records (keys `table/id`); a row that does not open is left out. */
  async tombstonesOf(ids: readonly string[]): Promise<Map<string, Tombstone>> {
    const rows = await this.db.syncTombstones.bulkGet([...ids]);
    const out = new Map<string, Tombstone>();
    await Promise.all(
      rows.map(async (r) => {
        if (!r) return;
        const t = tombstoneSchema.safeParse(await openJson(this.key, 'syncTombstones', r.id, r.enc).catch(() => null));
        if (t.success && `${t.data.table}/${t.data.recordId}` === r.id) out.set(r.id, t.data);
      }),
    );
    return out;
  }

  /** Which records have a tombstone here (keys `table/id`): few, and read once per session. */
  async tombstoneIds(): Promise<Set<string>> {
    return new Set((await this.db.syncTombstones.toCollection().primaryKeys()) as string[]);
  }

  /** Keeps a document that waits (for an earlier commit of its device, or a member's record), as the server gave it. */
  async hold(
    id: string,
    doc: unknown,
    why: HeldWhy = 'earlier-commit',
    more: { device?: string; seq?: number; member?: string; at?: string } = {},
  ): Promise<void> {
    const enc = await sealJson(this.key, randomBytes, 'syncWaiting', id, { held: 1, doc, why, ...more });
    await withStorageErrors(() => this.db.syncWaiting.put({ id, enc }));
  }

  /** The founding copy's unsigned history kept so far, if any. */
  async provisional(device: string): Promise<Provisional | null> {
    const row = await this.db.syncWaiting.get(PROVISIONAL + device);
    if (!row) return null;
    const v = provisionalSchema.safeParse(await openJson(this.key, 'syncWaiting', row.id, row.enc).catch(() => null));
    return v.success ? v.data : null;
  }

  /** Adds documents to the kept unsigned history, with where it now ends, in one transaction. */
  async keepProvisional(device: string, state: Provisional, docs: ReadonlyArray<{ id: string; doc: unknown }>) {
    const rows = await Promise.all([
      ...docs.map(async (d) => ({
        id: PROVISIONAL + d.id,
        enc: await sealJson(this.key, randomBytes, 'syncWaiting', PROVISIONAL + d.id, d.doc),
      })),
      (async () => ({
        id: PROVISIONAL + device,
        enc: await sealJson(this.key, randomBytes, 'syncWaiting', PROVISIONAL + device, state),
      }))(),
    ]);
    await withStorageErrors(() => this.db.syncWaiting.bulkPut(rows));
  }

  /** The kept unsigned history's documents, in order (one that no longer opens is left out: it was altered). */
  async provisionalDocs(ids: readonly string[]): Promise<Array<{ id: string; doc: unknown }>> {
    const rows = await this.db.syncWaiting.bulkGet(ids.map((id) => PROVISIONAL + id));
    const out: Array<{ id: string; doc: unknown }> = [];
    for (const [i, r] of rows.entries()) {
      const doc = r ? await openJson(this.key, 'syncWaiting', r.id, r.enc).catch(() => undefined) : undefined;
      if (doc !== undefined) out.push({ id: ids[i]!, doc });
    }
    return out;
  }

  async dropProvisional(device: string, ids: readonly string[]): Promise<void> {
    await withStorageErrors(() =>
      this.db.syncWaiting.bulkDelete([PROVISIONAL + device, ...ids.map((id) => PROVISIONAL + id)]),
    );
  }

  async release(ids: readonly string[]): Promise<void> {
    if (ids.length) await withStorageErrors(() => this.db.syncWaiting.bulkDelete([...ids]));
  }

  /**
   * The documents that wait, with their ids and why, each device's in the order of its chain (one that no longer
   * opens is dropped: the server still has it).
   */
  async waiting(): Promise<Held[]> {
    const rows = (await this.db.syncWaiting.toArray()).filter((r) => !r.id.startsWith(PROVISIONAL));
    const out: Held[] = [];
    for (const r of rows) {
      const v = heldSchema.safeParse(await openJson(this.key, 'syncWaiting', r.id, r.enc).catch(() => undefined));
      if (v.success)
        out.push({
          id: r.id,
          doc: v.data.doc,
          why: v.data.why,
          ...(v.data.device ? { device: v.data.device } : {}),
          ...(v.data.seq !== undefined ? { seq: v.data.seq } : {}),
          ...(v.data.member ? { member: v.data.member } : {}),
          ...(v.data.at ? { at: v.data.at } : {}),
        });
    }
    return out.sort((a, b) => (a.device ?? '').localeCompare(b.device ?? '') || (a.seq ?? 0) - (b.seq ?? 0));
  }

  /** Records why a document was not applied; it is never applied afterwards. */
  async quarantine(q: Quarantined): Promise<void> {
    const enc = await sealJson(this.key, randomBytes, 'syncQuarantine', q.id, q);
    await withStorageErrors(() =>
      this.db.transaction('rw', this.db.syncQuarantine, this.db.syncWaiting, async () => {
        await this.db.syncQuarantine.put({ id: q.id, enc });
        await this.db.syncWaiting.delete(q.id);
      }),
    );
  }

  async quarantined(): Promise<Quarantined[]> {
    const rows = await this.db.syncQuarantine.toArray();
    const out: Quarantined[] = [];
    for (const r of rows) {
      const q = quarantinedSchema.safeParse(await openJson(this.key, 'syncQuarantine', r.id, r.enc).catch(() => null));
      if (q.success && q.data.id === r.id) out.push(q.data);
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }

  /** Takes documents off the list, to be judged again (they no longer opened; a new team key may open them). */
  async unquarantine(ids: readonly string[]): Promise<void> {
    if (ids.length) await withStorageErrors(() => this.db.syncQuarantine.bulkDelete([...ids]));
  }

  async isQuarantined(id: string): Promise<boolean> {
    return (await this.db.syncQuarantine.get(id)) !== undefined;
  }

  private async open(row: SyncEntryRow): Promise<AppliedEntry> {
    const v = appliedSchema.parse(await openJson(this.key, 'syncEntries', entryId(row.device, row.seq), row.enc));
    if (v.entry.seq !== row.seq) throw new Error('misplaced');
    return {
      device: row.device,
      entry: v.entry,
      after: v.after,
      order: v.order,
      ...(v.aside ? { aside: true as const } : {}),
    };
  }
}
