import type { Settings } from '../features/settings/settings-store';

/** A stored ISO timestamp in the interface language, with the digit setting. */
export function formatTimestamp(iso: string, s: Pick<Settings, 'language' | 'arabicDigits'>): string {
  const locale = s.language === 'ar' ? `ar-SY-u-nu-${s.arabicDigits ? 'arab' : 'latn'}` : 'en-GB';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
