import { personFields } from '@shared/domain/new-record';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import { RecordStore } from '../../../../renderer/src/db/record-store';
import { CaseRepository } from '../../../../renderer/src/db/case-repository';
import { aesGcmKey, randomBytes } from '../../../../renderer/src/db/webcrypto-key';
import { readListFile } from '@shared/list-import/read-list-file';
import { checkRows, runImport } from '../../../../renderer/src/features/list-import/list-import-plan';
import { SearchIndex } from '../../../../renderer/src/search/search-index';
import type { PersonLike } from '../../../../renderer/src/search/search-protocol';
import type { PersonProfile } from '@shared/names/person-match';
import { guessMapping } from '@shared/list-import/mapping';
import { EMPTY_DOC } from '@shared/domain/records';
import { xlsx } from '../../../fixtures/list/xlsx';

describe('reading list files', () => {
  it('reads CSV with a semicolon delimiter and quoted fields', async () => {
    const r = await readListFile(
      new File(['Name;Father\n"Al-Hassan, Mohammed";Abdul Rahman\nRana;Khaled\n'], 'list.csv'),
    );
    expect(r.ok && r.table.rows).toEqual([
      ['Al-Hassan, Mohammed', 'Abdul Rahman'],
      ['Rana', 'Khaled'],
    ]);
  });

  it('reads XLSX, Arabic included, padding short rows', async () => {
    const bytes = xlsx([['الاسم', 'Name', 'Year'], ['محمد الحسن', 'Mohammed', '1985'], ['رنا']]);
    const r = await readListFile(new File([bytes as Uint8Array<ArrayBuffer>], 'list.xlsx'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.table.encoding).toBe('xlsx');
    expect(r.table.headers).toEqual(['الاسم', 'Name', 'Year']);
    expect(r.table.rows).toEqual([
      ['محمد الحسن', 'Mohammed', '1985'],
      ['رنا', '', ''],
    ]);
  });

  it('explains files it cannot read', async () => {
    expect(await readListFile(new File([], 'x.csv'))).toEqual({ ok: false, error: 'empty' });
    expect(await readListFile(new File(['only a header\n'], 'x.csv'))).toEqual({ ok: false, error: 'not-a-table' });
    expect(await readListFile(new File([new Uint8Array([1, 2, 3, 4])], 'broken.xlsx'))).toEqual({
      ok: false,
      error: 'xlsx-unreadable',
    });
    // A zip bomb: a small XLSX whose sheet declares 4 GiB is refused before anything is inflated.
    const bomb = xlsx([
      ['Name', 'Year'],
      ['Test Person', '1985'],
    ]);
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let at = 0; at + 46 <= bomb.length; at++)
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 0xfffffff0, true);
    expect(await readListFile(new File([bomb as Uint8Array<ArrayBuffer>], 'bomb.xlsx'))).toEqual({
      ok: false,
      error: 'too-large',
    });
    expect(await readListFile(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])], 'archive.csv'))).toEqual({
      ok: false,
      error: 'binary',
    });
  });
});

describe('importing a list', () => {
  let db: AtharDb;
  beforeEach(() => {
    db = new AtharDb(`import-${Math.random()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  async function setup() {
    const key = await aesGcmKey(randomBytes(32));
    const store = await RecordStore.open(db, key, 'Layla');
    const cases = new CaseRepository(db, store);
    // The same index the search worker runs, fed by the same commit events.
    const index = new SearchIndex();
    store.onCommit((changes) => {
      for (const c of changes) if ('put' in c) index.apply(c.table, c.put.id, c.put);
    });
    const search = {
      matchMany: async (profiles: PersonProfile[] | PersonLike[]) =>
        (profiles as PersonLike[]).map((p) => {
          const [best] = index.match(index.profileOf(p), [], 1);
          if (!best) return null;
          const person = index.person(best.id)!;
          return {
            ...best,
            nameAr: person.nameAr,
            nameLatin: person.nameLatin,
            fatherName: '',
            motherName: '',
            birthYear: null,
            role: person.role,
            caseId: null,
            reference: null,
          };
        }),
    } as never;
    const existing = await cases.create(
      {
        kind: 'enforced-disappearance',
        status: 'disappeared',
        priority: 'normal',
        assignee: '',
        confidentiality: 'restricted',
        tags: [],
        summary: EMPTY_DOC,
        statusHistory: [{ status: 'disappeared', at: '2026-01-01T00:00:00.000Z', by: 'x', reason: 'x' }],
      },
      personFields({
        nameAr: 'محمد عبد الرحمن الحسن',
        nameLatin: '',
        sex: 'male',
        birthDate: { precision: 'year', year: 1985 },
      }),
    );
    return { store, cases, search, existing };
  }

  const csv =
    'Name,Arabic,Born,Sex\nMohammed Abdul Rahman Al-Hassan,,1985,m\nRana Halabi,رنا الحلبي,1990,f\n,,1970,m\nKhaled Masri,خالد المصري,1975,maybe\n';

  it('checks rows, flags the likely duplicate, creates and links in one transaction, and reports', async () => {
    const { store, cases, search, existing } = await setup();
    const read = await readListFile(new File([csv], 'released.csv'));
    if (!read.ok) throw new Error(read.error);
    const mapping = guessMapping(read.table.headers, read.table.rows);
    expect(mapping).toEqual(['nameLatin', 'nameAr', 'birthDate', 'sex']);
    const progress: number[] = [];
    const plan = await checkRows(read.table, mapping, { search }, [], { onProgress: (d) => progress.push(d) });
    expect(plan.map((r) => r.result.ok)).toEqual([true, true, false, false]);
    expect(plan[0]!.match?.id).toBe(existing.subjectId);
    expect(plan[0]!.action).toBeNull();
    expect(plan[1]!.action).toBe('create');
    plan[0]!.action = 'link';
    const auditBefore = await db.audit.count();
    const report = await runImport({ cases, store }, plan, [], {
      kind: 'arbitrary-detention',
      status: 'released',
      tag: 'list:released',
      fileName: 'released.csv',
      actor: 'Layla',
      reason: (l) => `row ${l}`,
      listedNote: (l) => `listed row ${l}`,
    });
    expect(report).toMatchObject({ created: 1, linked: 1, skipped: 0, invalid: 2 });
    const linked = await store.get('persons', existing.subjectId);
    expect(linked?.aliases).toContain('Mohammed Abdul Rahman Al-Hassan');
    expect(linked?.description).toContain('listed row 2');
    const summaries = await cases.summaries();
    expect(summaries.map((s) => s.nameLatin).sort()).toEqual(['', 'Rana Halabi']);
    expect(summaries.find((s) => s.nameLatin === 'Rana Halabi')?.tags).toEqual(['list:released']);
    expect(await db.audit.count()).toBe(auditBefore + 3);
    expect((await store.verifyAudit()).ok).toBe(true);
  });

  it('a cancelled or failed import writes nothing', async () => {
    const { store, cases, search } = await setup();
    const read = await readListFile(new File([csv], 'released.csv'));
    if (!read.ok) throw new Error(read.error);
    const plan = await checkRows(read.table, guessMapping(read.table.headers, read.table.rows), { search }, []);
    plan[0]!.action = 'create';
    const before = { persons: await db.persons.count(), cases: await db.cases.count(), audit: await db.audit.count() };
    const controller = new AbortController();
    controller.abort();
    await expect(
      runImport(
        { cases, store },
        plan,
        [],
        {
          kind: 'arbitrary-detention',
          status: 'released',
          tag: '',
          fileName: 'f',
          actor: 'x',
          reason: () => '',
          listedNote: () => '',
        },
        { signal: controller.signal },
      ),
    ).rejects.toThrow('cancelled');
    // A write that fails part-way (here: the audit write, as a disk error would): the transaction takes everything with it.
    vi.spyOn(db.audit, 'bulkAdd').mockImplementationOnce((() => Promise.reject(new Error('disk error'))) as never);
    await expect(
      runImport({ cases, store }, plan, [], {
        kind: 'arbitrary-detention',
        status: 'released',
        tag: '',
        fileName: 'f',
        actor: 'x',
        reason: () => '',
        listedNote: () => '',
      }),
    ).rejects.toThrow();
    expect({
      persons: await db.persons.count(),
      cases: await db.cases.count(),
      audit: await db.audit.count(),
    }).toEqual(before);
  });
});
