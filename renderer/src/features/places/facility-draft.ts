import type { Place } from '@shared/domain/records';

/** Coordinates are both given or neither; a half is a mistake to be told about, not a place on the map. */
export function coordinatesFrom(
  lat: number | string,
  lon: number | string,
  how: string,
): Place['coordinates'] | 'half' | 'out-of-range' | null {
  const blank = (v: number | string): boolean => v === '' || v === undefined;
  if (blank(lat) && blank(lon)) return null;
  if (blank(lat) || blank(lon)) return 'half';
  const [y, x] = [Number(lat), Number(lon)];
  if (!Number.isFinite(y) || !Number.isFinite(x) || Math.abs(y) > 90 || Math.abs(x) > 180) return 'out-of-range';
  return { lat: y, lon: x, how: how.trim() };
}
