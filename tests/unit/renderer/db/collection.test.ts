import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import { RecordStore } from '../../../../renderer/src/db/record-store';
import { Collection } from '../../../../renderer/src/db/collection';
import { aesGcmKey, randomBytes } from '../../../../renderer/src/db/webcrypto-key';
import { newRecord } from '@shared/domain/new-record';

let db: AtharDb;
let store: RecordStore;

beforeEach(async () => {
  db = new AtharDb(`collection-test-${Math.random()}`);
  store = await RecordStore.open(db, await aesGcmKey(randomBytes(32)), 'Layla');
});
afterEach(async () => {
  await db.delete();
});

const unit = (i: number, nameEn: string) =>
  newRecord(
    'units',
    { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, nameEn, nameAr: '' },
    'Layla',
    new Date(),
  );

describe('a collection', () => {
  it('follows every commit through the store, including several tables at once', async () => {
    const units = new Collection(store, 'units');
    await store.commit([{ table: 'units', put: unit(1, 'Branch A') }]);
    expect((await units.all()).map((u) => u.nameEn)).toEqual(['Branch A']);
    await store.commit([
      { table: 'units', put: { ...unit(1, 'Branch A renamed') } },
      { table: 'units', put: unit(2, 'Branch B') },
    ]);
    expect((await units.all()).map((u) => u.nameEn).sort()).toEqual(['Branch A renamed', 'Branch B']);
    await store.commit([{ table: 'units', delete: unit(2, '').id }]);
    expect((await units.all()).map((u) => u.nameEn)).toEqual(['Branch A renamed']);
  });

  it('never keeps rows read before a commit that landed while it read', async () => {
    await store.commit(Array.from({ length: 5 }, (_, i) => ({ table: 'units' as const, put: unit(i, `Unit ${i}`) })));
    // The first read is held back until a change has been committed meanwhile.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let reads = 0;
    const slow = Object.assign(Object.create(store) as RecordStore, {
      all: async (table: 'units') => {
        const rows = await store.all(table);
        if (reads++ === 0) await held;
        return rows;
      },
    });
    const units = new Collection(slow, 'units');
    const reading = units.all();
    await store.commit([{ table: 'units', put: unit(3, 'Unit 3, edited') }]);
    release();
    await reading;
    expect((await units.get(unit(3, '').id))?.nameEn).toBe('Unit 3, edited');
  });
});
