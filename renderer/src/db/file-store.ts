import type { AtharDb } from './schema';
import type { WebAeadKey } from './webcrypto-key';
import { compartmentOfMark, Keyring } from './keyring';
import {
  chunkWriter,
  deleteChunks,
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
