/**
 * The one way long work says it was cancelled (a commit, an import, a
 * package, a backup, a restore). Its name is the platform's 'AbortError', so
 * an aborted fetch or stream and Athar's own cancels are told apart from
 * failures by one test.
 */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

export function isCancelled(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === 'AbortError';
}

export function throwIfCancelled(signal: { aborted: boolean } | undefined): void {
  if (signal?.aborted) throw new Cancelled();
}
