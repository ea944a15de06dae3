import { describe, expect, it } from 'vitest';
import { en } from '../../../../renderer/src/i18n/en';
import { ar } from '../../../../renderer/src/i18n/ar';

function leaves(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

describe('translations', () => {
  const e = leaves(en);
  const a = leaves(ar);

  it('Arabic has exactly the English keys', () => {
    expect([...a.keys()].sort()).toEqual([...e.keys()].sort());
  });

  it('uses the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of e) expect(vars(a.get(k) ?? ''), k).toEqual(vars(v));
  });

  it('has Arabic text wherever English has words (no untranslated copies)', () => {
    const untranslated = [...e].filter(
      ([k, v]) => /[a-z]{3}/i.test(v.replace(/\{\{\w+\}\}/g, '')) && a.get(k) === v && !k.startsWith('common.language'),
    );
    expect(untranslated).toEqual([]);
  });
});

describe('conflict fields in an opened package', () => {
  it('have a translated name for every field of every record a package can carry', async () => {
    const { RECORD_SCHEMAS } = await import('@shared/domain/records');
    const tables = ['cases', 'persons', 'events', 'testimonies', 'documents', 'contacts', 'places', 'links'] as const;
    const fields = new Set(
      tables.flatMap((t) => Object.keys(RECORD_SCHEMAS[t].shape)).filter((f) => !['id', 'updatedAt'].includes(f)),
    );
    for (const [lang, res] of [
      ['en', en],
      ['ar', ar],
    ] as const) {
      const named = Object.keys(res.openPackage.fields);
      expect(
        [...fields].filter((f) => !named.includes(f)),
        lang,
      ).toEqual([]);
    }
  });
});

describe('the audit log’s record column', () => {
  it('names every table a commit can write, in both languages', async () => {
    const { AtharDb } = await import('../../../../renderer/src/db/schema');
    const db = new AtharDb('translations-test');
    // meta, the audit chain itself and file chunks are written under other entries' names, never as their own;
    // the sync tables hold what other devices' chains wrote, judged by their own entries.
    const unaudited = [
      'meta',
      'audit',
      'fileChunks',
      'syncChains',
      'syncEntries',
      'syncWaiting',
      'syncQuarantine',
      'syncConflicts',
      'syncTombstones',
    ];
    const audited = db.tables.map((t) => t.name).filter((n) => !unaudited.includes(n));
    for (const [lang, res] of [
      ['en', en],
      ['ar', ar],
    ] as const)
      expect(
        audited.filter((n) => !(n in res.audit.table)),
        lang,
      ).toEqual([]);
    db.close();
  });
  // A button shows its short label and is named by the long one, which adds what it acts on. WCAG 2.5.3 (label in
  // name): the name must contain the words on the button, or a person using speech input cannot say them.
  it('names every control by words that contain the words it shows', () => {
    const visible = (s: string) => s.replace(/…$/, '').trim();
    const mismatched: string[] = [];
    for (const [lang, table] of [
      ['en', leaves(en)],
      ['ar', leaves(ar)],
    ] as const) {
      for (const [key, named] of table) {
        const short = key.endsWith('Named') ? table.get(key.slice(0, -'Named'.length)) : undefined;
        if (short !== undefined && !named.includes(visible(short)))
          mismatched.push(`${lang} ${key}: "${short}" / "${named}"`);
      }
      for (const [shortKey, namedKey] of [
        ['members.rolesShort', 'members.editRoles'],
        ['members.resetShort', 'members.reset'],
        ['members.removeShort', 'members.remove'],
        ['incidents.make.open', 'incidents.make.openNamed'],
        ['facilities.whoElse', 'facilities.whoElseFor'],
      ] as const) {
        const short = visible(table.get(shortKey)!);
        if (!table.get(namedKey)!.includes(short)) mismatched.push(`${lang} ${namedKey}: "${short}"`);
      }
    }
    expect(mismatched).toEqual([]);
  });
});
