import { describe, expect, it } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';

describe('Dexie schema v1', () => {
  it('indexes nothing but random keys (nothing identifying in clear)', () => {
    const db = new AtharDb('schema-test');
    expect(db.verno).toBe(1);
    for (const table of db.tables) {
      expect(table.schema.indexes, table.name).toEqual([]);
      expect(['id', 'seq', '[documentId+index]'], table.name).toContain(table.schema.primKey.src);
    }
  });
});
