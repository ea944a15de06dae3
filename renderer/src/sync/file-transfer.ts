import type { RemoteDatabase } from 'pouchdb-core';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '@shared/crypto/bytes';
import type { AeadKey } from '@shared/crypto/envelope';
import { CHUNK_ATTACHMENT, chunkStub, openChunk, sealChunkDoc, type ChunkHeader } from '@shared/sync/chunk-doc';
import { SyncDocError } from '@shared/sync/commit-doc';
import type { AuditEntry } from '@shared/domain/records';
import { CHUNK_SIZE } from '../db/file-store';
import type { FileStore } from '../db/file-store';
import type { RecordStore } from '../db/record-store';
import type { SealedMeta } from '../db/sealed-meta';
import { newestTeamKey, type TeamKeyRing } from '../db/team-keys';
import { randomBytes } from '../db/webcrypto-key';
import { z } from 'zod';

/** Where evidence files stand with the server, kept sealed beside the sync state (meta row `sync-files`). */
export const FILES_META_ID = 'sync-files';
/** Chunks sent, or fetched, in one turn of the sync cycle: new records are not kept waiting behind a large file. */
export const FILE_SLICE = 16;

const filesStateSchema = z.object({
  /** Originals taken in here whose chunks the server may not have all of yet. */
  outgoing: z.array(z.string().max(100)).max(1_000_000),
  /** Originals with chunks from the server, not yet checked whole against their signed record. */
  arriving: z.array(z.string().max(100)).max(1_000_000),
  /** Originals that came whole and do not match their record's hashes. */
  failed: z.array(z.string().max(100)).max(1_000_000),
});
export type FilesState = z.infer<typeof filesStateSchema>;
const EMPTY: FilesState = { outgoing: [], arriving: [], failed: [] };

export interface Transfer {
  direction: 'up' | 'down';
  /** Bytes of chunks moved so far in this run, and in all (as far as is known). */
  done: number;
  total: number;
}

/** The documents this run of commits created: their originals follow the commits to the server. */
export function createdDocuments(entries: ReadonlyArray<AuditEntry>): string[] {
  return entries.filter((e) => e.table === 'documents' && e.action === 'create').map((e) => e.recordId);
}

/**
 * Evidence originals between this laptop and the server, a chunk document each (shared/sync/chunk-doc.ts).
 * Ids come from this laptop's secret salt, the document and the index, so a chunk sent again after a dropped
 * connection is recognised by the server's "conflict" and costs nothing; the server learns nothing from them.
 * A chunk that arrives is written once and never replaces one held here; the whole file is checked against the
 * hashes in its signed record before it is counted as arrived.
 */
export class FileTransfer {
  private state: FilesState | null = null;

  constructor(
    private readonly store: RecordStore,
    private readonly meta: SealedMeta,
    private readonly files: FileStore,
  ) {}

  async load(): Promise<FilesState> {
    if (!this.state) {
      const parsed = filesStateSchema.safeParse(await this.meta.load(FILES_META_ID));
      this.state = parsed.success ? parsed.data : { ...EMPTY };
    }
    return this.state;
  }

  private async save(next: FilesState): Promise<void> {
    await this.meta.save(FILES_META_ID, next);
    this.state = next;
  }

  /** Queued before the commits that name them are sent: a crash in between sends the file anyway, never loses it. */
  async queue(documentIds: readonly string[]): Promise<void> {
    const s = await this.load();
    const fresh = documentIds.filter((id) => !s.outgoing.includes(id));
    if (fresh.length) await this.save({ ...s, outgoing: [...s.outgoing, ...fresh] });
  }

  /** Whether an original that came from the server failed its check (what the evidence panel shows). */
  async failed(documentId: string): Promise<boolean> {
    return (await this.load()).failed.includes(documentId);
  }

  static chunkId(salt: string, documentId: string, index: number): string {
    return toHex(sha256(utf8(`athar/v1/sync-chunk-id\n${salt}\n${documentId}\n${index}`)).subarray(0, 16));
  }

  /**
   * Sends up to FILE_SLICE chunks the server does not have yet, oldest original first, under the team's newest
   * key (a member removed since the original was taken in cannot open them). Returns whether more remain.
   */
  async send(
    remote: RemoteDatabase,
    salt: string,
    ring: TeamKeyRing,
    current: () => boolean,
    progress: (t: Transfer) => void,
  ): Promise<boolean> {
    let budget = FILE_SLICE;
    const team = newestTeamKey(ring).key;
    for (const documentId of [...(await this.load()).outgoing]) {
      const indexes = await this.files.chunkIndexes(documentId);
      const ids = indexes.map((i) => FileTransfer.chunkId(salt, documentId, i));
      const held = new Set(
        ids.length
          ? (await remote.allDocs({ keys: ids })).rows.filter((r) => r.value && !r.value.deleted).map((r) => r.key)
          : [],
      );
      const missing = indexes.filter((_, n) => !held.has(ids[n]!));
      const total = missing.length * CHUNK_SIZE;
      let done = 0;
      for (const index of missing) {
        if (!current()) return true;
        if (budget-- <= 0) return true;
        progress({ direction: 'up', done, total });
        const chunk = await this.files.chunkForTeam(documentId, index);
        // Deleted meanwhile (the record with it): nothing left to send.
        if (!chunk) break;
        const header: ChunkHeader = { d: documentId, i: index, ...(chunk.k ? { k: chunk.k } : {}) };
        const doc = await sealChunkDoc(
          team,
          randomBytes,
          FileTransfer.chunkId(salt, documentId, index),
          header,
          chunk.bytes,
        );
        const [r] = await remote.bulkDocs([doc]);
        // A conflict (or pouchdb-server's "forbidden" for a written-once document) is a chunk the server has.
        if (r?.error && r.status !== 409 && r.status !== 403) throw Object.assign(new Error(r.message ?? 'refused'), r);
        done += CHUNK_SIZE;
      }
      if (!current()) return true;
      const s = await this.load();
      await this.save({ ...s, outgoing: s.outgoing.filter((id) => id !== documentId) });
    }
    return false;
  }

  /**
   * One chunk document from the feed: its bytes fetched, opened with the team's keys, stored once. Refused ones
   * go to the quarantine list with their reason, as commits do; one no key opens yet is tried again when a key
   * comes (sync-service.ts).
   */
  async take(
    remote: RemoteDatabase,
    id: string,
    doc: unknown,
    ring: TeamKeyRing,
  ): Promise<'stored' | 'had' | 'refused'> {
    const at = new Date().toISOString();
    let sealed: Uint8Array;
    try {
      const stub = chunkStub(doc);
      const got = (await remote.getAttachment(stub.id, CHUNK_ATTACHMENT)) as Blob | Uint8Array;
      sealed = got instanceof Uint8Array ? got : new Uint8Array(await got.arrayBuffer());
      if (sealed.length !== stub.length) throw new SyncDocError('malformed');
    } catch (e) {
      if (!(e instanceof SyncDocError)) throw e;
      await this.store.remote.quarantine({ id, reason: e.problem, at });
      return 'refused';
    }
    let opened: Awaited<ReturnType<typeof openChunk>> | null = null;
    let problem: SyncDocError['problem'] = 'unreadable';
    for (let i = ring.keys.length - 1; i >= 0 && !opened; i--) {
      try {
        opened = await openChunk(ring.keys[i]!.key as AeadKey, id, sealed);
      } catch (e) {
        if (!(e instanceof SyncDocError)) throw e;
        if (e.problem !== 'unreadable') {
          problem = e.problem;
          break;
        }
      }
    }
    if (!opened) {
      await this.store.remote.quarantine({ id, reason: problem, at });
      return 'refused';
    }
    const { header, bytes } = opened;
    const stored = await this.files
      .storeArrivedChunk(header.d, header.i, { ...(header.k ? { k: header.k } : {}), bytes })
      .catch(async (e: unknown) => {
        if ((e as { code?: string }).code !== 'unreadable') throw e;
        await this.store.remote.quarantine({ id, reason: 'malformed', at });
        return null;
      });
    if (stored === null) return 'refused';
    if (stored) {
      const s = await this.load();
      if (!s.arriving.includes(header.d)) await this.save({ ...s, arriving: [...s.arriving, header.d] });
    }
    return stored ? 'stored' : 'had';
  }

  /**
   * Originals whose chunks are all here are checked whole against their signed record's hashes: a match leaves
   * the list; a file that does not match is kept, and named, for a person to look at.
   */
  async settle(): Promise<void> {
    const s = await this.load();
    if (!s.arriving.length) return;
    const still: string[] = [];
    const failed = [...s.failed];
    for (const id of s.arriving) {
      const record = await this.store.get('documents', id);
      const have = record ? (await this.files.chunkIndexes(id)).length : 0;
      if (!record || have < record.chunkCount) {
        still.push(id);
        continue;
      }
      const outcome = await this.files.verifyHere(record);
      if (!outcome.ok && !failed.includes(id)) failed.push(id);
    }
    // Nothing came whole since the last look (the usual case while a file is arriving): nothing to write.
    if (still.length === s.arriving.length) return;
    await this.save({ ...(await this.load()), arriving: still, failed });
  }
}
