import type { Table } from 'dexie';
import { verifyOtherChains, type OtherChainsVerdict } from '@shared/sync/verify-other-chains';
import { designationIdHolds } from '@shared/sanctions/designation-id';
import { Cancelled } from '@shared/cancelled';
import { openJson, sealJson, DecryptionError, type AeadKey, type Envelope } from '@shared/crypto/envelope';
import {
  auditHash,
  clockBackwards,
  nextAuditEntry,
  recordDigest,
  verifyAuditChain,
  type ChainVerdict,
} from '@shared/crypto/audit-chain';
import {
  checkHead,
  checkRecordsAgainstChain,
  type HeadMark,
  type HeadProblem,
  type RecordsVerdict,
} from '@shared/crypto/integrity';
import {
  auditEntrySchema,
  changedFields,
  memberGrantSchema,
  RECORD_SCHEMAS,
  type AuditEntry,
  type Compartment,
  type Member,
  type RecordOf,
  type Review,
  type RecordTable,
} from '@shared/domain/records';
import {
  commitMessage,
  isRestoreEntry,
  verifySignatures,
  type SignatureCheck,
  type SignaturesVerdict,
} from '@shared/crypto/signatures';
import { actRefusal, leavesAnAdministrator, loggedAct, writeRefusal } from '@shared/domain/permissions';
import { reviewRefusal } from '@shared/domain/reviews';
import { custodyMessage, type SignableCustody } from '@shared/crypto/custody-signatures';
import { ed25519 } from './member-keys';
import {
  loadTeamKeyRing,
  newestTeamKey,
  readTeamKeys,
  REKEY_ADVISED_META_ID,
  resealRow,
  sealedTeamKeys,
  teamKeyGrantPlace,
  type RawTeamKey,
  type TeamKeyRing,
} from './team-keys';
import { COMPARTMENT_TABLES, type AtharDb, type CompartmentTable, type EncryptedRow } from './schema';
import { Keyring, compartmentOfMark, markOf, openOwnGrant, wrapToHolders } from './keyring';
import { aesGcmKey, type WebAeadKey } from './webcrypto-key';
import type { ChainWorkersFactory } from './chain-workers';
import { SerialQueue } from './serial-queue';
import type { OpenedRow } from '@shared/sync/verify-incoming';
import {
  RemoteChains,
  sealAppliedEntry,
  sealChainHead,
  sealConflict,
  sealTombstone,
  tombstoneOf,
  type AppliedEntry,
  type ChainHead,
  type Conflict,
  type ConflictVersion,
  type Tombstone,
} from './remote-chains';
import { placeArrival } from './arrival-placement';
import { randomBytes, randomId } from './webcrypto-key';
import { PermissionRefused, VaultError, withStorageErrors } from './vault-errors';
import { sealInBatches } from './seal-batches';
import { HEAD_META_ID, openAnchor, openHead, sealAnchor, sealHead, type AnchorStore } from './audit-head';

export type Change =
  /** `fresh`: the record was just given a random id, so there is no stored version to read and compare (list imports skip 2 reads per row). */
  | { table: RecordTable; put: { id: string } & Record<string, unknown>; fresh?: true }
  | { table: RecordTable; delete: string };

/** Rows derived from records (summaries) that are written in the same transaction but not audited. */
export interface DerivedRow {
  table: 'caseIndex';
  id: string;
  value: unknown | null;
  /** The one case this row summarises, when it is that case's alone: a restricted case's row is sealed with it. */
  caseId?: string;
}

const RESEAL_BATCH = 200;

export interface CommitOptions {
  derived?: DerivedRow[];
  /** Plain meta rows (counters) updated in the same transaction. */
  meta?: Array<{ id: string; value: unknown }>;
  /** Encryption progress, for long imports: records sealed so far, of the total. */
  onProgress?: (done: number, total: number) => void;
  /** Cancels before anything is written; a cancelled commit writes nothing. */
  signal?: AbortSignal;
  /** `table/id` → the other laptops' versions (digests) this commit's update of it chose between. */
  resolves?: ReadonlyMap<string, string[]>;
}

/** The member a store writes as: the chain names them, and their key signs every commit. */
export interface Signer {
  id: string;
  name: string;
  sign(message: Uint8Array): Promise<string>;
  /** Their X25519 private key and public key (hex): it opens the compartment keys wrapped to them. */
  agreement?: { key: CryptoKey; publicKey: string };
}

/** A row from another device's commit, as it came, with its content where this device could open it. */
export interface ArrivingRow {
  table: RecordTable;
  id: string;
  k?: string;
  enc: Envelope;
  value?: unknown;
  /** The entry of its commit that wrote this version last: where it goes is decided from it (arrival-placement.ts). */
  entry?: AuditEntry;
}

export interface ArrivingCommit {
  device: string;
  entries: AuditEntry[];
  rows: ArrivingRow[];
}

/** A row sealed with a compartment key this member does not hold. */
export class Withheld extends Error {
  constructor(
    readonly table: string,
    readonly id: string,
  ) {
    super(`${table}/${id} is in a compartment this member does not hold`);
    this.name = 'Withheld';
  }
}

const isCompartmentTable = (t: string): t is CompartmentTable => (COMPARTMENT_TABLES as readonly string[]).includes(t);
const CASE_CONTENT = new Set(['contacts', 'testimonies', 'documents', 'events', 'reviews']);

/** Everything *Verify audit log* checks, and what it found. */
export interface IntegrityReport {
  chain: ChainVerdict;
  /** Who signed each entry, and whether they were allowed to. */
  signatures: SignaturesVerdict;
  /** Entries dated before the one preceding them. */
  clockBackwards: number[];
  records: RecordsVerdict;
  head: HeadProblem[];
  /** Records sealed in compartments this member does not hold: neither read nor checked. */
  withheld: number;
  /** The entries other laptops' chains brought, checked again (and how many of their rows did not open). */
  others: OtherChainsVerdict & { unreadable: number };
}

export interface StoreOptions {
  vaultId?: string;
  /** A copy that joined a team: its own chain's id on the sync server. */
  device?: string;
  /** Where the host keeps this vault's anchor; none in tests of other things, and during a restore. */
  anchor?: AnchorStore;
  /** Workers that share *Verify audit log* between cores (the app's); without them the chain is read here. */
  chainWorkers?: ChainWorkersFactory;
}

interface PlannedRow {
  table: RecordTable;
  id: string;
  parsed: Record<string, unknown> | null;
  isNew: boolean;
}

/** A committed change, in clear, for in-memory listeners (the search index). */
export type Committed =
  { table: RecordTable; put: Record<string, unknown> & { id: string } } | { table: RecordTable; delete: string };

/**
 * The only way records reach IndexedDB. Each commit validates the records,
 * encrypts them (AES-GCM bound to table and id), appends one audit entry per
 * change to the hash chain, and writes all of it in one transaction: a
 * failure leaves nothing half-written. docs/architecture.md ("How a record
 * is written") tells the whole path, from a form's draft to this commit.
 */
export class RecordStore {
  private readonly queue = new SerialQueue();
  private head: { seq: number; hash: string } | null = null;
  private readonly listeners = new Set<(changes: Committed[]) => void>();

  /** Called after each successful commit with what it wrote. */
  onCommit(listener: (changes: Committed[]) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** What the unlock found of the chain's head against its sealed copy and the anchor (empty when all agree). */
  headProblems: HeadProblem[] = [];
  private anchorWrites: Promise<void> = Promise.resolve();
  private closed = false;

  /** No commit is taken after this; resolves once the ones already queued, and their anchors, are written. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue.run(async () => undefined);
    await this.anchorWrites;
  }

  private refuseIfClosed(): void {
    if (this.closed) throw new VaultError('locked');
  }

  private actor: string;
  private readonly signer: Signer | null;
  private readonly key: AeadKey;
  private teamRing: Promise<TeamKeyRing> | null = null;
  /** Which records have a tombstone here (remote-chains.ts), read once and kept as commits write them. */
  private tombstoneIds: Promise<Set<string>> | null = null;
  readonly keyring: Keyring;
  /** What this device holds of the other devices' chains (sync). */
  readonly remote: RemoteChains;
  /** Every compartment, by id (their records are sealed with the data key: all members see them). */
  private compartmentsById = new Map<string, Compartment>();
  private caseCompartment = new Map<string, string>();
  /** `table/id` → `k` of every row sealed in a compartment, held or not (read from the `k` indexes). */
  private readonly placed = new Map<string, string>();

  private constructor(
    private readonly db: AtharDb,
    key: AeadKey | Keyring,
    actor: string | Signer,
    private readonly opts: StoreOptions,
  ) {
    this.keyring = key instanceof Keyring ? key : new Keyring(key);
    this.key = this.keyring.data;
    this.remote = new RemoteChains(db, this.key);
    this.actor = typeof actor === 'string' ? actor : actor.name;
    this.signer = typeof actor === 'string' ? null : actor;
  }

  /**
   * `actor` is the member whose key signs every commit (the app always opens the store so). A plain name
   * writes unsigned entries that no permission is checked for: tests of other things, and benchmark baselines.
   */
  static async open(
    db: AtharDb,
    key: AeadKey | Keyring,
    actor: string | Signer,
    opts: StoreOptions = {},
  ): Promise<RecordStore> {
    const store = new RecordStore(db, key, actor, opts);
    await store.readHead();
    await store.loadCompartments();
    store.headProblems = await store.checkHeads();
    if (store.headProblems.length) {
      // The chain itself keeps what was found, whatever happens to the anchor afterwards (a full disk must not
      // keep the vault shut: the banner still shows, and the next unlock finds the same).
      await store
        .logEvent({
          action: 'vault',
          table: 'vault',
          recordId: 'integrity',
          caseId: null,
          fields: store.headProblems.map(
            (p) =>
              `integrity:${p.kind}${'expected' in p ? `:${p.expected}:${p.found}` : 'seq' in p ? `:${p.seq}` : ''}`,
          ),
        })
        .catch(() => undefined);
    } else if (store.head) {
      // A vault from before sealed heads and anchors, or one whose anchor was lost: record where it stands now.
      // Never a reason not to open: a full disk or an unreachable host shows again at the next unlock.
      const [sealedRow, anchored] = await Promise.all([
        db.meta.get(HEAD_META_ID).catch(() => null),
        opts.anchor?.load().catch(() => null),
      ]);
      if (sealedRow === undefined)
        await db.meta.put({ id: HEAD_META_ID, value: await sealHead(store.key, store.head) }).catch(() => undefined);
      if (opts.anchor && !anchored) store.saveAnchor(store.head);
    }
    return store;
  }

  private async readHead(): Promise<void> {
    const last = await this.db.audit.orderBy('seq').last();
    if (!last) return;
    try {
      const e = auditEntrySchema.parse(await openJson(this.key, 'audit', last.seq, last.enc));
      this.head = { seq: e.seq, hash: e.hash };
    } catch {
      // A damaged newest entry: keep appending after it; "verify audit log" will name it.
      this.head = { seq: last.seq, hash: '0'.repeat(64) };
    }
  }

  /** Another connection to the same vault (a second window) may have appended: continue after its entries. */
  private async followHead(): Promise<void> {
    const [newest] = (await this.db.audit.orderBy('seq').reverse().limit(1).primaryKeys()) as number[];
    // Forward only: a chain that became shorter while open is what the head checks report, never written over.
    if (newest !== undefined && newest > (this.head?.seq ?? -1)) await this.readHead();
  }

  /** The chain's newest entry against the sealed head and the anchor. */
  private async checkHeads(): Promise<HeadProblem[]> {
    const out: HeadProblem[] = [];
    const hashAt = async (seq: number): Promise<string | null> =>
      seq === this.head?.seq ? this.head.hash : ((await this.auditRange(seq, seq + 1))[0]?.hash ?? null);
    const judge = async (mark: HeadMark | null, kind: 'truncated' | 'rolled-back'): Promise<void> => {
      if (!mark) out.push({ kind: 'head-unreadable' });
      else {
        const p = checkHead(mark, this.head, await hashAt(mark.seq), kind);
        if (p) out.push(p);
      }
    };
    const sealedRow = await this.db.meta.get(HEAD_META_ID);
    if (sealedRow) await judge(await openHead(this.key, sealedRow.value), 'truncated');
    const anchored = this.opts.anchor && this.opts.vaultId ? await this.opts.anchor.load().catch(() => null) : null;
    if (anchored) await judge(await openAnchor(this.key, this.opts.vaultId!, anchored), 'rolled-back');
    const signature = await this.checkHeadSignature();
    if (signature) out.push(signature);
    // Both name the same loss when only the newest entries went: say it once.
    return out.filter((p, i) => !(p.kind === 'rolled-back' && out.some((q, j) => j < i && q.kind === 'truncated')));
  }

  /**
   * The newest commit's signature, checked at every unlock against the keys the members table holds for its
   * member (a whole-chain check is *Verify audit log*): an entry or signature edited on disk is named at once.
   */
  private async checkHeadSignature(): Promise<HeadProblem | null> {
    if (!this.head) return null;
    const last = (await this.auditRange(this.head.seq, this.head.seq + 1))[0];
    if (!last) return null;
    // An entry edited on disk that kept its stored hash.
    if (auditHash(last.prevHash, last) !== last.hash) return { kind: 'head-signature', seq: last.seq };
    if (!last.by) {
      // Once a vault has members, every entry the app writes is signed, but for a restore's own.
      const unsigned = this.signer !== null && !isRestoreEntry(last) && (await this.count('members')) > 0;
      return unsigned ? { kind: 'head-signature', seq: last.seq } : null;
    }
    const member = await this.get('members', last.by).catch(() => undefined);
    const from = last.sig?.from;
    let ok = false;
    // The signature is over the commit's first sequence number and its last entry's hash, which links back to
    // every entry of the commit (the links themselves are what *Verify audit log* walks).
    if (last.sig && member && from !== undefined && from <= last.seq)
      for (const key of [member.signingKey, ...member.formerSigningKeys])
        if (await ed25519.verify(key, last.sig.value, commitMessage(from, last))) ok = true;
    return ok ? null : { kind: 'head-signature', seq: last.seq };
  }

  private saveAnchor(head: HeadMark): void {
    const { anchor, vaultId } = this.opts;
    if (!anchor || !vaultId) return;
    // In order, and never failing a commit: a lost anchor write is found (and rewritten) at the next unlock.
    this.anchorWrites = this.anchorWrites
      .then(async () => anchor.save(head.seq, await sealAnchor(this.key, vaultId, head)))
      .catch(() => undefined);
  }

  /** Resolves when every anchor write so far has been handed to the host (tests; lock). */
  anchored(): Promise<void> {
    return this.anchorWrites;
  }

  /** A plain meta row's value sealed with the data key, bound to its id (the reference counters). */
  async sealedMeta(id: string, value: unknown): Promise<{ id: string; value: unknown }> {
    return { id, value: await sealJson(this.key, randomBytes, 'meta', id, value) };
  }

  /** A meta row's value opened; a value stored in clear by an older version is returned as it is. */
  async openMeta<T>(id: string, value: unknown): Promise<T> {
    const sealed = value && typeof value === 'object' && 'ct' in value && 'iv' in value;
    return sealed ? openJson<T>(this.key, 'meta', id, value as never) : (value as T);
  }

  /** Who the audit chain names for each change. */
  get actorName(): string {
    return this.actor;
  }

  setActor(actor: string): void {
    this.actor = actor;
  }

  /** The record, or undefined when there is none or it is withheld from this member (see `withheld`). */
  async get<T extends RecordTable>(table: T, id: string): Promise<RecordOf<T> | undefined> {
    const row = await this.table(table).get(id);
    return row && this.readable(row) ? this.decryptRow(table, row) : undefined;
  }

  async getMany<T extends RecordTable>(table: T, ids: string[]): Promise<Array<RecordOf<T> | undefined>> {
    const rows = await this.table(table).bulkGet(ids);
    return Promise.all(rows.map((r) => (r && this.readable(r) ? this.decryptRow(table, r) : undefined)));
  }

  /** Every record of the table this member may read; rows in compartments they do not hold are left out. */
  async all<T extends RecordTable>(table: T): Promise<Array<RecordOf<T>>> {
    const rows = (await this.table(table).toArray()).filter((r) => this.readable(r));
    return Promise.all(rows.map((r) => this.decryptRow(table, r)));
  }

  /** Whether a stored record exists that this member may not read (a restricted or strict case's). */
  withheld(table: RecordTable, id: string): boolean {
    const k = this.placed.get(`${table}/${id}`);
    return k !== undefined && !this.keyring.holds(k);
  }

  /** How many rows of a table are sealed in compartments this member does not hold. */
  withheldCount(table: RecordTable | 'caseIndex'): number {
    let n = 0;
    for (const [where, k] of this.placed) if (where.startsWith(`${table}/`) && !this.keyring.holds(k)) n++;
    return n;
  }

  private readable(row: EncryptedRow): boolean {
    return row.k === undefined || this.keyring.holds(row.k);
  }

  /** Every compartment (restricted or strict case) of the vault, whether or not this member holds its key. */
  compartments(): Compartment[] {
    return [...this.compartmentsById.values()];
  }

  compartmentOfCase(caseId: string): Compartment | undefined {
    const id = this.caseCompartment.get(caseId);
    return id ? this.compartmentsById.get(id) : undefined;
  }

  /** Whether this member holds the current key of a compartment. */
  holds(c: Compartment): boolean {
    return this.keyring.holds(markOf(c.id, c.generation));
  }

  /** The rows sealed in a compartment, by table, whatever their generation. */
  rowsOf(compartmentId: string): Map<CompartmentTable, Array<{ id: string; k: string }>> {
    const out = new Map<CompartmentTable, Array<{ id: string; k: string }>>();
    for (const [where, k] of this.placed) {
      if (compartmentOfMark(k) !== compartmentId) continue;
      const slash = where.indexOf('/');
      const table = where.slice(0, slash) as CompartmentTable;
      let list = out.get(table);
      if (!list) out.set(table, (list = []));
      list.push({ id: where.slice(slash + 1), k });
    }
    return out;
  }

  /**
   * Reads every compartment and opens the keys wrapped to this member (current generation, and the previous one
   * while a rotation re-seals), then where each compartment's rows are, from the `k` indexes.
   */
  async loadCompartments(): Promise<void> {
    const rows = await this.db.compartments.toArray();
    const list = await Promise.all(rows.map((r) => this.decryptRow('compartments', r).catch(() => null)));
    this.setCompartments(list.filter((c) => c !== null));
    await Promise.all(list.map((c) => (c ? this.openCompartmentKeys(c) : undefined)));
    this.placed.clear();
    for (const table of COMPARTMENT_TABLES) {
      const t = this.db.table(table);
      const [ks, ids] = await Promise.all([t.orderBy('k').keys(), t.orderBy('k').primaryKeys()]);
      ks.forEach((k, i) => this.placed.set(`${table}/${String(ids[i])}`, String(k)));
    }
  }

  private setCompartments(list: Compartment[]): void {
    this.compartmentsById = new Map(list.map((c) => [c.id, c]));
    this.caseCompartment = new Map(list.map((c) => [c.caseId, c.id]));
  }

  private async openCompartmentKeys(c: Compartment): Promise<void> {
    const agreement = this.signer?.agreement;
    const vaultId = this.opts.vaultId;
    if (!agreement || !vaultId) return;
    const self = { id: this.signer!.id, agreement: agreement.key, agreementKey: agreement.publicKey };
    const generations = [{ generation: c.generation, grants: c.grants }, ...(c.previous ? [c.previous] : [])];
    if (!c.grants.some((g) => g.member === self.id)) {
      this.keyring.drop(c.id);
      return;
    }
    for (const g of generations) {
      const mark = markOf(c.id, g.generation);
      if (this.keyring.holds(mark)) continue;
      const raw = await openOwnGrant(g.grants, self, { vaultId, compartmentId: c.id, generation: g.generation });
      if (!raw) continue;
      this.keyring.hold(mark, await aesGcmKey(raw));
      raw.fill(0);
    }
  }

  /** Every id in a table, without decrypting anything: whole-vault work (a backup) reads the records a page at a time. */
  async ids(table: RecordTable): Promise<string[]> {
    return (await this.table(table).toCollection().primaryKeys()) as string[];
  }

  /** How many entries the audit chain has (sequence numbers run from 0). */
  async auditLength(): Promise<number> {
    const last = await this.db.audit.orderBy('seq').last();
    return last ? last.seq + 1 : 0;
  }

  /** Rows exactly as stored, still sealed (what the sync server is sent); absent where a row no longer exists. */
  async sealedRows(refs: ReadonlyArray<{ table: RecordTable; id: string }>): Promise<Array<EncryptedRow | undefined>> {
    // One read per table, not per row: a commit of an import holds thousands.
    const out = new Array<EncryptedRow | undefined>(refs.length);
    const byTable = new Map<RecordTable, number[]>();
    refs.forEach((r, i) => {
      let at = byTable.get(r.table);
      if (!at) byTable.set(r.table, (at = []));
      at.push(i);
    });
    for (const [table, at] of byTable) {
      const rows = await this.table(table).bulkGet(at.map((i) => refs[i]!.id));
      rows.forEach((row, k) => (out[at[k]!] = row));
    }
    return out;
  }

  /** The signing key this copy's founder arrived with (the first member to sign their own record), if it founded. */
  async founderKey(): Promise<string | undefined> {
    const PAGE = 2000;
    for (let from = 0; from <= this.headSeq; from += PAGE)
      for (const e of await this.auditRange(from, from + PAGE))
        if (e?.member && e.by === e.recordId && e.table === 'members' && e.sig) return e.member.signingKey;
    return undefined;
  }

  /** The newest entry's sequence number (-1 for an empty chain). */
  get headSeq(): number {
    return this.head?.seq ?? -1;
  }

  /** The vault's id (a team's copies share it). */
  get vaultId(): string | undefined {
    return this.opts.vaultId;
  }

  /** On the sync server, the device whose chain this is: a copy that joined a team has its own id. */
  get deviceId(): string | undefined {
    return this.opts.device ?? this.opts.vaultId;
  }

  async count(table: RecordTable): Promise<number> {
    return this.table(table).count();
  }

  /** The derived rows this member may read (a withheld case's summary is left out). */
  async derived<V>(table: 'caseIndex'): Promise<Array<{ id: string; value: V }>> {
    const rows = (await this.db[table].toArray()).filter((r) => this.readable(r));
    return Promise.all(
      rows.map(async (r) => ({ id: r.id, value: await openJson<V>(this.keyring.keyFor(r.k)!, table, r.id, r.enc) })),
    );
  }

  async commit(changes: Change[], opts: CommitOptions = {}): Promise<void> {
    this.refuseIfClosed();
    return this.queue.run(async () => {
      await this.followHead();
      const now = new Date().toISOString();
      const plan: PlannedRow[] = [];
      const audits: AuditEntry[] = [];
      let head = this.head;
      const { versions: before, digests: bases } = await this.currentVersions(changes);
      // A conflict between a deletion here and a change made apart is settled by writing over the deletion:
      // what was deleted, and from which version, is in its tombstone.
      const tombstoneIds = await this.tombstones();
      const deletedHere = opts.resolves?.size
        ? await this.remote.tombstonesOf([...opts.resolves.keys()].filter((k) => tombstoneIds.has(k)))
        : new Map<string, Tombstone>();
      const baseOf = (key: string): string | undefined =>
        bases.get(key) ?? (before.has(key) ? undefined : deletedHere.get(key)?.base);
      const rights = await this.rights(changes);
      const unchangedCases = new Map<string, Record<string, unknown>>();
      for (const change of changes) {
        const id = 'put' in change ? change.put.id : change.delete;
        // A row this member cannot read is neither written over nor deleted.
        if (this.withheld(change.table, id)) throw new PermissionRefused({ reason: 'not-assigned' });
        const previous = before.get(`${change.table}/${id}`);
        let fields: string[];
        let action: AuditEntry['action'];
        if ('put' in change) {
          let parsed = RECORD_SCHEMAS[change.table].parse(change.put) as Record<string, unknown>;
          if (change.table === 'designations' && !designationIdHolds(parsed))
            throw new PermissionRefused({ reason: 'designation-id' });
          if (rights?.signed && change.table === 'documents') {
            // A chain of custody only grows: no entry already recorded is changed or removed.
            const before = (previous as { custody?: unknown[] } | undefined)?.custody ?? [];
            const after = (parsed.custody as unknown[]).slice(0, before.length);
            if (JSON.stringify(after) !== JSON.stringify(before))
              throw new PermissionRefused({ reason: 'custody-kept' });
            parsed = await this.signCustody(parsed, previous as Record<string, unknown> | undefined);
          }
          fields = changedFields((previous as Record<string, unknown> | undefined) ?? null, parsed);
          // Kept over a deletion made apart from it: a change of the version deleted, not a new record.
          const restoring = !previous && deletedHere.has(`${change.table}/${id}`);
          action = previous || restoring ? 'update' : 'create';
          // A choice that keeps this laptop's own version still has to be written: its entry is what settles the
          // conflict on every other laptop.
          if (previous && fields.length === 0 && !opts.resolves?.has(`${change.table}/${id}`)) {
            // Nothing to write, but a compartment made in the same commit is judged against this case as saved.
            if (change.table === 'cases') unchangedCases.set(id, parsed);
            continue;
          }
          plan.push({ table: change.table, id, parsed, isNew: !previous });
        } else {
          // A deletion chosen over a change made apart is written even where the record is deleted already: its
          // entry is what settles the conflict on the other laptops.
          if (!previous && !(opts.resolves?.has(`${change.table}/${id}`) && deletedHere.has(`${change.table}/${id}`)))
            continue;
          fields = [];
          action = 'delete';
          plan.push({ table: change.table, id, parsed: null, isNew: false });
        }
        if (rights) {
          const refusal =
            change.table === 'members' && !('put' in change)
              ? ({ reason: 'members-kept' } as const)
              : change.table === 'teamKeys' && previous
                ? ({ reason: 'team-keys-kept' } as const)
                : rights.founding
                  ? change.table === 'members' && id === this.signer!.id
                    ? null
                    : ({ reason: 'not-a-member' } as const)
                  : (writeRefusal(rights.roles, change.table, {
                      ownMember: change.table === 'members' && id === this.signer!.id,
                      fields,
                    }) ??
                    (change.table === 'reviews'
                      ? reviewRefusal(
                          this.signer!.id,
                          rights.roles,
                          (previous as Review | undefined) ?? null,
                          'put' in change ? (plan.at(-1)!.parsed as unknown as Review) : null,
                        )
                      : null));
          if (refusal) throw new PermissionRefused(refusal);
        }
        const owner = ('put' in change ? change.put : previous) as { caseId?: unknown } | undefined;
        const caseId = change.table === 'cases' ? id : typeof owner?.caseId === 'string' ? owner.caseId : null;
        const written = plan.at(-1)!.parsed;
        const entry = nextAuditEntry(head, {
          at: now,
          actor: this.actor,
          action,
          table: change.table,
          recordId: id,
          caseId,
          fields,
          ...(written ? { digest: recordDigest(written) } : {}),
          ...((action === 'update' || action === 'delete') && baseOf(`${change.table}/${id}`)
            ? { base: baseOf(`${change.table}/${id}`)! }
            : {}),
          ...((action === 'update' || action === 'delete') && opts.resolves?.has(`${change.table}/${id}`)
            ? { resolves: opts.resolves.get(`${change.table}/${id}`)! }
            : {}),
          ...(rights?.signed ? { by: this.signer!.id } : {}),
          ...(rights?.signed && written && change.table === 'members'
            ? { member: memberGrantSchema.parse(written) }
            : {}),
        });
        audits.push(entry);
        head = { seq: entry.seq, hash: entry.hash };
      }
      if (rights) await this.checkAdministrators(rights, plan);
      // A case saved again unchanged (a restored or upgraded restricted case getting its own key) still has to be
      // one this member may write, as if it had been written.
      if (rights && unchangedCases.size && writeRefusal(rights.roles, 'cases', { ownMember: false, fields: [] }))
        unchangedCases.clear();
      const staged = this.stagedCompartments(plan, rights !== null, unchangedCases);
      const marks = this.placements(plan, staged);
      for (const m of marks)
        if (m !== undefined && !this.keyring.holds(m)) throw new PermissionRefused({ reason: 'not-assigned' });
      const derivedMarks = (opts.derived ?? []).map((d) => this.summaryMark(d, staged));
      if (rights?.signed && audits.length) await this.signCommit(audits);
      // Seal in parallel batches (the chain above is already computed in order).
      const sealed = await sealInBatches(
        plan,
        async (p, i) => ({
          row: {
            table: p.table,
            id: p.id,
            row: p.parsed
              ? {
                  id: p.id,
                  enc: await sealJson(this.keyring.keyFor(marks[i])!, randomBytes, p.table, p.id, p.parsed),
                  ...(marks[i] ? { k: marks[i] } : {}),
                }
              : null,
          },
          audit: {
            seq: audits[i]!.seq,
            enc: await sealJson(this.key, randomBytes, 'audit', audits[i]!.seq, audits[i]),
          },
        }),
        opts,
      );
      const prepared = sealed.map((s) => s.row);
      const auditRows = sealed.map((s) => s.audit);
      const derived = await Promise.all(
        (opts.derived ?? []).map(async (d, i) => ({
          ...d,
          row:
            d.value === null
              ? null
              : {
                  id: d.id,
                  enc: await sealJson(this.keyring.keyFor(derivedMarks[i])!, randomBytes, d.table, d.id, d.value),
                  ...(derivedMarks[i] ? { k: derivedMarks[i] } : {}),
                },
        })),
      );
      if (derivedMarks.some((m) => m !== undefined && !this.keyring.holds(m)))
        throw new PermissionRefused({ reason: 'not-assigned' });
      const headRow = head && head !== this.head ? { id: HEAD_META_ID, value: await sealHead(this.key, head) } : null;
      if (opts.signal?.aborted) throw new Cancelled();
      const tables = [...new Set([...prepared.map((p) => p.table), ...derived.map((d) => d.table)])].map((t) =>
        this.db.table(t),
      );
      const tombs = this.tombstoneWrites(
        plan.map((p, i) => ({
          where: `${p.table}/${p.id}`,
          stored: p.parsed !== null,
          tomb: tombstoneOf(this.deviceId ?? '', audits[i]!),
        })),
        tombstoneIds,
      );
      const tombRows = await Promise.all(tombs.put.map((t) => sealTombstone(this.key, t)));
      // Bulk operations queue every request at once; awaiting each put in turn is several times slower.
      await withStorageErrors(() =>
        this.db.transaction(
          'rw',
          [...tables, this.db.audit, this.db.meta, this.db.syncConflicts, this.db.syncTombstones],
          async () => {
            const puts = new Map<string, EncryptedRow[]>();
            const deletes = new Map<string, string[]>();
            for (const p of [...prepared, ...derived]) {
              if (p.row) {
                let list = puts.get(p.table);
                if (!list) puts.set(p.table, (list = []));
                list.push(p.row);
              } else {
                let list = deletes.get(p.table);
                if (!list) deletes.set(p.table, (list = []));
                list.push(p.id);
              }
            }
            await Promise.all([
              ...[...puts].map(([t, rows]) => this.db.table(t).bulkPut(rows)),
              ...[...deletes].map(([t, ids]) => this.db.table(t).bulkDelete(ids)),
              ...(opts.meta?.length || headRow
                ? [this.db.meta.bulkPut([...(opts.meta ?? []), ...(headRow ? [headRow] : [])])]
                : []),
              // bulkAdd, not put: a sequence number already taken aborts the whole transaction.
              ...(auditRows.length ? [this.db.audit.bulkAdd(auditRows)] : []),
              // A conflict settled by this commit is gone with it, never before it.
              ...(opts.resolves?.size ? [this.db.syncConflicts.bulkDelete([...opts.resolves.keys()])] : []),
              ...(tombRows.length ? [this.db.syncTombstones.bulkPut(tombRows)] : []),
              ...(tombs.drop.length ? [this.db.syncTombstones.bulkDelete(tombs.drop)] : []),
            ]);
          },
        ),
      );
      tombs.apply();
      if (head && head !== this.head) this.saveAnchor(head);
      this.head = head;
      for (const p of [...prepared, ...derived]) this.notePlaced(p.table, p.id, p.row?.k);
      if (staged !== this.compartmentsById) {
        this.setCompartments([...staged.values()]);
        for (const c of this.compartmentsById.values())
          if (!c.grants.some((g) => g.member === this.signer?.id)) this.keyring.drop(c.id);
        for (const p of plan) if (p.table === 'compartments' && !p.parsed) this.keyring.drop(p.id);
      }
      const committed: Committed[] = plan.map((p) =>
        p.parsed
          ? { table: p.table, put: p.parsed as Record<string, unknown> & { id: string } }
          : { table: p.table, delete: p.id },
      );
      for (const l of this.listeners) {
        try {
          l(committed);
        } catch {
          /* a listener's failure is not the commit's */
        }
      }
    });
  }

  /**
   * Commits from other devices, already judged (shared/sync/verify-incoming.ts), applied in one transaction:
   * their rows stored exactly as they came (a row sealed in a compartment this member does not hold stays sealed),
   * the records their entries deleted deleted, and their entries kept beside this device's chain with the
   * position they were applied after. This device's own chain gets nothing: it records what its own members did.
   * `value` is a row's content where this device could open it, for the listeners (the search index).
   */
  async applyRemote(
    commits: ArrivingCommit[],
    opts: { meta?: ReadonlyArray<{ id: string; value: unknown }> } = {},
  ): Promise<Committed[]> {
    const remote = this.remote;
    this.refuseIfClosed();
    return this.queue.run(async () => {
      await this.followHead();
      const after = this.head?.seq ?? -1;
      let order = await remote.nextOrder();
      const final = new Map<string, { table: RecordTable; id: string; row: ArrivingRow | null; tomb?: Tombstone }>();
      const heads = new Map<string, ChainHead>();
      const applied: AppliedEntry[] = [];
      const judged = (r: ArrivingRow): boolean =>
        r.entry?.action === 'update' && r.entry.base !== undefined && r.value !== undefined;
      const judgedDelete = (e: AuditEntry): boolean =>
        e.action === 'delete' && e.base !== undefined && e.table in RECORD_SCHEMAS;
      const keys = [
        ...new Set(
          commits.flatMap((c) => [
            ...c.rows.filter(judged).map((r) => `${r.table}/${r.id}`),
            ...c.entries.filter(judgedDelete).map((e) => `${e.table}/${e.recordId}`),
          ]),
        ),
      ];
      const conflicts = await remote.conflictsOf(keys);
      const tombstoneIds = await this.tombstones();
      const tombstones = await remote.tombstonesOf(keys.filter((k) => tombstoneIds.has(k)));
      // What deleted each record here, as this batch leaves it (a record stored by the batch is not deleted).
      const deletedHere = (where: string): string | undefined => {
        const earlier = final.get(where);
        return earlier ? earlier.tomb?.hash : tombstones.get(where)?.hash;
      };
      const conflictsChanged = new Set<string>();
      const keepAside = (where: string, table: string, recordId: string, version: Conflict['versions'][number]) => {
        // Kept beside the version held here; a later version of the same line replaces the one it was made from.
        const set = conflicts.get(where) ?? { table, recordId, versions: [] };
        const versions = set.versions.filter((v) => v.digest !== version.base && v.digest !== version.digest);
        versions.push(version);
        conflicts.set(where, { ...set, versions });
        conflictsChanged.add(where);
      };
      const settle = (where: string, settles: readonly string[]) => {
        if (!settles.length || !conflicts.has(where)) return;
        const set = conflicts.get(where)!;
        conflicts.set(where, { ...set, versions: set.versions.filter((v) => !settles.includes(v.digest)) });
        conflictsChanged.add(where);
      };
      for (const c of commits) {
        const carried = new Set(c.rows.map((r) => `${r.table}/${r.id}`));
        const aside = new Set<string>();
        for (const r of c.rows) {
          const where = `${r.table}/${r.id}`;
          const earlier = final.get(where);
          // Judged against the version held here now: one saved here since the commit was checked counts.
          const held = !judged(r) ? undefined : earlier ? earlier.row?.value : await this.storedRaw(r.table, r.id);
          const place = placeArrival(
            r.table,
            r.entry,
            r.value,
            held,
            judged(r) && held === undefined ? deletedHere(where) : undefined,
          );
          if (place.kind === 'aside') {
            aside.add(where);
            if (!place.conflict) continue;
            const e = r.entry!;
            const version: ConflictVersion = {
              digest: e.digest!,
              base: e.base!,
              device: c.device,
              seq: e.seq,
              ...(e.by ? { member: e.by } : {}),
              at: e.at,
            };
            keepAside(where, r.table, r.id, { ...version, row: { enc: r.enc, ...(r.k ? { k: r.k } : {}) } });
            continue;
          }
          settle(where, place.settles);
          final.set(where, { table: r.table, id: r.id, row: r });
        }
        for (const e of c.entries) {
          const where = `${e.table}/${e.recordId}`;
          if (e.action === 'delete' && e.table in RECORD_SCHEMAS && !carried.has(where)) {
            const earlier = final.get(where);
            const held = !judgedDelete(e)
              ? undefined
              : earlier
                ? earlier.row?.value
                : await this.storedRaw(e.table as RecordTable, e.recordId);
            const place = placeArrival(e.table, e, undefined, held);
            if (place.kind === 'aside') {
              aside.add(where);
              keepAside(where, e.table, e.recordId, {
                digest: e.hash,
                base: e.base!,
                deleted: true,
                device: c.device,
                seq: e.seq,
                ...(e.by ? { member: e.by } : {}),
                at: e.at,
              });
            } else {
              settle(where, place.settles);
              final.set(where, {
                table: e.table as RecordTable,
                id: e.recordId,
                row: null,
                tomb: tombstoneOf(c.device, e),
              });
            }
          }
          applied.push({
            device: c.device,
            entry: e,
            after,
            order: order++,
            ...(aside.has(where) ? { aside: true } : {}),
          });
        }
        const last = c.entries.at(-1)!;
        // One laptop, one member: the chain is bound to the member who first signs it.
        const member = heads.get(c.device)?.member ?? (await remote.head(c.device))?.member ?? last.by;
        heads.set(c.device, { seq: last.seq, hash: last.hash, ...(member ? { member } : {}) });
      }
      const conflictPuts = await Promise.all(
        [...conflictsChanged]
          .map((id) => conflicts.get(id)!)
          .filter((c) => c.versions.length)
          .map((c) => sealConflict(this.key, c)),
      );
      const conflictDeletes = [...conflictsChanged].filter((id) => !conflicts.get(id)!.versions.length);
      const [entryRows, headRows] = await Promise.all([
        Promise.all(applied.map((a) => sealAppliedEntry(this.key, a))),
        Promise.all([...heads].map(([device, head]) => sealChainHead(this.key, device, head))),
      ]);
      const byTable = new Map<RecordTable, { puts: EncryptedRow[]; deletes: string[] }>();
      for (const f of final.values()) {
        let t = byTable.get(f.table);
        if (!t) byTable.set(f.table, (t = { puts: [], deletes: [] }));
        if (f.row) t.puts.push({ id: f.id, enc: f.row.enc, ...(f.row.k ? { k: f.row.k } : {}) });
        else t.deletes.push(f.id);
      }
      const tables = [...byTable.keys()].map((t) => this.db.table(t));
      const metaRows = await Promise.all([
        ...(opts.meta ?? []).map((m) => this.sealedMeta(m.id, m.value)),
        remote.orderRow(order),
      ]);
      const tombs = this.tombstoneWrites(
        [...final].map(([where, f]) => ({ where, stored: f.row !== null, tomb: f.tomb })),
        tombstoneIds,
      );
      const tombRows = await Promise.all(tombs.put.map((t) => sealTombstone(this.key, t)));
      await withStorageErrors(() =>
        this.db.transaction(
          'rw',
          [
            ...tables,
            this.db.syncEntries,
            this.db.syncChains,
            this.db.syncConflicts,
            this.db.syncTombstones,
            this.db.meta,
          ],
          async () => {
            await Promise.all([
              ...(metaRows.length ? [this.db.meta.bulkPut(metaRows)] : []),
              ...(tombRows.length ? [this.db.syncTombstones.bulkPut(tombRows)] : []),
              ...(tombs.drop.length ? [this.db.syncTombstones.bulkDelete(tombs.drop)] : []),
              ...(conflictPuts.length ? [this.db.syncConflicts.bulkPut(conflictPuts)] : []),
              ...(conflictDeletes.length ? [this.db.syncConflicts.bulkDelete(conflictDeletes)] : []),
              ...[...byTable].flatMap(([t, { puts, deletes }]) => [
                ...(puts.length ? [this.db.table(t).bulkPut(puts)] : []),
                ...(deletes.length ? [this.db.table(t).bulkDelete(deletes)] : []),
              ]),
              // bulkAdd: an entry already applied aborts the whole transaction rather than being applied twice.
              this.db.syncEntries.bulkAdd(entryRows),
              this.db.syncChains.bulkPut(headRows),
            ]);
          },
        ),
      );
      for (const f of final.values()) this.notePlaced(f.table, f.id, f.row?.k);
      tombs.apply();
      if (byTable.has('compartments')) await this.loadCompartments();
      const committed: Committed[] = [];
      for (const f of final.values()) {
        if (!f.row) committed.push({ table: f.table, delete: f.id });
        else if (f.row.value)
          committed.push({ table: f.table, put: f.row.value as Record<string, unknown> & { id: string } });
      }
      for (const l of this.listeners) {
        try {
          l(committed);
        } catch {
          /* a listener's failure is not the commit's */
        }
      }
      return committed;
    });
  }

  /** Which records have a tombstone here, read once per session. */
  private tombstones(): Promise<Set<string>> {
    this.tombstoneIds ??= this.remote.tombstoneIds().catch((e: unknown) => {
      this.tombstoneIds = null;
      throw e;
    });
    return this.tombstoneIds;
  }

  /**
   * The tombstones a write leaves: one for each record it deleted, and none left for a record it stored again.
   * `apply` is called once the write is committed, to keep the set of them as it now is.
   */
  private tombstoneWrites(
    writes: ReadonlyArray<{ where: string; stored: boolean; tomb?: Tombstone | undefined }>,
    ids: Set<string>,
  ): { put: Tombstone[]; drop: string[]; apply: () => void } {
    const put = writes.flatMap((w) => (!w.stored && w.tomb ? [w.tomb] : []));
    const drop = writes.filter((w) => w.stored && ids.has(w.where)).map((w) => w.where);
    return {
      put,
      drop,
      apply: () => {
        for (const t of put) ids.add(`${t.table}/${t.recordId}`);
        for (const d of drop) ids.delete(d);
      },
    };
  }

  /** The team's keys (team-keys.ts), read once per session. */
  teamKeys(): Promise<TeamKeyRing> {
    this.teamRing ??= loadTeamKeyRing(this.db, this.key).catch((e: unknown) => {
      this.teamRing = null;
      throw e;
    });
    return this.teamRing;
  }

  /**
   * The team keys made since this laptop last looked (team-keys.ts) that are wrapped to this member, opened and
   * added to the ring: what this laptop sends from its next commit on is sealed under the newest. True if any
   * was added. A key this member is not given (they were removed) is not theirs to add.
   */
  async absorbTeamKeys(): Promise<boolean> {
    this.refuseIfClosed();
    return this.queue.run(async () => {
      const agreement = this.signer?.agreement;
      const vaultId = this.opts.vaultId;
      if (!agreement || !vaultId) return false;
      const self = { id: this.signer!.id, agreement: agreement.key, agreementKey: agreement.publicKey };
      const stored = (await readTeamKeys(this.db, this.key)) ?? [];
      const added: RawTeamKey[] = [];
      try {
        const known = new Set(stored.map((k) => k.id));
        let newest = Math.max(0, ...stored.map((k) => k.generation));
        const records = (
          await Promise.all(
            (await this.db.teamKeys.toArray())
              .filter((row) => !known.has(row.id))
              .map((row) => this.decryptRow('teamKeys', row).catch(() => null)),
          )
        )
          .filter((r) => r !== null)
          .sort((x, y) => x.generation - y.generation);
        for (const record of records) {
          // One generation at a time: a key that claims to skip ahead (to be the newest for good) is not taken.
          if (record.generation > newest + 1) continue;
          const raw = await openOwnGrant(record.grants, self, teamKeyGrantPlace(vaultId, record));
          if (!raw) continue;
          added.push({ generation: record.generation, id: record.id, since: await this.madeHereAt(record.id), raw });
          newest = Math.max(newest, record.generation);
        }
        if (!added.length) return false;
        const rows = [
          await sealedTeamKeys(this.key, [...stored, ...added]),
          await this.sealedMeta(REKEY_ADVISED_META_ID, { since: new Date().toISOString() }),
        ];
        await withStorageErrors(() => this.db.meta.bulkPut(rows));
        this.teamRing = null;
        return true;
      } finally {
        for (const k of [...stored, ...added]) k.raw.fill(0);
      }
    });
  }

  /**
   * From which of this laptop's own entries on a team key seals what it sends: after the entry that made it,
   * where this laptop made it (so no commit of its own made after that goes under the key before), else after
   * the newest entry now.
   */
  private async madeHereAt(recordId: string): Promise<number> {
    const from = Math.max(0, this.headSeq - 200);
    const recent = await this.auditRange(from, this.headSeq + 1);
    const made = recent.find((e) => e?.table === 'teamKeys' && e.recordId === recordId);
    return made ? made.seq : this.headSeq;
  }

  /**
   * On an administrator's laptop: whether the team's newest key is wrapped to someone no longer an active
   * member (a removal whose new key never came, or two new keys made at once and the one picked names a member
   * removed since). That laptop then makes another.
   */
  async teamKeyStale(): Promise<boolean> {
    // Only an administrator's laptop can replace it: the others need not look.
    const self = this.signer ? await this.get('members', this.signer.id) : undefined;
    if (!self || self.status !== 'active' || !self.roles.includes('administrator')) return false;
    const ring = await this.teamKeys();
    const newest = newestTeamKey(ring);
    const members = await this.all('members');
    const removed = new Set(members.filter((m) => m.status !== 'active').map((m) => m.id));
    if (!removed.size) return false;
    if (newest.id === '') return true;
    const record = await this.get('teamKeys', newest.id);
    return !record || record.grants.some((g) => removed.has(g.member));
  }

  /**
   * A new team key, wrapped to every member still active (after a removal): from the next commit on, what
   * laptops send is sealed under it, and a removed member's laptop, which is not given it, reads none of it.
   * The commit that brings it is sealed under the key before, so every other laptop can read it.
   */
  async rotateTeamKey(): Promise<void> {
    // One after the other, each only while still needed: the removal and the sync cycle that hears of it may
    // both ask.
    const turn = this.rotating
      .catch(() => undefined)
      .then(async () => {
        if (await this.teamKeyStale()) await this.makeTeamKey();
      });
    this.rotating = turn;
    return turn;
  }

  private rotating: Promise<void> = Promise.resolve();

  private async makeTeamKey(): Promise<void> {
    const vaultId = this.opts.vaultId;
    if (!vaultId) return;
    const ring = await this.teamKeys();
    const newest = newestTeamKey(ring);
    const holders = (await this.all('members'))
      .filter((m) => m.status === 'active')
      .map((m) => ({ id: m.id, agreementKey: m.agreementKey }));
    const raw = randomBytes(32);
    const id = randomId();
    const generation = newest.generation + 1;
    const now = new Date().toISOString();
    try {
      const grants = await wrapToHolders(raw, holders, teamKeyGrantPlace(vaultId, { id, generation }));
      await this.commit([
        {
          table: 'teamKeys',
          put: { id, generation, grants, createdAt: now, updatedAt: now, author: this.actor },
        },
      ]);
    } finally {
      raw.fill(0);
    }
    await this.absorbTeamKeys();
  }

  /**
   * Rows as this laptop stores them, sealed again under a team key to be sent. A row in a compartment stays
   * under the compartment's key, which is the team's already.
   */
  async forTeam<R extends { table: string; id: string; k?: string; enc: Envelope }>(
    rows: readonly R[],
    team: AeadKey,
  ): Promise<R[]> {
    return Promise.all(
      rows.map(async (r) => {
        if (r.k) return r;
        const enc = await resealRow(this.key, team, r.table, r.id, r.enc);
        return enc ? { ...r, enc } : r;
      }),
    );
  }

  /** A row that came sealed under a team key, sealed again under this laptop's data key to be stored. */
  async fromTeam<R extends { table: string; id: string; k?: string; enc: Envelope }>(
    row: R,
    team: AeadKey,
  ): Promise<R> {
    if (row.k) return row;
    const enc = await resealRow(team, this.key, row.table, row.id, row.enc);
    return enc ? { ...row, enc } : row;
  }

  /**
   * A row from another device opened with the key its `k` names (a compartment's), or else with the team key
   * its document came under: its content, or why it could not be.
   */
  async openArriving(
    row: { table: string; id: string; k?: string; enc: Envelope },
    team?: AeadKey,
  ): Promise<OpenedRow> {
    if (!(row.table in RECORD_SCHEMAS)) return { unreadable: true };
    const key = row.k === undefined && team ? team : this.keyring.keyFor(row.k);
    if (!key) return { withheld: true };
    try {
      const value = await openJson(key, row.table, row.id, row.enc);
      // The digest is of the version as sent; the schema says it is one this app can hold.
      if (!RECORD_SCHEMAS[row.table as RecordTable].safeParse(value).success) return { unreadable: true };
      return { value };
    } catch {
      return { unreadable: true };
    }
  }

  /** Summary rows written again without a record changing (a case that arrived from another device). */
  async writeDerived(rows: DerivedRow[]): Promise<void> {
    this.refuseIfClosed();
    return this.queue.run(async () => {
      const sealed = await Promise.all(
        rows.map(async (d) => {
          const mark = this.summaryMark(d, this.compartmentsById);
          const key = this.keyring.keyFor(mark);
          if (!key) throw new PermissionRefused({ reason: 'not-assigned' });
          return d.value === null
            ? { id: d.id, row: null }
            : {
                id: d.id,
                row: {
                  id: d.id,
                  enc: await sealJson(key, randomBytes, d.table, d.id, d.value),
                  ...(mark ? { k: mark } : {}),
                },
              };
        }),
      );
      await withStorageErrors(() =>
        this.db.transaction('rw', this.db.caseIndex, async () => {
          const puts = sealed.flatMap((s) => (s.row ? [s.row] : []));
          const deletes = sealed.filter((s) => !s.row).map((s) => s.id);
          await Promise.all([
            ...(puts.length ? [this.db.caseIndex.bulkPut(puts)] : []),
            ...(deletes.length ? [this.db.caseIndex.bulkDelete(deletes)] : []),
          ]);
        }),
      );
      for (const s of sealed) this.notePlaced('caseIndex', s.id, s.row?.k);
    });
  }

  /** Records an event that changes no record (a print, an export, an import), in the same audited chain. */
  async logEvent(e: {
    action: 'print' | 'export' | 'import' | 'vault';
    table: RecordTable | 'vault';
    recordId: string;
    caseId: string | null;
    fields: string[];
  }): Promise<void> {
    this.refuseIfClosed();
    return this.queue.run(async () => {
      await this.followHead();
      const rights = await this.rights([]);
      // Only a restore, before its restorer is a member, writes the entry a vault is founded anew after.
      if (rights?.signed && isRestoreEntry(e)) throw new PermissionRefused({ reason: 'role', needs: [] });
      if (rights && !rights.founding) {
        const refusal = actRefusal(rights.roles, loggedAct(e));
        if (refusal) throw new PermissionRefused(refusal);
      }
      const entry = nextAuditEntry(this.head, {
        at: new Date().toISOString(),
        actor: this.actor,
        ...e,
        ...(rights?.signed ? { by: this.signer!.id } : {}),
      });
      if (rights?.signed) await this.signCommit([entry]);
      const enc = await sealJson(this.key, randomBytes, 'audit', entry.seq, entry);
      const head = { seq: entry.seq, hash: entry.hash };
      const headRow = { id: HEAD_META_ID, value: await sealHead(this.key, head) };
      await withStorageErrors(() =>
        this.db.transaction('rw', [this.db.audit, this.db.meta], () =>
          Promise.all([this.db.audit.add({ seq: entry.seq, enc }), this.db.meta.put(headRow)]),
        ),
      );
      this.saveAnchor(head);
      this.head = head;
    });
  }

  /**
   * What the signing member may do now, read from their record at every commit (a role changed by an
   * administrator applies from the next commit). Null for an unsigned store. Before the vault has its first
   * member (a new or upgraded vault), only that member's own arrival is taken, signed with their own key.
   */
  private async rights(changes: Change[]): Promise<{
    roles: Member['roles'];
    founding: boolean;
    signed: boolean;
  } | null> {
    if (!this.signer) return null;
    const self = await this.get('members', this.signer.id);
    if (self) {
      if (self.status !== 'active') throw new PermissionRefused({ reason: 'not-a-member' });
      return { roles: self.roles, founding: false, signed: true };
    }
    if (!(await this.foundingOpen())) throw new PermissionRefused({ reason: 'not-a-member' });
    const arrival = changes.find((c) => c.table === 'members' && 'put' in c && c.put.id === this.signer!.id) as
      { put: Partial<Member> } | undefined;
    if (!arrival) {
      // Events before the arrival (an integrity finding at the first unlock) are written unsigned, as before members.
      if (changes.length) throw new PermissionRefused({ reason: 'not-a-member' });
      return { roles: [], founding: true, signed: false };
    }
    if (!arrival.put.roles?.includes('administrator')) throw new PermissionRefused({ reason: 'not-a-member' });
    return { roles: arrival.put.roles, founding: true, signed: true };
  }

  /**
   * Whether a first member may arrive by their own signature: the chain's newest entry is no member's (a new or
   * upgraded vault) and the members table is empty, or the newest entry is a restore's own (unsigned). Deleting
   * the members' rows does not make the next person to unlock an administrator: the chain still names them.
   */
  private async foundingOpen(): Promise<boolean> {
    // A copy that joined a team: its members are the team's.
    if (this.opts.device) return false;
    const newest = this.head ? (await this.auditRange(this.head.seq, this.head.seq + 1))[0] : undefined;
    if (newest === null) return false;
    if (isRestoreEntry(newest) && !newest?.by) return true;
    return !newest?.by && (await this.count('members')) === 0;
  }

  /** The last active administrator is never removed or demoted. */
  private async checkAdministrators(rights: { founding: boolean }, plan: PlannedRow[]): Promise<void> {
    const changed = plan.filter((p) => p.table === 'members' && p.parsed);
    if (!changed.length || rights.founding) return;
    const next = new Map((await this.all('members')).map((m) => [m.id, m]));
    for (const p of changed) next.set(p.id, p.parsed as unknown as Member);
    if (!leavesAnAdministrator([...next.values()])) throw new PermissionRefused({ reason: 'last-administrator' });
  }

  /**
   * The compartments as they will be after this commit, with its changes to them checked: a compartment is
   * changed only by a member holding its current key (they alone can wrap it to someone else), made only with a
   * key its maker holds, and deleted only once its case went back to standard.
   */
  private stagedCompartments(
    plan: PlannedRow[],
    checked: boolean,
    unchangedCases: ReadonlyMap<string, Record<string, unknown>> = new Map(),
  ): Map<string, Compartment> {
    const changes = plan.filter((p) => p.table === 'compartments');
    if (!changes.length) return this.compartmentsById;
    const next = new Map(this.compartmentsById);
    for (const p of changes) {
      const stored = this.compartmentsById.get(p.id);
      const after = p.parsed as unknown as Compartment | null;
      if (checked) {
        const self = this.signer!.id;
        // One that seals no row here (its keys were for another vault's members: a restored backup) protects
        // nothing, and may be replaced by a member allowed to write compartments.
        const sealsNothing = stored !== undefined && !after && this.rowsOf(stored.id).size === 0;
        const refused = sealsNothing
          ? false
          : stored
            ? !this.holds(stored) || (!after && !stored.releasing) || (after && after.caseId !== stored.caseId)
            : !after ||
              !after.grants.some((g) => g.member === self) ||
              !this.keyring.holds(markOf(after.id, after.generation));
        if (refused) throw new PermissionRefused({ reason: 'not-assigned' });
        // A compartment is made only together with its case made restricted, by someone who may write that case:
        // never laid over a standard case to take it from the others.
        const caseNow = after
          ? (plan.find((q) => q.table === 'cases' && q.id === after.caseId)?.parsed ?? unchangedCases.get(after.caseId))
          : undefined;
        if (!stored && after) {
          if (!caseNow || caseNow.confidentiality === 'standard' || caseNow.subjectId !== after.subjectId)
            throw new PermissionRefused({ reason: 'not-assigned' });
        }
        // Its subject never changes, and its level (or its release) only with the case's own confidentiality, in
        // the same commit: a holder cannot quietly let a strict case out, nor seal another case's person in it.
        if (stored && after) {
          if (after.subjectId !== stored.subjectId) throw new PermissionRefused({ reason: 'not-assigned' });
          if (after.level !== stored.level || after.releasing !== stored.releasing) {
            const wanted = after.releasing ? 'standard' : after.level;
            if (!caseNow || caseNow.confidentiality !== wanted) throw new PermissionRefused({ reason: 'not-assigned' });
          }
        }
        const owner = after ? this.caseCompartment.get(after.caseId) : undefined;
        if (owner !== undefined && owner !== p.id) throw new PermissionRefused({ reason: 'not-assigned' });
      }
      if (after) next.set(p.id, after);
      else next.delete(p.id);
    }
    return next;
  }

  /**
   * Which key seals each row of a commit: a restricted or strict case's own records (the case, its subject, its
   * contacts, testimonies, documents and events, a new witness a testimony of it brings, and links touching any
   * of them) go into its compartment; everything else stays under the data key.
   */
  private placements(plan: PlannedRow[], staged: Map<string, Compartment>): Array<string | undefined> {
    const byCase = new Map([...staged.values()].map((c) => [c.caseId, c]));
    const bySubject = new Map([...staged.values()].map((c) => [c.subjectId, c]));
    const markFor = (c: Compartment | undefined): string | undefined =>
      c && !c.releasing ? markOf(c.id, c.generation) : undefined;
    const stored = (table: string, id: string): string | undefined => {
      const k = this.placed.get(`${table}/${id}`);
      return k === undefined ? undefined : markFor(staged.get(compartmentOfMark(k)));
    };
    const out: Array<string | undefined> = plan.map(() => undefined);
    const here = new Map<string, string | undefined>();
    const set = (i: number, m: string | undefined): void => {
      out[i] = m;
      here.set(`${plan[i]!.table}/${plan[i]!.id}`, m);
    };
    plan.forEach((p, i) => {
      if (!p.parsed) return;
      if (p.table === 'cases') set(i, markFor(byCase.get(p.id)));
      else if (CASE_CONTENT.has(p.table))
        set(i, typeof p.parsed.caseId === 'string' ? markFor(byCase.get(p.parsed.caseId)) : undefined);
    });
    const witnessed = new Map<string, string>();
    plan.forEach((p, i) => {
      if (p.table === 'testimonies' && out[i] && typeof p.parsed?.witnessId === 'string')
        witnessed.set(p.parsed.witnessId, out[i]);
    });
    plan.forEach((p, i) => {
      if (p.table !== 'persons' || !p.parsed) return;
      set(i, markFor(bySubject.get(p.id)) ?? stored('persons', p.id) ?? (p.isNew ? witnessed.get(p.id) : undefined));
    });
    const endpoint = (table: unknown, id: unknown): string | undefined => {
      const where = `${String(table)}/${String(id)}`;
      return here.has(where) ? here.get(where) : stored(String(table), String(id));
    };
    plan.forEach((p, i) => {
      if (p.table !== 'links' || !p.parsed) return;
      const r = p.parsed;
      set(i, endpoint(r.fromTable, r.fromId) ?? endpoint(r.toTable, r.toId));
    });
    return out;
  }

  /** A case's own summary row (the list of a restricted case) is sealed with the case. */
  private summaryMark(d: DerivedRow, staged: Map<string, Compartment>): string | undefined {
    if (!d.caseId) return undefined;
    const c = [...staged.values()].find((x) => x.caseId === d.caseId);
    return c && !c.releasing ? markOf(c.id, c.generation) : undefined;
  }

  private notePlaced(table: string, id: string, k: string | undefined): void {
    if (!isCompartmentTable(table)) return;
    if (k === undefined) this.placed.delete(`${table}/${id}`);
    else this.placed.set(`${table}/${id}`, k);
  }

  /**
   * Seals rows again with another key (`to`: a compartment's mark, or undefined for the data key) without
   * changing what they hold, one transaction per batch: a rotation, a case made restricted or standard again. A
   * row already under `to` is left; one this member cannot open is counted and left as it is.
   */
  async reseal(
    table: CompartmentTable,
    ids: readonly string[],
    to: string | undefined,
    signal?: AbortSignal,
  ): Promise<{ resealed: number; unreadable: number }> {
    const target = this.keyring.keyFor(to);
    if (!target) throw new PermissionRefused({ reason: 'not-assigned' });
    const out = { resealed: 0, unreadable: 0 };
    for (let i = 0; i < ids.length; i += RESEAL_BATCH) {
      if (signal?.aborted) throw new Cancelled();
      await this.queue.run(async () => {
        const rows = (await this.db.table(table).bulkGet(ids.slice(i, i + RESEAL_BATCH))) as Array<
          EncryptedRow | undefined
        >;
        const next: EncryptedRow[] = [];
        for (const row of rows) {
          if (!row || row.k === to) continue;
          const from = this.keyring.keyFor(row.k);
          const value = from ? await openJson(from, table, row.id, row.enc).catch(() => null) : null;
          if (value === null) {
            out.unreadable++;
            continue;
          }
          next.push({
            id: row.id,
            enc: await sealJson(target, randomBytes, table, row.id, value),
            ...(to ? { k: to } : {}),
          });
        }
        if (!next.length) return;
        await withStorageErrors(() => this.db.table(table).bulkPut(next));
        for (const r of next) this.notePlaced(table, r.id, r.k);
        out.resealed += next.length;
      });
    }
    return out;
  }

  /**
   * The entries this member adds to a file's chain of custody are signed with their key, each over the one
   * before it. Entries that arrive with a file (from a package) keep whatever they carry.
   */
  private async signCustody(
    doc: Record<string, unknown>,
    previous: Record<string, unknown> | undefined,
  ): Promise<Record<string, unknown>> {
    const custody = [...(doc.custody as SignableCustody[])];
    const before = (previous?.custody as SignableCustody[] | undefined)?.length ?? 0;
    // A new file's own first entry is its maker's; the rest of a new file's entries came with it.
    const from = previous ? before : custody.length === 1 ? 0 : custody.length;
    for (let i = from; i < custody.length; i++) {
      const e = custody[i]!;
      if (previous && (e.sig || e.member !== undefined)) {
        // Appended to a file on record: only ever this member's own entry, and a signature already on it
        // (an export signs its entry before the package is written) must be theirs over this very place.
        const self = await this.get('members', this.signer!.id);
        const message = custodyMessage(String(doc.id), i, e, custody[i - 1]?.sig ?? '');
        const ok =
          e.member === this.signer!.id &&
          (!e.sig || (self !== undefined && (await ed25519.verify(self.signingKey, e.sig, message))));
        if (!ok) throw new PermissionRefused({ reason: 'custody-kept' });
        if (e.sig) continue;
      }
      if (e.sig || (e.member !== undefined && e.member !== this.signer!.id)) continue;
      if (e.member === undefined && e.by !== this.actor) continue;
      const mine = { ...e, member: this.signer!.id };
      custody[i] = {
        ...mine,
        sig: await this.signer!.sign(custodyMessage(String(doc.id), i, mine, custody[i - 1]?.sig ?? '')),
      };
    }
    return { ...doc, custody };
  }

  /** Signs the commit (its entries, in order) with the member's key: the signature goes on its last entry. */
  private async signCommit(entries: AuditEntry[]): Promise<void> {
    const last = entries.at(-1)!;
    last.sig = { from: entries[0]!.seq, value: await this.signer!.sign(commitMessage(entries[0]!.seq, last)) };
  }

  /** The stored versions of every record a commit touches, read with one bulkGet per table. */
  private async currentVersions(
    changes: Change[],
  ): Promise<{ versions: Map<string, unknown>; digests: Map<string, string> }> {
    const byTable = new Map<RecordTable, string[]>();
    for (const c of changes) {
      if ('put' in c && c.fresh) continue;
      const id = 'put' in c ? c.put.id : c.delete;
      let ids = byTable.get(c.table);
      if (!ids) byTable.set(c.table, (ids = []));
      ids.push(id);
    }
    const versions = new Map<string, unknown>();
    const digests = new Map<string, string>();
    for (const [table, ids] of byTable) {
      const rows = await this.table(table).bulkGet(ids);
      await Promise.all(
        rows.map(async (row, i) => {
          if (!row || !this.readable(row)) return;
          const raw = await openJson(this.keyring.keyFor(row.k)!, table, row.id, row.enc).catch(() => {
            throw new DecryptionError(table, row.id);
          });
          const parsed = RECORD_SCHEMAS[table].safeParse(raw);
          if (!parsed.success) throw new DecryptionError(table, row.id);
          versions.set(`${table}/${ids[i]}`, parsed.data);
          // The version as stored, as its entry's digest bound it: what an update is made from (its base).
          digests.set(`${table}/${ids[i]}`, recordDigest(raw));
        }),
      );
    }
    return { versions, digests };
  }

  /** A record exactly as stored here (the version its newest entry bound); undefined if none, withheld or unreadable. */
  /** A signature by this laptop's member (what a commit's rows are signed with when it is sent), or null without one. */
  async signAsMember(message: Uint8Array): Promise<string | null> {
    return this.signer ? this.signer.sign(message) : null;
  }

  /** `storedRaw` for many rows at once (keys `table/id`), one read per table: what a page of arrivals is judged against. */
  async storedRawMany(keys: Iterable<string>): Promise<Map<string, unknown>> {
    const byTable = new Map<RecordTable, string[]>();
    for (const key of keys) {
      const slash = key.indexOf('/');
      const table = key.slice(0, slash) as RecordTable;
      if (!(table in RECORD_SCHEMAS)) continue;
      let ids = byTable.get(table);
      if (!ids) byTable.set(table, (ids = []));
      ids.push(key.slice(slash + 1));
    }
    const out = new Map<string, unknown>();
    for (const [table, ids] of byTable) {
      const rows = await this.table(table).bulkGet(ids);
      await Promise.all(
        rows.map(async (row, i) => {
          const id = ids[i]!;
          const value =
            row && this.readable(row)
              ? await openJson(this.keyring.keyFor(row.k)!, table, id, row.enc).catch(() => undefined)
              : undefined;
          out.set(`${table}/${id}`, value);
        }),
      );
    }
    return out;
  }

  async storedRaw(table: RecordTable, id: string): Promise<unknown> {
    const row = await this.table(table).get(id);
    if (!row || !this.readable(row)) return undefined;
    return openJson(this.keyring.keyFor(row.k)!, table, id, row.enc).catch(() => undefined);
  }

  async auditEntries(): Promise<Array<AuditEntry | null>> {
    return this.auditRange(0, Infinity);
  }

  /**
   * The digests of every version of these records (keys `table/id`) that a chain wrote: this laptop's own and each
   * other laptop's as applied here. A package's record with one of them is a version the team already has.
   */
  async knownVersions(keys: ReadonlySet<string>): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    const note = (e: AuditEntry | null): void => {
      if (!e?.digest) return;
      const key = `${e.table}/${e.recordId}`;
      if (!keys.has(key)) return;
      let set = out.get(key);
      if (!set) out.set(key, (set = new Set()));
      set.add(e.digest);
    };
    const PAGE = 5000;
    for (let from = 0; from <= this.headSeq; from += PAGE)
      (await this.auditRange(from, Math.min(this.headSeq + 1, from + PAGE))).forEach(note);
    for (const a of (await this.remote.all()).applied) note(a.entry);
    return out;
  }

  /** Entries with from <= seq < to, decrypted (null where unreadable): a backup reads the chain a page at a time. */
  async auditRange(from: number, to: number): Promise<Array<AuditEntry | null>> {
    const rows = await this.db.audit.where('seq').between(from, to, true, false).toArray();
    return Promise.all(
      rows.map(async (r) => {
        try {
          return auditEntrySchema.parse(await openJson(this.key, 'audit', r.seq, r.enc));
        } catch {
          return null;
        }
      }),
    );
  }

  async verifyAudit(): Promise<ChainVerdict> {
    return verifyAuditChain(await this.auditEntries());
  }

  /** Who signed each entry, judged by the members and roles the chain itself records. */
  async verifySignatures(entries?: Array<AuditEntry | null>): Promise<SignaturesVerdict> {
    return verifySignatures(entries ?? (await this.auditEntries()), ed25519);
  }

  /** The chain read and decrypted, its links and hashes, and who signed each entry and whether they were allowed. */
  async verifyChain(
    signal?: AbortSignal,
  ): Promise<{ entries: Array<AuditEntry | null>; chain: ChainVerdict; signatures: SignaturesVerdict }> {
    const { entries, hashOk, check, done } = await this.chainToVerify(signal);
    try {
      const chain = verifyAuditChain(entries, hashOk ? { hashOk } : {});
      const { applied } = await this.remote.all();
      const arrived = applied.flatMap((a) =>
        a.entry.table === 'members' && a.entry.member
          ? [{ after: a.after, id: a.entry.recordId, grant: a.entry.member }]
          : [],
      );
      const signatures = await verifySignatures(entries, check, {
        ...(hashOk ? { hashOk } : { hashesCheckedUpTo: chain.ok ? entries.length : chain.brokenAt }),
        arrived,
      });
      if (signal?.aborted) throw new Cancelled();
      return { entries, chain, signatures };
    } finally {
      done();
    }
  }

  /**
   * The chain link by link, its head against the sealed head and the anchor, its dates in order, and every
   * stored record against the version the chain last wrote of it (decrypting the whole vault once).
   */
  async verifyIntegrity(signal?: AbortSignal): Promise<IntegrityReport> {
    const { entries, chain, signatures } = await this.verifyChain(signal);
    const remote = await this.remote.all();
    const rows = new Map<string, Map<string, string | null>>();
    const withheld = new Set<string>();
    for (const table of Object.keys(RECORD_SCHEMAS) as RecordTable[]) {
      if (signal?.aborted) throw new Cancelled();
      const digests = new Map<string, string | null>();
      for (const row of await this.table(table).toArray()) {
        const key = this.keyring.keyFor(row.k);
        if (!key) {
          withheld.add(`${table}/${row.id}`);
          continue;
        }
        // The version as stored, not as today's schema would re-read it: a field added later must not make
        // every older row look altered.
        digests.set(row.id, await openJson(key, table, row.id, row.enc).then(recordDigest, () => null));
      }
      rows.set(table, digests);
    }
    const records = checkRecordsAgainstChain(await this.mergedWrites(entries), rows, withheld);
    // Writing goes on while the rows are read: a record written after the chain was read is newer than the chain
    // this check holds, which is not tampering. Such records are left to the next check, never reported.
    const lastRead = entries.reduce((n, e) => (e && e.seq >= n ? e.seq + 1 : n), entries.length);
    const writing = await this.writtenSince(lastRead, remote.applied.length);
    if (writing.size) records.problems = records.problems.filter((p) => !writing.has(`${p.table}/${p.id}`));
    return {
      chain,
      signatures,
      clockBackwards: clockBackwards(entries),
      records,
      head: await this.checkHeads(),
      withheld: withheld.size,
      others: {
        ...(await verifyOtherChains(entries, remote.applied, ed25519, this.opts.vaultId)),
        unreadable: remote.unreadable,
      },
    };
  }

  /** `table/id` of every record written here (own entries from `own` on, applied ones from `applied` on). */
  private async writtenSince(own: number, applied: number): Promise<Set<string>> {
    const out = new Set<string>();
    const length = await this.auditLength();
    const later = length > own ? await this.auditRange(own, length) : [];
    // An arrival set aside as a version to choose wrote no row, so it explains nothing.
    const arrived = (await this.remote.all()).applied
      .slice(applied)
      .filter((a) => !a.aside)
      .map((a) => a.entry);
    for (const e of [...later, ...arrived]) if (e) out.add(`${e.table}/${e.recordId}`);
    return out;
  }

  /**
   * This device's own entries with those applied from other devices' chains laid in where they were applied:
   * what the records check reads to know which write of each record came last here.
   */
  private async mergedWrites(entries: ReadonlyArray<AuditEntry | null>): Promise<AuditEntry[]> {
    const own = entries.filter((e) => e !== null);
    const applied = (await this.remote.all()).applied.filter((a) => !a.aside);
    if (!applied.length) return own;
    const out: AuditEntry[] = [];
    let k = 0;
    for (const e of own) {
      // `after` is the own entry an arrival followed: it goes before the next one.
      while (k < applied.length && applied[k]!.after < e.seq) out.push(applied[k++]!.entry);
      out.push(e);
    }
    for (; k < applied.length; k++) out.push(applied[k]!.entry);
    return out;
  }

  /**
   * The whole chain and a way to check its signatures: from the verify workers where the app gave them (their
   * hashes computed as they read), or read here. A worker that fails leaves the work to this thread.
   */
  private async chainToVerify(signal?: AbortSignal): Promise<{
    entries: Array<AuditEntry | null>;
    hashOk?: Uint8Array;
    check: SignatureCheck;
    done: () => void;
  }> {
    const key = this.key as Partial<WebAeadKey>;
    if (this.opts.chainWorkers && key.cryptoKey) {
      const workers = this.opts.chainWorkers(signal);
      try {
        const [newest] = (await this.db.audit.orderBy('seq').reverse().limit(1).primaryKeys()) as number[];
        const read = await workers.read(this.db.name, key.cryptoKey, (newest ?? -1) + 1);
        return { ...read, check: workers, done: () => workers.close() };
      } catch {
        workers.close();
        if (signal?.aborted) throw new Cancelled();
      }
    }
    return { entries: await this.auditEntries(), check: ed25519, done: () => undefined };
  }

  private table(t: RecordTable): Table<EncryptedRow, string> {
    return this.db.table(t) as Table<EncryptedRow, string>;
  }

  private async decryptRow<T extends RecordTable>(table: T, row: EncryptedRow): Promise<RecordOf<T>> {
    const key = this.keyring.keyFor(row.k);
    if (!key) throw new Withheld(table, row.id);
    const value = await openJson(key, table, row.id, row.enc);
    const parsed = RECORD_SCHEMAS[table].safeParse(value);
    if (!parsed.success) throw new DecryptionError(table, row.id);
    return parsed.data as RecordOf<T>;
  }
}
