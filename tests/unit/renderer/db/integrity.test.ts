import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import { RecordStore } from '../../../../renderer/src/db/record-store';
import { CaseRepository } from '../../../../renderer/src/db/case-repository';
import { aesGcmKey, randomBytes } from '../../../../renderer/src/db/webcrypto-key';
import type { AnchorStore } from '../../../../renderer/src/db/audit-head';
import { personFields, revised } from '@shared/domain/new-record';
import { EMPTY_DOC, type Case } from '@shared/domain/records';
import { sealJson, type AeadKey } from '@shared/crypto/envelope';
import { sampleCaseFile } from '../../../fixtures/print/case-file';

// The attacks of an adversary who holds the disk but not the key (threat model, A1): copying rows back from an
// earlier copy of the profile, deleting rows, and putting a whole older profile back.
const VAULT = '0b6f1d2e-8a47-4c1e-9e53-2f1d0c7a9b11';
let db: AtharDb;
let key: AeadKey;
let anchorText: string | null;
const anchor: AnchorStore = {
  load: async () => anchorText,
  save: async (_seq, sealed) => {
    anchorText = sealed;
  },
};

beforeEach(async () => {
  db = new AtharDb(`integrity-${Math.random()}`);
  key = await aesGcmKey(randomBytes(32));
  anchorText = null;
});
afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

const newCase = () => ({
  kind: 'enforced-disappearance' as const,
  status: 'disappeared' as const,
  priority: 'high' as const,
  assignee: 'Layla',
  confidentiality: 'restricted' as const,
  tags: [],
  summary: EMPTY_DOC,
  statusHistory: [{ status: 'disappeared' as const, at: '2026-01-01T00:00:00.000Z', by: 'Layla', reason: 'Reported' }],
});

async function open(): Promise<{ store: RecordStore; repo: CaseRepository }> {
  const store = await RecordStore.open(db, key, 'Layla', { vaultId: VAULT, anchor });
  return { store, repo: new CaseRepository(db, store) };
}

/** Every row of every table, as IndexedDB holds it (ciphertext): an attacker's copy of the profile. */
async function snapshot(): Promise<Map<string, unknown[]>> {
  const out = new Map<string, unknown[]>();
  for (const t of db.tables) out.set(t.name, await t.toArray());
  return out;
}
async function putBack(copy: Map<string, unknown[]>): Promise<void> {
  for (const t of db.tables) {
    await t.clear();
    await t.bulkPut(copy.get(t.name) as never[]);
  }
}

describe('the audit chain binds what records hold', () => {
  it('finds nothing wrong in a vault that was only used through Athar', async () => {
    const { store, repo } = await open();
    await repo.seedGazetteer();
    const c = await repo.create(newCase(), personFields({ nameLatin: 'Test Person' }));
    await store.commit([{ table: 'cases', put: revised(c, { priority: 'urgent' }, new Date()) }]);
    await store.anchored();
    const report = await (await open()).store.verifyIntegrity();
    expect(report.chain.ok).toBe(true);
    expect(report.records.problems).toEqual([]);
    expect(report.records.checked).toBeGreaterThan(14);
    expect(report.head).toEqual([]);
    expect(report.clockBackwards).toEqual([]);
  });

  it('does not take a record written while the check reads the vault for tampering, and still names a real one', async () => {
    const { store, repo } = await open();
    const c = await repo.create(newCase(), personFields({ nameLatin: 'Test Person' }));
    const other = await repo.create(newCase(), personFields({ nameLatin: 'Other Person' }));
    const before = await snapshot();
    await store.commit([{ table: 'cases', put: revised(other, { priority: 'low' }, new Date()) }]);
    // Someone outside Athar puts the other case's older row back.
    const oldRow = (before.get('cases') as Array<{ id: string }>).find((r) => r.id === other.id)!;
    await db.table('cases').put(oldRow);
    // The caseworker saves the first case after the chain was read and before the rows are.
    const target = store as unknown as { verifyChain: (s?: AbortSignal) => Promise<unknown> };
    const read = target.verifyChain.bind(store);
    target.verifyChain = async (signal) => {
      const r = await read(signal);
      await store.commit([{ table: 'cases', put: revised(c, { priority: 'urgent' }, new Date()) }]);
      return r;
    };
    const report = await store.verifyIntegrity();
    expect(report.records.problems).toEqual([
      expect.objectContaining({ kind: 'altered', table: 'cases', id: other.id }),
    ]);
  });

  it('names a record whose older ciphertext was put back (a consent before its withdrawal)', async () => {
    const { store, repo } = await open();
    const c = await repo.create(newCase(), personFields({ nameLatin: 'Test Person' }));
    const older = await db.cases.get(c.id);
    await store.commit([{ table: 'cases', put: revised(c, { priority: 'low' }, new Date()) }]);
    await db.cases.put(older!);
    // It still decrypts: AES-GCM binds table and id, and the older ciphertext was genuine.
    expect((await store.get('cases', c.id))?.priority).toBe('high');
    expect((await store.verifyAudit()).ok).toBe(true);
    const report = await store.verifyIntegrity();
    expect(report.records.problems).toEqual([{ kind: 'altered', table: 'cases', id: c.id, seq: expect.any(Number) }]);
  });

  it('names an original whose chain of custody was cut short, by an older copy or by a rewrite with the key', async () => {
    const { store } = await open();
    const doc = sampleCaseFile().documents[0]!;
    const at = '2026-03-01T00:00:00.000Z';
    await store.commit([{ table: 'documents', put: doc }]);
    const older = await db.documents.get(doc.id);
    const grown = {
      ...doc,
      custody: [...doc.custody, { at, by: 'Layla', action: 'exported', detail: 'IIIM', hashOk: true }],
    };
    await store.commit([{ table: 'documents', put: grown }]);
    const cutShort = async () =>
      (await store.verifyIntegrity()).records.problems.filter((p) => p.table === 'documents' && p.id === doc.id);

    // The export entry removed by putting the older ciphertext back: it still decrypts, each entry still links.
    await db.documents.put(older!);
    expect((await store.get('documents', doc.id))?.custody).toHaveLength(2);
    expect(await cutShort()).toEqual([{ kind: 'altered', table: 'documents', id: doc.id, seq: expect.any(Number) }]);

    // Someone who kept the data key writes a shorter list: the chain's newest entry for the file says otherwise.
    await db.documents.put({
      id: doc.id,
      enc: await sealJson(key, randomBytes, 'documents', doc.id, { ...grown, custody: grown.custody.slice(0, 1) }),
    });
    expect((await store.get('documents', doc.id))?.custody).toHaveLength(1);
    expect(await cutShort()).toEqual([{ kind: 'altered', table: 'documents', id: doc.id, seq: expect.any(Number) }]);
  });

  it('names a deleted record that was put back, and a record removed outside Athar', async () => {
    const { store, repo } = await open();
    const a = await repo.create(newCase(), personFields({ nameLatin: 'Test Person A' }));
    const b = await repo.create(newCase(), personFields({ nameLatin: 'Test Person B' }));
    const row = await db.cases.get(a.id);
    await store.commit([{ table: 'cases', delete: a.id }]);
    await db.cases.put(row!);
    await db.cases.delete(b.id);
    const { problems } = (await store.verifyIntegrity()).records;
    expect(problems).toContainEqual({ kind: 'deleted-but-present', table: 'cases', id: a.id, seq: expect.any(Number) });
    expect(problems).toContainEqual({ kind: 'missing', table: 'cases', id: b.id, seq: expect.any(Number) });
  });

  it('sees the newest entries removed at the next unlock, and records that it saw it', async () => {
    const { store, repo } = await open();
    await repo.create(newCase(), personFields({ nameLatin: 'Test Person' }));
    const c = await repo.create(newCase(), personFields({ nameLatin: 'Second Person' }));
    await store.anchored();
    const length = await store.auditLength();
    // The second case's entries go, and its rows, so that what is left is a consistent older vault.
    await db.audit
      .where('seq')
      .aboveOrEqual(length - 2)
      .delete();
    await db.cases.delete(c.id);
    await db.persons.delete(c.subjectId);
    expect((await store.verifyAudit()).ok).toBe(true);
    const again = await open();
    expect(again.store.headProblems).toEqual([{ kind: 'truncated', expected: length - 1, found: length - 3 }]);
    const entries = await again.store.auditEntries();
    expect(entries.at(-1)).toMatchObject({ action: 'vault', recordId: 'integrity' });
    expect(entries.at(-1)?.fields).toEqual([`integrity:truncated:${length - 1}:${length - 3}`]);
  });

  it('sees the whole audit table and its sealed head deleted, through the anchor kept outside the database', async () => {
    const { store, repo } = await open();
    await repo.create(newCase(), personFields({ nameLatin: 'Test Person' }));
    await store.anchored();
    const length = await store.auditLength();
    await db.audit.clear();
    await db.meta.delete('audit-head');
    const again = await open();
    expect(again.store.headProblems).toEqual([{ kind: 'rolled-back', expected: length - 1, found: -1 }]);
  });

  it('sees a whole older copy of the profile put back', async () => {
    const { store, repo } = await open();
    const c = await repo.create(newCase(), personFields({ nameLatin: 'Test Person' }));
    const older = await snapshot();
    await store.commit([{ table: 'cases', put: revised(c, { priority: 'low' }, new Date()) }]);
    await store.anchored();
    const length = await store.auditLength();
    await putBack(older);
    const again = await open();
    expect(again.store.headProblems).toEqual([{ kind: 'rolled-back', expected: length - 1, found: length - 2 }]);
  });

  it('refuses an anchor that was edited or comes from another vault', async () => {
    const { store, repo } = await open();
    await repo.create(newCase(), personFields({ nameLatin: 'Test Person' }));
    await store.anchored();
    anchorText = anchorText!.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A'));
    expect((await open()).store.headProblems).toEqual([{ kind: 'head-unreadable' }]);
  });

  it('flags time going backwards', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T10:00:00Z'));
    const { store, repo } = await open();
    const c: Case = await repo.create(newCase(), personFields({ nameLatin: 'Test Person' }));
    vi.setSystemTime(new Date('2025-01-01T10:00:00Z'));
    await store.commit([{ table: 'cases', put: revised(c, { priority: 'low' }, new Date()) }]);
    const report = await store.verifyIntegrity();
    expect(report.clockBackwards).toEqual([(await store.auditLength()) - 1]);
  });
});
