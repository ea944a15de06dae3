/** What a person recognises a record by, in a heading: its reference, its names, its file name, its kind. */
export function recordLabel(record: Record<string, unknown> | null | undefined, id: string): string {
  const s = (k: string): string => (typeof record?.[k] === 'string' ? (record[k] as string) : '');
  return (
    s('reference') ||
    [s('nameLatin'), s('nameAr')].filter(Boolean).join(' / ') ||
    s('originalName') ||
    s('nameEn') ||
    s('name') ||
    s('kind') ||
    id.slice(0, 8)
  );
}

/** A field's value in a side-by-side comparison: text as it is, anything else as short JSON. */
export function shownValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  const s = JSON.stringify(v);
  return s.length > 240 ? `${s.slice(0, 240)}…` : s;
}
