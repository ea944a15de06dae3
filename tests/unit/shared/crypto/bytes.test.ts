import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blockGatherer, concatBytes, fromBase64, toBase64 } from '@shared/crypto/bytes';

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

describe('base64', () => {
  it('decodes what any encoder makes, of every length, exactly as Node does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(toBase64(bytes)).toBe(text);
        expect([...fromBase64(text)]).toEqual([...bytes]);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses anything that is not padded base64, wherever the bad character is', () => {
    for (const bad of [
      'A',
      'AB',
      'ABC',
      '====',
      'A===',
      '=AAA',
      'AA=A',
      'AAAA====',
      'AB$D',
      'AB\u0141D',
      'AAAAAB=A',
      ' AAA',
    ])
      expect(() => fromBase64(bad), bad).toThrow('not-base64');
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 60 }),
        fc.nat(),
        fc.constantFrom('-', '_', '.', ' ', '\n', '\u0627', '\u{1F600}'),
        (bytes, at, ch) => {
          const text = toBase64(bytes);
          const i = at % text.length;
          expect(() => fromBase64(text.slice(0, i) + ch + text.slice(i + 1))).toThrow('not-base64');
        },
      ),
    );
  });
});
