/**
 * Padmé (Nikitin et al., PETS 2019): rounds a length to a number whose low bits are zero, keeping O(log log L)
 * bits of it, for at most 12% more bytes (about 3% for large ones). Lengths up to `min` all become `min`. Used
 * for evidence originals at rest and for the documents on the sync server, so neither tells an exact size.
 */
export function padme(size: number, min: number): number {
  if (size <= min) return min;
  const e = Math.floor(Math.log2(size));
  const s = Math.floor(Math.log2(e)) + 1;
  const step = 2 ** (e - s);
  return Math.ceil(size / step) * step;
}
