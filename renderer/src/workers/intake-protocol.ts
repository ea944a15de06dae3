import type { IntakeError, IntakeResult, VerifyOutcome, WorkerChunkKeys } from '../db/file-chunks';

/** Messages between the evidence worker and the page. Plain data and transferable keys only. */
export type ToWorker =
  | {
      type: 'intake';
      jobId: string;
      file: File;
      documentId: string;
      key: CryptoKey;
      /** The compartment mark the chunks carry (a restricted case's original). */
      mark?: string;
      freeBytes: number | null;
    }
  | { type: 'cancel'; jobId: string }
  | {
      type: 'verify';
      jobId: string;
      keys: WorkerChunkKeys;
      doc: { id: string; size: number; chunkCount: number; sha256: string; sha512: string };
    };

export type FromWorker =
  | { type: 'progress'; jobId: string; done: number; total: number }
  | { type: 'stored'; jobId: string; result: IntakeResult }
  | { type: 'failed'; jobId: string; code: IntakeError }
  | { type: 'verified'; jobId: string; outcome: VerifyOutcome };
