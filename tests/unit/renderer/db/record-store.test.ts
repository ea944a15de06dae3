import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import { RecordStore } from '../../../../renderer/src/db/record-store';
import { CaseRepository, SUMMARY_PAGE_SIZE } from '../../../../renderer/src/db/case-repository';
import { GAZETTEER_DATE } from '../../../../renderer/src/db/gazetteer-seed';
import { aesGcmKey, randomBytes } from '../../../../renderer/src/db/webcrypto-key';
import { EMPTY_DOC, type Person } from '@shared/domain/records';
import type { AeadKey } from '@shared/crypto/envelope';

let db: AtharDb;
let key: AeadKey;

beforeEach(async () => {
  db = new AtharDb(`store-test-${Math.random()}`);
  key = await aesGcmKey(randomBytes(32));
});
afterEach(async () => {
  await db.delete();
});

const subject = (over: Partial<Person> = {}) => ({
  nameAr: 'سمير الأحمد',
  nameLatin: 'Samir Al-Ahmad',
  aliases: ['Abu Khalil'],
  fatherName: 'Khalil',
  motherName: 'Mariam',
  sex: 'male' as const,
  birthDate: { precision: 'year' as const, year: 1985 },
  birthPlaceId: 'gov-homs',
  ids: [],
  nationality: 'Syrian',
  occupation: 'Teacher',
  description: '',
  rank: '',
  sanctionsRefs: [],
  memberships: [],
  protectionLevel: 'none' as const,
  pseudonym: '',
  mergedInto: null,
  ...over,
});
const newCase = () => ({
  kind: 'enforced-disappearance' as const,
  status: 'disappeared' as const,
  priority: 'high' as const,
  assignee: 'Layla',
  confidentiality: 'restricted' as const,
  tags: ['homs-2012'],
  summary: EMPTY_DOC,
  statusHistory: [
    { status: 'disappeared' as const, at: '2026-01-01T00:00:00.000Z', by: 'Layla', reason: 'Reported by family' },
  ],
});

/** Every byte IndexedDB holds, as text, to search for plaintext. */
async function everythingStored(): Promise<string> {
  const parts: string[] = [];
  for (const t of db.tables) {
    for (const row of await t.toArray()) {
      parts.push(JSON.stringify(row, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v)));
    }
  }
  return parts.join('\n');
}

describe('record store and cases', () => {
  it('creates a case with a reference code, its subject and an audit trail, all encrypted', async () => {
    const store = await RecordStore.open(db, key, 'Layla');
    const repo = new CaseRepository(db, store);
    const c1 = await repo.create(newCase(), subject(), new Date('2026-03-01T10:00:00Z'));
    const c2 = await repo.create(
      newCase(),
      subject({ nameLatin: 'Huda Test', nameAr: 'هدى' }),
      new Date('2026-03-02T10:00:00Z'),
    );
    expect(c1.reference).toBe('ATH-2026-00001');
    expect(c2.reference).toBe('ATH-2026-00002');
    const loaded = await repo.load(c1.id);
    expect(loaded?.subject.nameAr).toBe('سمير الأحمد');
    expect(loaded?.record.tags).toEqual(['homs-2012']);
    const summaries = await repo.summaries();
    expect(summaries.map((s) => s.reference).sort()).toEqual(['ATH-2026-00001', 'ATH-2026-00002']);

    const raw = await everythingStored();
    for (const secret of [
      'Samir',
      'سمير',
      'Khalil',
      'Teacher',
      'homs-2012',
      'Layla',
      'ATH-2026',
      'Reported by family',
    ]) {
      expect(raw.includes(secret), secret).toBe(false);
    }
    const audit = await store.auditEntries();
    expect(audit.map((e) => [e?.action, e?.table])).toEqual([
      ['create', 'persons'],
      ['create', 'cases'],
      ['create', 'persons'],
      ['create', 'cases'],
    ]);
    expect(await store.verifyAudit()).toMatchObject({ ok: true, count: 4 });
  });

  it('records which fields an update changed, and skips no-op writes', async () => {
    const store = await RecordStore.open(db, key, 'Layla');
    const repo = new CaseRepository(db, store);
    const c = await repo.create(newCase(), subject());
    const loaded = (await repo.load(c.id))!;
    await repo.update(
      { ...loaded.record, priority: 'urgent', tags: ['a'] },
      { ...loaded.subject, occupation: 'Engineer' },
    );
    await repo.update((await repo.load(c.id))!.record, (await repo.load(c.id))!.subject);
    const audit = await store.auditEntries();
    expect(audit.slice(2).map((e) => [e?.action, e?.table, e?.fields])).toEqual([
      ['update', 'persons', ['occupation']],
      ['update', 'cases', ['priority', 'tags']],
    ]);
  });

  it('refuses an invalid record and writes nothing', async () => {
    const store = await RecordStore.open(db, key, 'Layla');
    const repo = new CaseRepository(db, store);
    await expect(repo.create(newCase(), subject({ nameAr: '', nameLatin: '' }))).rejects.toThrow();
    expect(await db.cases.count()).toBe(0);
    expect(await db.persons.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
  });

  it('continues the chain after reopening, and detects tampering in storage', async () => {
    let store = await RecordStore.open(db, key, 'Layla');
    let repo = new CaseRepository(db, store);
    await repo.create(newCase(), subject());
    store = await RecordStore.open(db, key, 'Layla');
    repo = new CaseRepository(db, store);
    await repo.create(newCase(), subject());
    expect(await store.verifyAudit()).toMatchObject({ ok: true, count: 4 });

    // Move entry 1's ciphertext into slot 2: AES-GCM's binding to the sequence number refuses it.
    const e1 = await db.audit.get(1);
    await db.audit.put({ seq: 2, enc: e1!.enc });
    expect(await store.verifyAudit()).toMatchObject({ ok: false, brokenAt: 2, reason: 'unreadable' });
  });

  it('detects a deleted middle audit entry', async () => {
    const store = await RecordStore.open(db, key, 'Layla');
    const repo = new CaseRepository(db, store);
    await repo.create(newCase(), subject());
    await repo.create(newCase(), subject());
    await db.audit.delete(1);
    expect(await store.verifyAudit()).toMatchObject({ ok: false, brokenAt: 1, reason: 'sequence-gap' });
  });

  it('seeds the gazetteer once, from the shipped CSV', async () => {
    const store = await RecordStore.open(db, key, 'Layla');
    const repo = new CaseRepository(db, store);
    const n = await repo.seedGazetteer();
    expect(n).toBeGreaterThanOrEqual(14);
    expect(await repo.seedGazetteer()).toBe(0);
    const places = await repo.places();
    const damascus = places.find((p) => p.id === 'gov-damascus');
    expect(damascus).toMatchObject({ kind: 'governorate', nameEn: 'Damascus', nameAr: 'دمشق' });
    expect(places.filter((p) => p.kind === 'governorate')).toHaveLength(14);
    expect(places.some((p) => p.kind === 'facility' && p.parentId)).toBe(true);
    // The same record in every vault, whenever it was made: not a conflict when offices exchange packages.
    expect(new Set(places.map((p) => p.createdAt))).toEqual(new Set([GAZETTEER_DATE]));
  });

  it('leaves nothing half-written when the transaction fails', async () => {
    const store = await RecordStore.open(db, key, 'Layla');
    const repo = new CaseRepository(db, store);
    await repo.create(newCase(), subject());
    // The audit write fails inside the transaction (as a disk error would), after the records were queued.
    const failing = vi
      .spyOn(db.audit, 'bulkAdd')
      .mockImplementationOnce((() => Promise.reject(new Error('disk error'))) as never);
    await expect(repo.create(newCase(), subject({ nameLatin: 'Second Person' }))).rejects.toThrow('disk error');
    failing.mockRestore();
    expect(await db.cases.count()).toBe(1);
    expect(await db.persons.count()).toBe(1);
    expect(await db.caseIndex.count()).toBe(1);
  });
});

describe('reference counters', () => {
  it('are sealed: how many cases were opened each year cannot be read without the key', async () => {
    const store = await RecordStore.open(db, key, 'Layla');
    const repo = new CaseRepository(db, store);
    await repo.create(newCase(), subject(), new Date('2026-03-01T10:00:00Z'));
    const row = await db.meta.get('reference-counters');
    expect(row?.value).toMatchObject({ v: 1 });
    expect(JSON.stringify(row?.value)).not.toContain('2026');
    expect(await repo.counters()).toEqual({ '2026': 1 });
    // A vault from before kept them in clear: they are still read, and sealed at the next case.
    await db.meta.put({ id: 'reference-counters', value: { '2026': 41 } });
    expect((await repo.create(newCase(), subject(), new Date('2026-03-02T10:00:00Z'))).reference).toBe(
      'ATH-2026-00042',
    );
    expect(JSON.stringify((await db.meta.get('reference-counters'))?.value)).not.toContain('2026');
  });
});

describe('reference numbers under concurrency', () => {
  it('never gives two concurrent saves the same reference', async () => {
    const store = await RecordStore.open(db, key, 'Layla');
    const repo = new CaseRepository(db, store);
    const made = await Promise.all(Array.from({ length: 8 }, () => repo.create(newCase(), subject())));
    expect(new Set(made.map((c) => c.reference)).size).toBe(8);
    const many = await repo.createMany(Array.from({ length: 50 }, () => ({ input: newCase(), subject: subject() })));
    expect(many.at(-1)?.reference).toMatch(/-00058$/);
    expect(await store.verifyAudit()).toMatchObject({ ok: true, count: 116 });
  });
});

describe('case summary pages', () => {
  it('stores summaries in encrypted pages and keeps each case on its page', async () => {
    const store = await RecordStore.open(db, key, 'Layla');
    const repo = new CaseRepository(db, store);
    const made = await repo.createMany(
      Array.from({ length: 1200 }, (_, i) => ({ input: newCase(), subject: subject({ nameLatin: `Person ${i}` }) })),
    );
    expect(await db.caseIndex.count()).toBe(Math.ceil(1200 / SUMMARY_PAGE_SIZE));
    const target = (await repo.load(made[700]!.id))!;
    await repo.update({ ...target.record, status: 'released' }, { ...target.subject, nameLatin: 'Renamed Person' });
    expect(await db.caseIndex.count()).toBe(3);
    const fresh = new CaseRepository(db, await RecordStore.open(db, key, 'Layla'));
    const all = await fresh.summaries();
    expect(all).toHaveLength(1200);
    expect(all.find((s) => s.id === target.record.id)).toMatchObject({
      nameLatin: 'Renamed Person',
      status: 'released',
    });
    await fresh.create(newCase(), subject({ nameLatin: 'One more' }));
    expect(await db.caseIndex.count()).toBe(3);
    expect(await fresh.summaries()).toHaveLength(1201);
  });
});

describe('long commits', () => {
  it('reports progress, tells listeners what it wrote, and writes nothing when cancelled', async () => {
    const store = await RecordStore.open(db, key, 'Layla');
    const seen: string[] = [];
    store.onCommit((changes) => seen.push(...changes.map((c) => ('put' in c ? c.put.id : c.delete))));
    const people = Array.from({ length: 1200 }, (_, i) => ({
      ...subject({ nameLatin: `Person ${i}` }),
      id: crypto.randomUUID(),
      role: 'subject' as const,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      author: 'Layla',
    }));
    const progress: number[] = [];
    const controller = new AbortController();
    await expect(
      store.commit(
        people.map((p) => ({ table: 'persons' as const, put: p })),
        {
          signal: controller.signal,
          onProgress: (done) => {
            progress.push(done);
            if (done >= 512) controller.abort();
          },
        },
      ),
    ).rejects.toThrow('cancelled');
    expect(await db.persons.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
    expect(seen).toEqual([]);

    progress.length = 0;
    await store.commit(
      people.map((p) => ({ table: 'persons' as const, put: p })),
      { onProgress: (done) => progress.push(done) },
    );
    expect(progress).toEqual([512, 1024, 1200]);
    expect(await db.persons.count()).toBe(1200);
    expect(seen).toHaveLength(1200);
    expect((await store.verifyAudit()).ok).toBe(true);
  });
});

describe('summary pages after unlock', () => {
  it('are decrypted once, however many screens ask at the same time', async () => {
    const store = await RecordStore.open(db, key, 'Layla');
    await new CaseRepository(db, store).create(newCase(), subject());
    const fresh = new CaseRepository(db, store);
    let reads = 0;
    const derived = store.derived.bind(store);
    store.derived = (async (table: 'caseIndex') => {
      reads++;
      return derived(table);
    }) as typeof store.derived;
    const [a, b] = await Promise.all([fresh.summaries(), fresh.summaries()]);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(reads).toBe(1);
  });
});
