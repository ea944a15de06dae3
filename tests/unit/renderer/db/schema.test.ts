import { personFields } from '@shared/domain/new-record';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AtharDb, COMPARTMENT_TABLES } from '../../../../renderer/src/db/schema';
import { RecordStore } from '../../../../renderer/src/db/record-store';
import { CaseRepository } from '../../../../renderer/src/db/case-repository';
import { aesGcmKey, randomBytes } from '../../../../renderer/src/db/webcrypto-key';
import { EMPTY_DOC } from '@shared/domain/records';

describe('Dexie schema', () => {
  it('indexes nothing but random keys (nothing identifying in clear)', () => {
    const db = new AtharDb('schema-test');
    expect(db.verno).toBe(10);
    for (const table of db.tables) {
      // `k` is a compartment's random id and a generation number: which rows share a key, nothing of what they hold.
      expect(
        table.schema.indexes.map((i) => i.src),
        table.name,
      ).toEqual(
        (COMPARTMENT_TABLES as readonly string[]).includes(table.name) || table.name === 'fileChunks' ? ['k'] : [],
      );
      expect(['id', 'seq', '[documentId+index]', 'device', '[device+seq]'], table.name).toContain(
        table.schema.primKey.src,
      );
    }
  });

  it('upgrades a v1 vault to the current version without reading or rewriting a row', async () => {
    const name = `upgrade-${Math.random()}`;
    // A v1 vault, written by the v1 layout (as shipped in 0.1.0) with real encrypted records.
    const v1 = new Dexie(name);
    v1.version(1).stores({
      meta: 'id',
      cases: 'id',
      caseIndex: 'id',
      persons: 'id',
      contacts: 'id',
      testimonies: 'id',
      documents: 'id',
      fileChunks: '[documentId+index]',
      events: 'id',
      places: 'id',
      units: 'id',
      links: 'id',
      audit: 'seq',
    });
    await v1.open();
    const key = await aesGcmKey(randomBytes(32));
    v1.close();
    // The current code would upgrade any database it opens, so the v1 rows are written by the store into a scratch database and copied across.
    const source = new AtharDb(`${name}-source`);
    const store = await RecordStore.open(source, key, 'Layla');
    const cases = new CaseRepository(source, store);
    await cases.create(
      {
        kind: 'enforced-disappearance',
        status: 'disappeared',
        priority: 'normal',
        assignee: '',
        confidentiality: 'restricted',
        tags: [],
        summary: EMPTY_DOC,
        statusHistory: [{ status: 'disappeared', at: '2026-01-01T00:00:00.000Z', by: 'Layla', reason: 'x' }],
      },
      personFields({ nameAr: 'سمير', nameLatin: 'Samir', sex: 'male' }),
    );
    const before: Record<string, unknown[]> = {};
    await v1.open();
    for (const t of v1.tables) {
      const rows = await source.table(t.name).toArray();
      await t.bulkPut(rows);
      before[t.name] = rows;
    }
    v1.close();
    source.close();
    await Dexie.delete(`${name}-source`);

    const db = new AtharDb(name);
    await db.open();
    expect(db.verno).toBe(10);
    for (const [table, rows] of Object.entries(before)) expect(await db.table(table).toArray(), table).toEqual(rows);
    expect(await db.tracing.count()).toBe(0);
    expect(await db.recipients.count()).toBe(0);
    expect(await db.keys.count()).toBe(0);
    expect(await db.members.count()).toBe(0);
    for (const t of [
      'syncChains',
      'syncEntries',
      'syncWaiting',
      'syncQuarantine',
      'syncConflicts',
      'syncTombstones',
      'teamKeys',
    ])
      expect(await db.table(t).count(), t).toBe(0);
    // And the upgraded vault still reads and verifies.
    const reopened = await RecordStore.open(db, key, 'Layla');
    expect((await reopened.all('persons'))[0]?.nameLatin).toBe('Samir');
    expect((await reopened.verifyAudit()).ok).toBe(true);
    await db.delete();
  });
});

describe('durability', () => {
  it('asks for strict durability, so an acknowledged write is on disk before the interface says so', async () => {
    // Dexie binds the connection's transaction() when it opens, so the prototype is watched before opening.
    const probe = new AtharDb(`durability-probe-${Math.random()}`);
    await probe.open();
    const proto = Object.getPrototypeOf(probe.backendDB()) as IDBDatabase;
    await probe.delete();
    const original = proto.transaction;
    const seen: Array<string | undefined> = [];
    proto.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      seen.push(args[2]?.durability);
      return original.apply(this, args);
    };
    const db = new AtharDb(`durability-${Math.random()}`);
    try {
      await db.meta.put({ id: 'x', value: 1 });
    } finally {
      proto.transaction = original;
      await db.delete();
    }
    expect(seen.at(-1)).toBe('strict');
  });
});
