import type { AtharDb } from './schema';
import type { WebAeadKey } from './webcrypto-key';
import { chunkWriter, deleteChunks, readChunks, readFile, type ChunkWriter } from './file-chunks';

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
  ) {}

  read(doc: StoredFile & { mediaType: string }): Promise<Blob> {
    return readFile(this.db, this.key, doc);
  }

  /** The original's bytes as a stream of decrypted chunks, for exports and backups of any size. */
  chunks(doc: StoredFile): AsyncGenerator<Uint8Array> {
    return readChunks(this.db, this.key, doc);
  }

  /** Stores an original that arrives as a stream (from a package or a backup) under the given document id. */
  writer(documentId: string): Promise<ChunkWriter> {
    return chunkWriter(this.db, this.key, documentId);
  }

  discard(documentId: string): Promise<void> {
    return deleteChunks(this.db, documentId);
  }

  /** The documents that have chunks stored, whether or not a record names them. */
  async storedDocumentIds(): Promise<Set<string>> {
    const keys = await this.db.fileChunks.toCollection().primaryKeys();
    return new Set(keys.map((k) => (k as [string, number])[0]));
  }

  /** What a worker needs to open the same files: the database's name and the (non-extractable) key. */
  workerAccess(): WorkerAccess {
    return { dbName: this.db.name, key: this.key.cryptoKey };
  }
}

export interface WorkerAccess {
  dbName: string;
  key: CryptoKey;
}
