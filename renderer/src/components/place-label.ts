import type { Place } from '@shared/domain/records';
import { displayName } from '@shared/names/display-name';

export function placeLabel(p: Place | undefined, lang: 'en' | 'ar', unknown: string): string {
  return p ? displayName(p.nameAr, p.nameEn, lang) : unknown;
}
