/// <reference lib="webworker" />
import { AtharDb } from '../db/schema';
import { chunkKeysFromWorker, IntakeFailure, storeFile, verifyFile } from '../db/file-chunks';
import { wrapCryptoKey } from '../db/webcrypto-key';
import type { FromWorker, ToWorker } from './intake-protocol';

// Evidence intake and verification off the UI thread: files of any size stream through here chunk by chunk.
declare const self: DedicatedWorkerGlobalScope;
let db: AtharDb | null = null;
const signals = new Map<string, { cancelled: boolean }>();
const post = (m: FromWorker): void => self.postMessage(m);

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  db ??= new AtharDb();
  if (msg.type === 'cancel') {
    const s = signals.get(msg.jobId);
    if (s) s.cancelled = true;
    return;
  }
  if (msg.type === 'intake') {
    const signal = { cancelled: false };
    signals.set(msg.jobId, signal);
    let lastPost = 0;
    try {
      const result = await storeFile(db, wrapCryptoKey(msg.key), msg.documentId, msg.file, {
        signal,
        freeBytes: msg.freeBytes,
        ...(typeof msg.mark === 'string' ? { mark: msg.mark } : {}),
        onProgress: (done) => {
          const now = performance.now();
          if (now - lastPost > 100 || done === msg.file.size) {
            lastPost = now;
            post({ type: 'progress', jobId: msg.jobId, done, total: msg.file.size });
          }
        },
      });
      post({ type: 'stored', jobId: msg.jobId, result });
    } catch (e) {
      post({ type: 'failed', jobId: msg.jobId, code: e instanceof IntakeFailure ? e.code : 'unreadable' });
    } finally {
      signals.delete(msg.jobId);
    }
    return;
  }
  if (msg.type === 'verify') {
    const outcome = await verifyFile(db, chunkKeysFromWorker(msg.keys), msg.doc, (chunk) => {
      if (chunk % 16 === 0 || chunk === msg.doc.chunkCount)
        post({ type: 'progress', jobId: msg.jobId, done: chunk, total: msg.doc.chunkCount });
    });
    post({ type: 'verified', jobId: msg.jobId, outcome });
  }
};
