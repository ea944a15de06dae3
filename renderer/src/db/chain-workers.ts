import { Cancelled } from '@shared/cancelled';
import type { SignatureCheck } from '@shared/crypto/signatures';
import type { AuditEntry } from '@shared/domain/records';
import type { FromChain, ToChain } from '../workers/chain-protocol';

/** The chain as the verify workers read it: entries in order (null where unreadable), 1 where a hash is its own. */
export interface ReadChain {
  entries: Array<AuditEntry | null>;
  hashOk: Uint8Array;
}

/**
 * Workers that share *Verify audit log* between the machine's cores: each reads, decrypts, parses and hashes a
 * range of the chain, and the signature checks are sent to them in batches. WebCrypto runs each worker's
 * operations on that worker's own thread, so two workers verify 200,000 Ed25519 signatures in about half the time
 * the page alone takes. Made for one verification, then closed.
 */
export interface ChainWorkers extends SignatureCheck {
  read(dbName: string, key: CryptoKey, count: number): Promise<ReadChain>;
  close(): void;
}

export type ChainWorkersFactory = (signal?: AbortSignal) => ChainWorkers;

const BATCH = 1000;

interface Waiting {
  resolve(m: FromChain): void;
  reject(e: unknown): void;
}

/** As many as the machine has cores, from two to four. */
export const chainWorkerCount = (): number => Math.max(2, Math.min(4, navigator.hardwareConcurrency || 2));

export const startChainWorkers: ChainWorkersFactory = (signal) => {
  const workers = Array.from(
    { length: chainWorkerCount() },
    () => new Worker(new URL('../workers/chain.worker.ts', import.meta.url), { type: 'module' }),
  );
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let turn = 0;
  let closed = false;

  const failAll = (e: unknown): void => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const w of workers) w.terminate();
    failAll(new Cancelled());
  };
  signal?.addEventListener('abort', close, { once: true });
  for (const w of workers) {
    w.onmessage = (ev: MessageEvent<FromChain>) => {
      const pending = waiting.get(ev.data.id);
      waiting.delete(ev.data.id);
      if (ev.data.type === 'failed') pending?.reject(new Error(ev.data.message));
      else pending?.resolve(ev.data);
    };
    w.onerror = (ev) => {
      ev.preventDefault();
      failAll(new Error('chain worker failed'));
    };
  }
  const ask = (worker: Worker, m: ToChain): Promise<FromChain> => {
    if (closed) return Promise.reject(new Cancelled());
    return new Promise((resolve, reject) => {
      waiting.set(m.id, { resolve, reject });
      worker.postMessage(m);
    });
  };

  let batch: Array<[string, string, Uint8Array]> = [];
  let answers: Array<(ok: boolean) => void> = [];
  let flushing: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (flushing !== null) clearTimeout(flushing);
    flushing = null;
    if (!batch.length) return;
    const items = batch;
    const resolvers = answers;
    batch = [];
    answers = [];
    const worker = workers[turn++ % workers.length]!;
    ask(worker, { type: 'verify', id: nextId++, items }).then(
      (m) => {
        const ok = m.type === 'verified' ? m.ok : new Uint8Array(items.length);
        resolvers.forEach((r, i) => r(ok[i] === 1));
      },
      // A check that could not be made is a signature not shown valid; a cancelled run is thrown by read's caller.
      () => resolvers.forEach((r) => r(false)),
    );
  };

  return {
    async read(dbName, key, count) {
      const per = Math.ceil(count / workers.length);
      const parts = await Promise.all(
        workers.map((w, i) =>
          ask(w, {
            type: 'read',
            id: nextId++,
            dbName,
            key,
            from: i * per,
            // The last takes whatever came after the count was taken.
            to: i === workers.length - 1 ? Infinity : (i + 1) * per,
          }),
        ),
      );
      const entries: Array<AuditEntry | null> = [];
      const hashOk = new Uint8Array(parts.reduce((n, p) => n + (p.type === 'read' ? p.entries.length : 0), 0));
      for (const p of parts) {
        if (p.type !== 'read') continue;
        hashOk.set(p.hashOk, entries.length);
        for (const e of p.entries) entries.push(e);
      }
      return { entries, hashOk };
    },
    verify(publicKeyHex, signatureHex, message) {
      if (closed) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        batch.push([publicKeyHex, signatureHex, message]);
        answers.push(resolve);
        if (batch.length >= BATCH) flush();
        else flushing ??= setTimeout(flush, 0);
      });
    },
    close,
  };
};
