import type { AtharDb, ChunkRow } from './schema';
import { concatBytes } from '@shared/crypto/bytes';
import { randomBytes } from './webcrypto-key';
import type { WebAeadKey } from './webcrypto-key';
import { compartmentOfMark, Keyring } from './keyring';
import {
  chunkAad,
  CHUNK_SIZE,
  chunkWriter,
  deleteChunks,
  verifyFile,
  type VerifyOutcome,
  readChunks,
  readFile,
  resealChunks,
  type ChunkWriter,
  type KeyFor,
  type WorkerChunkKeys,
} from './file-chunks';
import { IntakeFailure } from './file-chunks';

/** A stored original as the file store needs to know it. */
export interface StoredFile {
  id: string;
  /** The original's length: what follows it in the last chunks is padding. */
  size: number;
  chunkCount: number;
}

/**
 * Evidence originals at rest (the `fileChunks` table), for the page: read
 * whole or chunk by chunk, written from a stream, discarded. Intake and
 * verification run in a worker, which is handed the key (it stays
 * non-extractable there) and opens the same database by name.
 */
export class FileStore {
  constructor(
    private readonly db: AtharDb,
    private readonly key: WebAeadKey,
    private readonly keyring: Keyring = new Keyring(key),
    /** The compartment mark a case's originals are sealed with (undefined: a standard case's, the data key). */
    private readonly markForCase: (caseId: string | null) => string | undefined = () => undefined,
  ) {}

  async read(doc: StoredFile & { mediaType: string }): Promise<Blob> {
    return readFile(this.db, this.heldKeys, doc);
  }

  /** The original's bytes as a stream of decrypted chunks, for exports and backups of any size. */
  async *chunks(doc: StoredFile): AsyncGenerator<Uint8Array> {
    yield* readChunks(this.db, this.heldKeys, doc);
  }

  /** Stores an original that arrives as a stream (from a package or a backup) under the given document id. */
  writer(documentId: string, caseId: string | null = null): Promise<ChunkWriter> {
    const mark = this.markForCase(caseId);
    return chunkWriter(this.db, this.keyFor(mark), documentId, mark);
  }

  /** What an intake in a worker is given for a case's new original: the key and the mark its chunks carry. */
  intakeKey(caseId: string | null): { key: CryptoKey; mark?: string } {
    const mark = this.markForCase(caseId);
    return { key: this.keyFor(mark).cryptoKey, ...(mark ? { mark } : {}) };
  }

  /** Each chunk opens with the key its own mark names: a file half way through a re-seal reads whole. */
  private readonly heldKeys: KeyFor = (mark) => this.keyring.keyFor(mark);

  /**
   * The keys a worker needs to read a stored original: the data key and every held generation of the
   * compartments its first and last chunks name. A re-seal goes in chunk order, so a file it left half done has
   * the new key at the front and the old one at the back; nothing else the member holds is handed out.
   */
  async documentKeys(documentId: string): Promise<WorkerChunkKeys> {
    const first = await this.db.fileChunks.get([documentId, 0]);
    const last = await this.db.fileChunks
      .where('[documentId+index]')
      .between([documentId, 0], [documentId, Infinity])
      .last();
    const compartments = new Set(
      [first?.k, last?.k].filter((k): k is string => k !== undefined).map(compartmentOfMark),
    );
    return [
      ['', this.key.cryptoKey],
      ...this.keyring.forWorker().filter(([mark]) => compartments.has(compartmentOfMark(mark))),
    ];
  }

  /** Every chunk of these originals sealed again with `to`'s key (a compartment's rotation or move). */
  async resealChunks(docs: ReadonlyArray<{ id: string }>, to: string | undefined, signal?: AbortSignal): Promise<void> {
    for (const d of docs) await resealChunks(this.db, (m) => this.keyring.keyFor(m), d.id, to, signal);
  }

  /** Every chunk sealed with any generation of a compartment's key, sealed again with `to`'s. */
  async resealCompartment(compartmentId: string, to: string | undefined, signal?: AbortSignal): Promise<void> {
    const keys = (await this.db.fileChunks.where('k').startsWith(`${compartmentId}:`).primaryKeys()) as Array<
      [string, number]
    >;
    await this.resealChunks(
      [...new Set(keys.map((k) => k[0]))].map((id) => ({ id })),
      to,
      signal,
    );
  }

  /**
   * After an intake: if the case's key changed while its original streamed in (a member unassigned meanwhile),
   * its chunks move to the current key now, while this session still holds both.
   */
  async settleIntake(documentId: string, caseId: string | null): Promise<void> {
    const mark = this.markForCase(caseId);
    const first = await this.db.fileChunks.get([documentId, 0]);
    if (first && first.k !== mark) await this.resealChunks([{ id: documentId }], mark);
  }

  /** How many chunks of a compartment are under another generation than `mark`. */
  async chunksNotUnder(compartmentId: string, mark: string): Promise<number> {
    const marks = await this.db.fileChunks.where('k').startsWith(`${compartmentId}:`).keys();
    return marks.filter((k) => k !== mark).length;
  }

  private keyFor(mark: string | undefined): WebAeadKey {
    const key = mark === undefined ? this.key : this.keyring.webKeyFor(mark);
    if (!key) throw new IntakeFailure('unreadable');
    return key;
  }

  /**
   * A chunk as the sync server is sent it: a standard original's bytes in clear (this laptop's data key is its
   * alone; the sender seals them under a team key), a compartment's still sealed under the compartment's key.
   */
  async chunkForTeam(documentId: string, index: number): Promise<{ k?: string; bytes: Uint8Array } | null> {
    const row = await this.db.fileChunks.get([documentId, index]);
    if (!row) return null;
    if (row.k) return { k: row.k, bytes: concatBytes(row.enc.iv, row.enc.ct) };
    return { bytes: await this.key.decrypt(row.enc.iv, chunkAad(documentId, index), row.enc.ct) };
  }

  /**
   * A chunk that came from another laptop, stored as this laptop stores its own. Written once: a chunk already
   * here (this laptop's own original, or one that came before) is never replaced, so nothing that arrives can
   * change a file held here. Returns whether it was stored.
   */
  async storeArrivedChunk(
    documentId: string,
    index: number,
    arrived: { k?: string; bytes: Uint8Array },
  ): Promise<boolean> {
    let row: ChunkRow;
    if (arrived.k) {
      row = {
        documentId,
        index,
        enc: { v: 1, iv: arrived.bytes.slice(0, 12), ct: arrived.bytes.slice(12) },
        k: arrived.k,
      };
    } else {
      if (!arrived.bytes.length || arrived.bytes.length > CHUNK_SIZE) throw new IntakeFailure('unreadable');
      const iv = randomBytes(12);
      row = {
        documentId,
        index,
        enc: { v: 1, iv, ct: await this.key.encrypt(iv, chunkAad(documentId, index), arrived.bytes) },
      };
    }
    try {
      await this.db.fileChunks.add(row);
      return true;
    } catch (e) {
      if ((e as { name?: string }).name === 'ConstraintError') return false;
      throw e;
    }
  }

  /** Which chunks of an original are here, in order. */
  async chunkIndexes(documentId: string): Promise<number[]> {
    const keys = (await this.db.fileChunks
      .where('[documentId+index]')
      .between([documentId, 0], [documentId, Infinity])
      .primaryKeys()) as Array<[string, number]>;
    return keys.map((k) => k[1]);
  }

  /** An original re-read and hashed here, on this thread (a file that came from another laptop, checked once). */
  verifyHere(doc: Parameters<typeof verifyFile>[2]): Promise<VerifyOutcome> {
    return verifyFile(this.db, this.heldKeys, doc);
  }

  discard(documentId: string): Promise<void> {
    return deleteChunks(this.db, documentId);
  }

  /** The documents that have chunks stored, whether or not a record names them. */
  async storedDocumentIds(): Promise<Set<string>> {
    const keys = await this.db.fileChunks.toCollection().primaryKeys();
    return new Set(keys.map((k) => (k as [string, number])[0]));
  }

  /** What a worker needs to read the same vault: the database's name and the (non-extractable) keys. */
  workerAccess(): WorkerAccess {
    return { dbName: this.db.name, key: this.key.cryptoKey, compartments: this.keyring.forWorker() };
  }
}

export interface WorkerAccess {
  dbName: string;
  key: CryptoKey;
  /** The compartment keys this member holds, by the mark their rows carry. */
  compartments: Array<[string, CryptoKey]>;
}

/** The size of every stored chunk but an original's last: what sync and exports count progress in. */
export { CHUNK_SIZE } from './file-chunks';
