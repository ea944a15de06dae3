import type { ChangesResult, RemoteDatabase } from 'pouchdb-core';
import { remoteDatabase } from './remote-db';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '@shared/crypto/bytes';
import { sealCommitDoc, splitCommit, SyncDocError, type SyncDoc } from '@shared/sync/commit-doc';
import type { TeamOrigin } from '@shared/sync/verify-incoming';
import type { RecordStore } from '../db/record-store';
import type { SealedMeta } from '../db/sealed-meta';
import { randomBytes } from '../db/webcrypto-key';
import { outgoingCommits, readOutbox } from './outbox';
import { receive } from './receive';
import { keyForCommit } from '../db/team-keys';
import { PermissionRefused, VaultError } from '../db/vault-errors';
import type { CaseRepository } from '../db/case-repository';
import { serverAddressProblem } from '@shared/sync/server-address';
import { syncSettingsSchema, type SyncSettings, type SyncState } from './sync-settings';
import { createdDocuments, FILE_SLICE, FileTransfer } from './file-transfer';
import { isChunkDoc } from '@shared/sync/chunk-doc';
import { commitRowsMessage } from '@shared/crypto/signatures';
import type { FileStore } from '../db/file-store';

/** A chunk document's size as its stub gives it (0 for one that does not say: it is refused when taken). */
function chunkLength(doc: unknown): number {
  const n = (doc as { _attachments?: { c?: { length?: unknown } } })._attachments?.c?.length;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

export type SyncProblem = 'credentials' | 'server' | 'address' | 'too-large';

export type SyncStatus =
  | { state: 'off' }
  | { state: 'synced'; at: string }
  | { state: 'sending'; waiting: number }
  /** An evidence file's chunks going up or coming down: bytes of this run so far, and in all. */
  | { state: 'transferring'; direction: 'up' | 'down'; done: number; total: number; waiting: number }
  | { state: 'offline'; since: string; waiting: number }
  | { state: 'error'; problem: SyncProblem; waiting: number }
  | { state: 'paused'; waiting: number };

const BATCH = 50;
/** Bytes of documents per request, well inside the relay's and a server's request limits. */
const REQUEST_BYTES = 16 * 1024 * 1024;
const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];
const POLL_MS = 1500;
/** Changes read per request: a page of documents is judged and applied in one transaction. */
const PULL_PAGE = 100;

/**
 * This device's side of the sync server, through CouchDB's documented HTTP API with PouchDB's HTTP client.
 * Every commit lands in the vault first; this sends what the chain holds past the last acknowledged entry, in
 * batches, as documents the server cannot read (shared/sync/commit-doc.ts). Ids are derived from a secret
 * salt and the position, so sending a batch again after a crash or a dropped connection writes nothing twice
 * (the server answers "conflict" for a document it has). What has been acknowledged is recorded in the vault
 * only after the server said so: nothing is marked sent that was not.
 */
export class SyncService {
  private state: SyncState | null = null;
  private current: SyncStatus = { state: 'off' };
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private running: Promise<void> | null = null;
  private again = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private offlineSince: string | null = null;
  private stopped = false;
  /** Set when the user did not allow the server: nothing is sent (and nothing asked) until they connect again. */
  private refused = false;
  /** Bumped whenever what a running send works for changes (connect, pause, stop): that send then stops. */
  private generation = 0;
  /** A team key came (or was made) since documents quarantined as unreadable were last tried again. */
  private keysGrew = false;
  /** Evidence chunks are left to send or fetch: the next cycle follows at once, and "synced" is not said yet. */
  private filesLeft = false;
  /** Whether the documents held from an earlier run have been judged again since this one started. */
  private judgedHeld = false;
  private readonly stopListening: () => void;
  private readonly transfer: FileTransfer | null;

  constructor(
    private readonly store: RecordStore,
    private readonly meta: SealedMeta,
    private readonly fetchFn: typeof fetch | null,
    /** The case list's summaries are made again for cases that arrive (none in tests of sending alone). */
    private readonly cases?: CaseRepository,
    /** Evidence originals go with their records (none in tests of records alone). */
    files?: FileStore,
  ) {
    this.stopListening = store.onCommit(() => this.kick());
    this.transfer = files ? new FileTransfer(store, meta, files) : null;
  }

  /** Whether an original that came from another laptop failed its check against its signed record. */
  async fileFailed(documentId: string): Promise<boolean> {
    return (await this.transfer?.failed(documentId)) ?? false;
  }

  /** Whether this build can reach a server at all (the desktop app's network path comes with device enrolment). */
  get available(): boolean {
    return this.fetchFn !== null;
  }

  async start(): Promise<void> {
    this.state = await this.meta.load<SyncState>('sync');
    if (this.state?.settings && !this.state.paused) this.kick();
    else this.publish(this.state?.settings ? { state: 'paused', waiting: this.waiting() } : { state: 'off' });
  }

  status(): SyncStatus {
    return this.current;
  }

  settings(): SyncSettings | null {
    return this.state?.settings ?? null;
  }

  subscribe(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Where the team began, as invitations from this laptop tell it (receive.ts holds arrivals to it). */
  async origin(): Promise<TeamOrigin> {
    if (this.state?.origin) return this.state.origin;
    const device = this.store.vaultId!;
    const founderKey = await this.store.founderKey();
    // A team has its first administrator before anyone is invited: without them there is no one to pin.
    if (!founderKey) throw new Error('no founder');
    const origin = { device, founderKey };
    if (this.state) {
      this.state = { ...this.state, origin };
      await this.meta.save('sync', this.state);
    }
    return origin;
  }

  /** Saves where to sync (checked first) and starts sending. */
  async connect(settings: SyncSettings): Promise<void> {
    const parsed = syncSettingsSchema.parse(settings);
    if (serverAddressProblem(parsed.server)) throw new Error('address');
    const salt = this.state?.salt ?? toHex(randomBytes(32));
    const before = this.state?.settings;
    // Another server (or database) has none of this device's history: it is all sent there again.
    const sameServer = before?.server === parsed.server && before.database === parsed.database;
    this.generation++;
    this.state = {
      settings: parsed,
      salt,
      sentUpTo: sameServer ? (this.state?.sentUpTo ?? -1) : -1,
      ...(sameServer && this.state?.pulledSince !== undefined ? { pulledSince: this.state.pulledSince } : {}),
      // Where the team began does not change with the server (a joined copy learnt it from its invitation).
      ...(this.state?.origin ? { origin: this.state.origin } : {}),
      paused: false,
    };
    await this.meta.save('sync', this.state);
    this.failures = 0;
    this.refused = false;
    this.kick();
  }

  async pause(): Promise<void> {
    if (!this.state?.settings) return;
    this.generation++;
    this.state = { ...this.state, paused: true };
    await this.meta.save('sync', this.state);
    if (this.retry) clearTimeout(this.retry);
    this.publish({ state: 'paused', waiting: this.waiting() });
  }

  async resume(): Promise<void> {
    if (!this.state?.settings) return;
    this.state = { ...this.state, paused: false };
    await this.meta.save('sync', this.state);
    this.failures = 0;
    this.refused = false;
    this.kick();
  }

  /** At lock: nothing more is sent; what was not acknowledged is sent at the next unlock. */
  stop(): void {
    this.stopped = true;
    this.generation++;
    this.stopListening();
    if (this.retry) clearTimeout(this.retry);
    this.listeners.clear();
  }

  private waiting(): number {
    return Math.max(0, this.store.headSeq - (this.state?.sentUpTo ?? -1));
  }

  private publish(s: SyncStatus): void {
    this.current = s;
    for (const l of this.listeners) l(s);
  }

  /** Once synced, the server's changes feed is asked again after this long (and at once after each commit here). */
  private schedulePoll(): void {
    if (this.stopped || this.refused || !this.state?.settings || this.state.paused || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.kick();
    }, POLL_MS);
  }

  private kick(): void {
    if (this.stopped || this.refused || !this.state?.settings || this.state.paused || !this.fetchFn) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.running = this.cycle()
      .then(
        () => {
          this.failures = 0;
          this.offlineSince = null;
          if (this.stopped) return;
          if (this.filesLeft && !this.state?.paused) {
            this.again = true;
            return;
          }
          this.publish(
            this.state?.paused
              ? { state: 'paused', waiting: this.waiting() }
              : { state: 'synced', at: new Date().toISOString() },
          );
          if (!this.again) this.schedulePoll();
        },
        (e: unknown) => this.failed(e),
      )
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private failed(e: unknown): void {
    if (this.stopped || this.state?.paused) return;
    const status = (e as { status?: number }).status;
    const waiting = this.waiting();
    // 502 to 504: a proxy in front of the server (TLS, or the host's own way out) could not reach it.
    const unreachable = !status || status === 502 || status === 503 || status === 504;
    if ((e as { notAllowed?: boolean }).notAllowed) {
      // Not asked again until the user connects again: a refused dialog must not come back at every save.
      this.refused = true;
      this.publish({ state: 'error', problem: 'address', waiting });
      return;
    }
    if (e instanceof SyncDocError) {
      // A commit larger than any server takes: retrying cannot help (docs/sync.md, "Limits").
      this.publish({ state: 'error', problem: 'too-large', waiting });
      return;
    }
    if (status === 401 || status === 403) this.publish({ state: 'error', problem: 'credentials', waiting });
    else if (!unreachable) this.publish({ state: 'error', problem: 'server', waiting });
    else {
      this.offlineSince ??= new Date().toISOString();
      this.publish({ state: 'offline', since: this.offlineSince, waiting });
    }
    const delay = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)]!;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.kick();
    }, delay);
  }

  /**
   * Random to the server; the same for the same commit, so a resend is answered "conflict" and written once. The
   * last entry's hash is in it, so another commit at the same position (a copied vault going its own way) gets
   * another id and reaches the receivers, who see the fork.
   */
  private docId(salt: string, from: number, lastHash: string): string {
    return toHex(sha256(utf8(`athar/v1/sync-doc-id\n${salt}\n${from}\n${lastHash}`)).subarray(0, 16));
  }

  /** What this device has not sent yet goes first; then what the others sent is taken in. */
  private async cycle(): Promise<void> {
    const generation = this.generation;
    const current = (): boolean => !this.stopped && generation === this.generation;
    const remote = remoteDatabase(this.state!.settings!, this.fetchFn!);
    try {
      // A team key that came in the last pull seals what is sent now; one that names a removed member is
      // replaced first (by an administrator's laptop), so nothing new goes out under a key they hold.
      this.keysGrew = (await this.store.absorbTeamKeys()) || this.keysGrew;
      if (await this.store.teamKeyStale()) this.keysGrew = (await this.replaceTeamKey()) || this.keysGrew;
      await this.send(remote, current);
      this.filesLeft = false;
      if (current() && this.transfer)
        this.filesLeft = await this.transfer.send(remote, this.state!.salt, await this.store.teamKeys(), current, (t) =>
          this.publish({ state: 'transferring', ...t, waiting: this.waiting() }),
        );
      if (current()) await this.pull(remote, current);
      if (current()) await this.transfer?.settle();
    } finally {
      await remote.close().catch(() => undefined);
    }
  }

  /**
   * Reads the server's changes feed past the last position judged here, a page at a time; each page is judged
   * and applied (receive.ts) before the position is saved, so a crash or a dropped connection reads the page
   * again, and what was applied already is recognised as such.
   */
  private async pull(remote: RemoteDatabase, current: () => boolean): Promise<void> {
    // Summaries an earlier run applied records for but did not get to (it was closed or crashed in between).
    await this.cases?.refreshStale();
    // Documents held for an earlier commit that an earlier run applied and then stopped (a crash, a kill) before
    // judging them again: the page it read again applies nothing new, so nothing else would wake them.
    if (!this.judgedHeld) {
      await this.judgeHeld(this.receiveOptions());
      this.judgedHeld = true;
    }
    // The next page is fetched while this one is judged: the network's time then hides behind the work.
    let ahead: { since: string | number; page: Promise<ChangesResult> } | null = null;
    const fetchPage = (since: string | number): Promise<ChangesResult> => {
      const page = remote.changes({ since, limit: PULL_PAGE, include_docs: true });
      page.catch(() => undefined);
      return page;
    };
    for (;;) {
      const since = this.state!.pulledSince ?? 0;
      const page: ChangesResult = await (ahead?.since === since ? ahead.page : fetchPage(since));
      ahead = page.results.length < PULL_PAGE ? null : { since: page.last_seq, page: fetchPage(page.last_seq) };
      if (!current()) return;
      const results = page.results.filter((r) => !r.deleted && r.doc && !r.id.startsWith('_design/'));
      const chunks = results.filter((r) => isChunkDoc(r.doc));
      const docs = results.filter((r) => !isChunkDoc(r.doc)).map((r) => ({ id: r.id, doc: r.doc }));
      if (docs.length) {
        const o = this.receiveOptions();
        const keys = (await this.store.teamKeys()).keys.length;
        // Documents that waited for an earlier commit are judged again while anything moves.
        if ((await receive(docs, o)).applied && current()) await this.judgeHeld(o);
        if ((await this.store.teamKeys()).keys.length > keys) this.keysGrew = true;
        if (current() && this.keysGrew) {
          await this.openedAtLast(remote, o);
          this.keysGrew = false;
        }
      }
      if (!current()) return;
      // The page's commits are judged; its evidence chunks follow, the place saved after each, so a dropped
      // connection fetches again only the chunk it was on.
      if (chunks.length && this.transfer) {
        const ring = await this.store.teamKeys();
        const total = chunks.reduce((n, r) => n + chunkLength(r.doc), 0);
        let done = 0;
        let budget = FILE_SLICE;
        for (const r of chunks) {
          if (budget-- <= 0) {
            this.filesLeft = true;
            return;
          }
          this.publish({ state: 'transferring', direction: 'down', done, total, waiting: this.waiting() });
          await this.transfer.take(remote, r.id, r.doc, ring);
          if (!current()) return;
          done += chunkLength(r.doc);
          this.state = { ...this.state!, pulledSince: r.seq };
          await this.meta.save('sync', this.state);
        }
      }
      this.state = { ...this.state!, pulledSince: page.last_seq };
      await this.meta.save('sync', this.state);
      if (page.results.length < PULL_PAGE) return;
    }
  }

  private receiveOptions(): Parameters<typeof receive>[1] {
    return {
      store: this.store,
      // A copy with no origin recorded founded the team itself: its members are its own, and no chain from
      // elsewhere may found them again (no key matches an empty one).
      origin: this.state!.origin ?? { device: this.store.vaultId!, founderKey: '' },
      ...(this.cases ? { cases: this.cases } : {}),
    };
  }

  /** The documents held for an earlier commit, judged again until nothing more is applied. */
  private async judgeHeld(o: Parameters<typeof receive>[1]): Promise<void> {
    for (;;) {
      const waiting = await this.store.remote.waiting();
      if (!waiting.length || !(await receive(waiting, o)).applied) return;
    }
  }

  /**
   * A new team key came: documents that did not open before (sent under it, and read before the commit that
   * brought it, where a server's feed is not in the order they were written) are fetched and judged again.
   */
  private async openedAtLast(remote: RemoteDatabase, o: Parameters<typeof receive>[1]): Promise<void> {
    const ids = (await this.store.remote.quarantined()).filter((q) => q.reason === 'unreadable').map((q) => q.id);
    const docs: Array<{ id: string; doc: unknown }> = [];
    const ring = await this.store.teamKeys();
    for (const id of ids) {
      const doc = await remote.get(id).catch(() => null);
      if (!doc) continue;
      if (!isChunkDoc(doc)) docs.push({ id, doc });
      // A chunk is taken (or quarantined again, as it was) before it leaves the list.
      else if (this.transfer && (await this.transfer.take(remote, id, doc, ring)) !== 'refused')
        await this.store.remote.unquarantine([id]);
    }
    if (!docs.length) return;
    // Held before they leave the quarantine list, so a crash in between loses none of them.
    for (const d of docs) await this.store.remote.hold(d.id, d.doc);
    await this.store.remote.unquarantine(docs.map((d) => d.id));
    if ((await receive(docs, o)).applied) await this.judgeHeld(o);
  }

  /**
   * A new team key in place of one a removed member holds. Only an administrator may make one: any other
   * laptop leaves it to theirs (and keeps sending, under the key the team has, until one comes).
   */
  private async replaceTeamKey(): Promise<boolean> {
    try {
      await this.store.rotateTeamKey();
      return true;
    } catch (e) {
      if (e instanceof PermissionRefused || e instanceof VaultError) return false;
      throw e;
    }
  }

  private async send(remote: RemoteDatabase, current: () => boolean): Promise<void> {
    const state = this.state!;
    const device = this.store.deviceId;
    if (!device) throw Object.assign(new Error('no vault id'), { status: 400 });
    for (;;) {
      const outbox = await readOutbox(this.store, this.state!.sentUpTo);
      if (!outbox.groups.length || !current()) return;
      let next = 0;
      while (next < outbox.groups.length) {
        const batch = await outgoingCommits(this.store, device, outbox, next, BATCH);
        if (!batch) break;
        if (!current()) return;
        this.publish({ state: 'sending', waiting: this.waiting() });
        // Sealed under a team key, the rows too (this laptop's own data key is its alone): the newest that had
        // come here before the commit was made, which every laptop it was meant for holds.
        // A commit too large for one document goes in parts (commit-doc.ts), each with an id of its own.
        const ring = await this.store.teamKeys();
        // Which rows go with each signed commit, signed by this laptop's member now (commitRowsMessage).
        const signedBatch = await Promise.all(
          batch.map(async (c) => {
            const last = c.commit.entries.at(-1)!;
            const rowsSig = last.sig
              ? await this.store.signAsMember(commitRowsMessage(c.commit.entries[0]!.seq, last, c.commit.rows))
              : null;
            return rowsSig ? { ...c, commit: { ...c.commit, rowsSig } } : c;
          }),
        );
        const docs = await Promise.all(
          signedBatch.flatMap((c) => {
            const team = keyForCommit(ring, c.from);
            return splitCommit(c.commit).map(async (part) =>
              sealCommitDoc(
                team,
                randomBytes,
                this.docId(state.salt, part.entries[0]!.seq, part.entries.at(-1)!.hash),
                { ...part, rows: await this.store.forTeam(part.rows, team) },
              ),
            );
          }),
        );
        // What the server already has (sent before a crash or a dropped answer) is not sent again: the server
        // refuses to change a document, and CouchDB answers "conflict" where pouchdb-server says "forbidden".
        const held = new Set(
          (await remote.allDocs({ keys: docs.map((d) => d._id) })).rows
            .filter((r) => r.value && !r.value.deleted)
            .map((r) => r.key),
        );
        for (const part of byBytes(docs.filter((d) => !held.has(d._id)))) {
          const results = await remote.bulkDocs(part);
          for (const r of results) {
            // A conflict is a document the server already has: sent before a crash or a dropped answer.
            if (r.error && r.status !== 409) throw Object.assign(new Error(r.message ?? 'refused'), r);
          }
        }
        // Recorded only for the send still wanted: a lock, a pause or another server since means it is not.
        // The originals of documents made in these commits are queued first (file-transfer.ts).
        await this.transfer?.queue(batch.flatMap((c) => createdDocuments(c.commit.entries)));
        if (!current()) return;
        this.state = { ...this.state!, sentUpTo: batch.at(-1)!.to };
        await this.meta.save('sync', this.state);
        next += batch.length;
      }
    }
  }
}

/** Documents in requests of at most REQUEST_BYTES (one document alone if it is larger). */
function byBytes(docs: SyncDoc[]): SyncDoc[][] {
  const out: SyncDoc[][] = [];
  let part: SyncDoc[] = [];
  let bytes = 0;
  for (const d of docs) {
    if (part.length && bytes + d.c.length > REQUEST_BYTES) {
      out.push(part);
      part = [];
      bytes = 0;
    }
    part.push(d);
    bytes += d.c.length;
  }
  if (part.length) out.push(part);
  return out;
}
