import { describe, expect, it } from 'vitest';
import { blockGatherer, concatBytes } from '@shared/crypto/bytes';

describe('blockGatherer', () => {
  it('re-cuts pieces of any size into blocks of one size, in order, the last one shorter', async () => {
    const blocks: number[][] = [];
    const g = blockGatherer(4, async (b) => {
      blocks.push([...b]);
    });
    const bytes = Uint8Array.from({ length: 11 }, (_, i) => i);
    for (const [from, to] of [
      [0, 1],
      [1, 7],
      [7, 7],
      [7, 11],
    ] as const)
      await g.push(bytes.subarray(from, to));
    await g.flush();
    await g.flush();
    expect(blocks).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9, 10],
    ]);
    expect([...concatBytes(...blocks.map((b) => Uint8Array.from(b)))]).toEqual([...bytes]);
  });

  it('hands each block over whole: a block is never changed after it was emitted', async () => {
    const kept: Uint8Array[] = [];
    const g = blockGatherer(2, async (b) => {
      kept.push(b);
    });
    await g.push(Uint8Array.of(1, 2, 3, 4, 5));
    await g.flush();
    expect(kept.map((b) => [...b])).toEqual([[1, 2], [3, 4], [5]]);
  });
});
