import type { FileStore } from '../db/file-store';
import type { ChunkWriter, IntakeError, IntakeResult, VerifyOutcome } from '../db/file-chunks';
import { randomId } from '../db/webcrypto-key';
import type { FromWorker, ToWorker } from '../workers/intake-protocol';
import { forgetMedia, streamUrl } from './media-stream';

export interface IntakeJob {
  jobId: string;
  documentId: string;
  name: string;
  size: number;
  done: number;
  state: 'running' | 'stored' | 'failed' | 'cancelling';
  error?: IntakeError;
}

type Listener = () => void;

/**
 * The page's side of evidence intake: one worker does the streaming, hashing
 * and encryption; this keeps the list of running jobs for the UI and drops
 * the worker (and the key it holds) when the vault locks.
 */
export class EvidenceFiles {
  private worker: Worker | null = null;
  private readonly jobs = new Map<string, IntakeJob>();
  private readonly waiting = new Map<
    string,
    { resolve: (v: unknown) => void; onProgress?: (done: number, total: number) => void }
  >();
  private readonly listeners = new Set<Listener>();
  private snapshot: IntakeJob[] = [];

  constructor(private readonly files: FileStore) {}

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  }
  current(): IntakeJob[] {
    return this.snapshot;
  }

  /** Streams the file into the vault; resolves with its hashes, or with the reason it was not stored (nothing is left behind). */
  async intake(file: File, caseId: string | null = null): Promise<{ job: IntakeJob; result?: IntakeResult }> {
    const job: IntakeJob = {
      jobId: randomId(),
      documentId: randomId(),
      name: file.name,
      size: file.size,
      done: 0,
      state: 'running',
    };
    this.jobs.set(job.jobId, job);
    this.changed();
    const freeBytes = await estimateFree();
    const reply = (await this.call(
      // A restricted case's original is sealed with the case's key from its first chunk on.
      {
        type: 'intake',
        jobId: job.jobId,
        file,
        documentId: job.documentId,
        ...this.files.intakeKey(caseId),
        freeBytes,
      },
      (done) => {
        this.update(job.jobId, { done });
      },
    )) as FromWorker;
    if (reply.type === 'stored') {
      await this.files.settleIntake(job.documentId, caseId).catch(() => undefined);
      this.update(job.jobId, { state: 'stored', done: file.size });
      return { job: this.jobs.get(job.jobId)!, result: reply.result };
    }
    this.update(job.jobId, { state: 'failed', error: reply.type === 'failed' ? reply.code : 'unreadable' });
    return { job: this.jobs.get(job.jobId)! };
  }

  cancel(jobId: string): void {
    this.update(jobId, { state: 'cancelling' });
    this.post({ type: 'cancel', jobId });
  }

  dismiss(jobId: string): void {
    this.jobs.delete(jobId);
    this.changed();
  }

  async verify(
    doc: { id: string; size: number; chunkCount: number; sha256: string; sha512: string },
    onProgress?: (done: number, total: number) => void,
  ): Promise<VerifyOutcome> {
    const reply = (await this.call(
      { type: 'verify', jobId: randomId(), keys: await this.files.documentKeys(doc.id), doc },
      onProgress,
    )) as FromWorker;
    if (reply.type !== 'verified') throw new Error('verify failed');
    return reply.outcome;
  }

  /** Removes stored chunks of a file whose record was never written (duplicate, failed save). */
  discard(documentId: string): Promise<void> {
    return this.files.discard(documentId);
  }

  read(doc: { id: string; size: number; chunkCount: number; mediaType: string }): Promise<Blob> {
    return this.files.read(doc);
  }

  /** The original's bytes as a stream of decrypted chunks, for exports of any size. */
  chunks(doc: { id: string; size: number; chunkCount: number }): AsyncGenerator<Uint8Array> {
    return this.files.chunks(doc);
  }

  /** Stores an original that arrives as a stream (from a package or a backup) under the given document id. */
  writer(documentId: string, caseId: string | null = null): Promise<ChunkWriter> {
    return this.files.writer(documentId, caseId);
  }

  /** A range-streamable URL for audio and video, served decrypted by the media service worker; null where unavailable. */
  streamUrl(doc: { id: string; size: number; chunkCount: number; mediaType: string }): Promise<string | null> {
    return this.files
      .documentKeys(doc.id)
      .then((keys) => streamUrl(doc, keys))
      .catch(() => null);
  }

  /** Chunks left by an intake that was interrupted (a crash, a lock) belong to no document: remove them. */
  async collectOrphans(knownDocumentIds: Set<string>): Promise<number> {
    const running = new Set([...this.jobs.values()].map((j) => j.documentId));
    const orphans = [...(await this.files.storedDocumentIds())].filter(
      (id) => !knownDocumentIds.has(id) && !running.has(id),
    );
    for (const id of orphans) await this.files.discard(id);
    return orphans.length;
  }

  dispose(): void {
    void forgetMedia().catch(() => undefined);
    this.worker?.terminate();
    this.worker = null;
    for (const w of this.waiting.values()) w.resolve({ type: 'failed', jobId: '', code: 'cancelled' });
    this.waiting.clear();
  }

  private call(msg: ToWorker, onProgress?: (done: number, total: number) => void): Promise<unknown> {
    return new Promise((resolve) => {
      this.waiting.set(msg.jobId, { resolve, ...(onProgress ? { onProgress } : {}) });
      this.post(msg);
    });
  }

  private post(msg: ToWorker): void {
    if (!this.worker) {
      this.worker = new Worker(new URL('../workers/intake.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (ev: MessageEvent<FromWorker>) => {
        const m = ev.data;
        const w = this.waiting.get(m.jobId);
        if (!w) return;
        if (m.type === 'progress') {
          w.onProgress?.(m.done, m.total);
          return;
        }
        this.waiting.delete(m.jobId);
        w.resolve(m);
      };
    }
    this.worker.postMessage(msg);
  }

  private update(jobId: string, patch: Partial<IntakeJob>): void {
    const j = this.jobs.get(jobId);
    if (!j) return;
    this.jobs.set(jobId, { ...j, ...patch });
    this.changed();
  }

  private changed(): void {
    this.snapshot = [...this.jobs.values()];
    for (const l of this.listeners) l();
  }
}

async function estimateFree(): Promise<number | null> {
  try {
    const e = await navigator.storage.estimate();
    return e.quota !== undefined && e.usage !== undefined ? e.quota - e.usage : null;
  } catch {
    return null;
  }
}
