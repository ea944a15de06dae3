import fc from 'fast-check';

/**
 * How many generated inputs each property gets: a few hundred in `npm test` (CI's smoke run), 10,000 in
 * `npm run fuzz`, or FUZZ_RUNS. The seed is printed on failure by fast-check, so a finding can be replayed.
 */
export const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);
export const params = (): fc.Parameters<unknown> => ({ numRuns: RUNS, interruptAfterTimeLimit: 50 * 60_000 });

/** Each input must be answered within five seconds: a slower one is a hang. */
export async function within<T>(p: Promise<T>, ms = 5000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A valid input with bytes flipped, cut short, spliced or overwritten: what damage and hand-tampering look like.
 * Overwriting can put back the very bytes that were there (about 1 draw in 20,000), which is no damage at all and
 * must not count as a finding, so such draws are dropped.
 */
export const mutated = (valid: Uint8Array): fc.Arbitrary<Uint8Array> =>
  fc
    .oneof(
      fc
        .array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 })
        .map((flips) => {
          const b = valid.slice();
          for (const [at, x] of flips) b[at]! ^= x;
          return b;
        }),
      fc.nat(valid.length - 1).map((n) => valid.slice(0, n)),
      fc
        .tuple(fc.nat(valid.length), fc.uint8Array({ minLength: 1, maxLength: 64 }))
        .map(([at, junk]) => new Uint8Array([...valid.subarray(0, at), ...junk, ...valid.subarray(at)])),
      fc.tuple(fc.nat(valid.length - 1), fc.uint8Array({ minLength: 1, maxLength: 512 })).map(([at, junk]) => {
        const b = valid.slice();
        b.set(junk.subarray(0, b.length - at), at);
        return b;
      }),
    )
    .filter((b) => !sameBytes(b, valid));
