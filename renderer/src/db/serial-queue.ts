/**
 * Runs async jobs one at a time. Writes must be serialised because each
 * audit entry hashes the one before it, and encryption (async WebCrypto)
 * has to happen before the IndexedDB transaction opens.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const next = this.tail.then(job, job);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
