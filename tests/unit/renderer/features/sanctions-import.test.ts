import { describe, expect, it } from 'vitest';
import { parseList } from '@shared/sanctions/read-list';
import { designationId } from '@shared/sanctions/designation-id';
import { designationRecordSchema, sanctionsListSchema, type DesignationRecord } from '@shared/domain/records';
import { listImportChanges, planListImport } from '../../../../renderer/src/features/sanctions/sanctions-import';
import { chunked, fixture } from '../../shared/sanctions/list-input';

const eu = async (name: string) => ({
  list: await parseList({ format: 'eu-fsf-xml', chunks: chunked(fixture(name)) }),
  sha256: 'a'.repeat(64),
  fileName: name,
});
let n = 0;
const ctx = {
  actor: 'Layla',
  now: new Date('2026-12-07T10:00:00Z'),
  newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
};
const stored = (changes: ReturnType<typeof listImportChanges>['changes']): DesignationRecord[] =>
  changes.flatMap((c) => ('put' in c && c.table === 'designations' ? [designationRecordSchema.parse(c.put)] : []));

describe('importing a newer list of one authority', () => {
  it('adds every designation of a first list, under ids any laptop would derive, dated by the list', async () => {
    const plan = planListImport(await eu('eu-fsf.xml'), [], []);
    expect([plan.added.length, plan.changed.length, plan.delisted.length, plan.unchanged]).toEqual([2, 0, 0, 0]);
    const { list, changes } = listImportChanges(plan, ctx);
    expect(sanctionsListSchema.parse(list).counts).toEqual({
      designations: 2,
      added: 2,
      changed: 0,
      delisted: 0,
      relisted: 0,
    });
    const ds = stored(changes);
    expect(ds.map((d) => d.id)).toEqual([designationId('eu', '9000101'), designationId('eu', '9000202')]);
    expect(designationId('eu', '9000101')).not.toBe(designationId('us', '9000101'));
    expect(ds[0]).toMatchObject({
      listId: list.id,
      firstSeen: { precision: 'day', year: 2026, month: 11, day: 30 },
      delistedOn: null,
    });
  });

  it('keeps a designation missing from the newer list, de-listed on that list’s date, and lists it again later', async () => {
    const first = listImportChanges(planListImport(await eu('eu-fsf.xml'), [], []), ctx);
    const onFile = stored(first.changes);
    const lists = [sanctionsListSchema.parse(first.list)];
    const plan = planListImport(await eu('eu-fsf-2027.xml'), onFile, lists);
    expect(plan.delisted.map((d) => d.ref)).toEqual(['9000101']);
    expect([plan.added.length, plan.changed.length, plan.unchanged, plan.olderThan]).toEqual([0, 0, 1, null]);
    const second = listImportChanges(plan, ctx);
    const after = stored(second.changes);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      ref: '9000101',
      delistedOn: { precision: 'day', year: 2027, month: 1, day: 15 },
      listId: second.list.id,
    });
    // The older list again: flagged as older, and it would list him again.
    const back = planListImport(
      await eu('eu-fsf.xml'),
      [after[0]!, onFile[1]!],
      [...lists, sanctionsListSchema.parse(second.list)],
    );
    expect(back.olderThan?.id).toBe(second.list.id);
    expect(back.relisted.map((r) => r.after.ref)).toEqual(['9000101']);
    expect(stored(listImportChanges(back, ctx).changes)[0]!.delistedOn).toBeNull();
  });

  it('names the fields that changed, and leaves another authority’s designations alone', async () => {
    const first = listImportChanges(planListImport(await eu('eu-fsf.xml'), [], []), ctx);
    const onFile = stored(first.changes);
    const edited = fixture('eu-fsf.xml')
      .replace('number="N0000111"', 'number="N0000222"')
      .replace('programme="SYR"', 'programme="SYR2"');
    const read = {
      list: await parseList({ format: 'eu-fsf-xml', chunks: chunked(edited) }),
      sha256: 'b'.repeat(64),
      fileName: 'x',
    };
    const other = { ...onFile[0]!, authority: 'uk' as const, ref: 'SYR9001' };
    const plan = planListImport(read, [...onFile, other], []);
    expect(plan.changed.map((c) => [c.after.ref, c.fields])).toEqual([['9000101', ['documents', 'programmes']]]);
    expect(plan.delisted).toEqual([]);
  });
});

describe('storing an import', () => {
  it('writes the list and its designations in one commit, and refuses a designation under another id', async () => {
    const { AtharDb } = await import('../../../../renderer/src/db/schema');
    const { RecordStore } = await import('../../../../renderer/src/db/record-store');
    const { aesGcmKey, randomBytes } = await import('../../../../renderer/src/db/webcrypto-key');
    const db = new AtharDb(`sanctions-store-${Math.random()}`);
    try {
      const store = await RecordStore.open(db, await aesGcmKey(randomBytes(32)), 'Layla');
      const { changes } = listImportChanges(planListImport(await eu('eu-fsf.xml'), [], []), ctx);
      await store.commit(changes);
      expect(await store.getMany('designations', [designationId('eu', '9000101')])).toHaveLength(1);
      const forged = { ...stored(changes)[0]!, id: designationId('eu', 'someone-else') };
      await expect(store.commit([{ table: 'designations', put: forged }])).rejects.toMatchObject({
        refusal: { reason: 'designation-id' },
      });
      expect((await store.getMany('designations', [forged.id]))[0]).toBeUndefined();
    } finally {
      await db.delete();
    }
  });
});
