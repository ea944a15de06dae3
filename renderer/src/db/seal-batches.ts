import { throwIfCancelled } from '@shared/cancelled';

/** Rows are sealed this many at a time: WebCrypto works in parallel, and progress and cancel are checked between batches. */
export const SEAL_BATCH = 512;

/**
 * Runs `seal` over every item, a batch at a time in parallel, keeping the
 * order. A vault holds hundreds of thousands of rows: one after another is
 * several times slower, all at once holds every ciphertext in flight.
 */
export async function sealInBatches<T, R>(
  items: readonly T[],
  seal: (item: T, index: number) => Promise<R>,
  o: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  for (let start = 0; start < items.length; start += SEAL_BATCH) {
    throwIfCancelled(o.signal);
    const end = Math.min(items.length, start + SEAL_BATCH);
    const batch: Array<Promise<void>> = [];
    for (let i = start; i < end; i++)
      batch.push(
        seal(items[i]!, i).then((r) => {
          out[i] = r;
        }),
      );
    await Promise.all(batch);
    o.onProgress?.(end, items.length);
  }
  return out;
}
