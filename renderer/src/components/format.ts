import type { Settings } from '../settings/settings-store';

/** A stored ISO timestamp in the interface language, with the digit setting. */
export function formatTimestamp(iso: string, s: Pick<Settings, 'language' | 'arabicDigits'>): string {
  const locale = s.language === 'ar' ? `ar-SY-u-nu-${s.arabicDigits ? 'arab' : 'latn'}` : 'en-GB';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A byte count in the interface language, with Arabic unit names. */
export function formatBytes(n: number, lang: 'en' | 'ar'): string {
  const units = lang === 'ar' ? ['بايت', 'ك.ب', 'م.ب', 'غ.ب', 'ت.ب'] : ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(lang === 'ar' ? 'ar-SY-u-nu-latn' : 'en-GB', { maximumFractionDigits: i ? 1 : 0 }).format(v)} ${units[i]}`;
}
