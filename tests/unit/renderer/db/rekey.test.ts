import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import { Vault } from '../../../../renderer/src/db/vault';
import { RecordStore } from '../../../../renderer/src/db/record-store';
import { CaseRepository } from '../../../../renderer/src/db/case-repository';
import { readChunks, storeFile } from '../../../../renderer/src/db/file-chunks';
import { resealAll } from '../../../../renderer/src/db/rekey';
import { SealedMeta } from '../../../../renderer/src/db/sealed-meta';
import { personFields } from '@shared/domain/new-record';
import { EMPTY_DOC } from '@shared/domain/records';
import { openBytes, recordAad } from '@shared/crypto/envelope';

const PASS = 'rekey test passphrase';
const FAST = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 };
let db: AtharDb;
beforeEach(() => {
  db = new AtharDb(`rekey-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const newCase = () => ({
  kind: 'enforced-disappearance' as const,
  status: 'disappeared' as const,
  priority: 'high' as const,
  assignee: '',
  confidentiality: 'restricted' as const,
  tags: [],
  summary: EMPTY_DOC,
  statusHistory: [{ status: 'disappeared' as const, at: '2026-01-01T00:00:00.000Z', by: 'Layla', reason: 'Reported' }],
});

/** A vault with cases, sealed settings, an audit chain and a 9 MiB original (three chunks). */
async function filled() {
  const vault = new Vault({ db, kdf: FAST });
  const opened = await vault.create(PASS, PASS);
  const store = await RecordStore.open(db, opened.key, 'Layla');
  const repo = new CaseRepository(db, store);
  await repo.seedGazetteer();
  for (let i = 0; i < 30; i++) await repo.create(newCase(), personFields({ nameLatin: `Test Person ${i}` }));
  await new SealedMeta(db, opened.key).save('profile', { actor: 'Layla' });
  const original = new Uint8Array(9 * 1024 * 1024 + 11).map((_, i) => (i * 7) & 0xff);
  const stored = await storeFile(db, opened.key, 'doc-1', {
    size: original.length,
    slice: (s, e) => ({ arrayBuffer: async () => original.slice(s, e).buffer }),
  });
  return { vault, opened, original, stored, oldHeader: (await db.meta.get('vault'))!.value };
}

/** What someone holding an old copy of the header and the old passphrase can open. */
async function opensWithOldKey(oldHeader: unknown): Promise<number> {
  const scratch = new AtharDb(`old-header-${Math.random()}`);
  await scratch.meta.put({ id: 'vault', value: oldHeader });
  const old = (await new Vault({ db: scratch, kdf: FAST }).unlock(PASS)).key;
  await scratch.delete();
  let n = 0;
  for (const r of await db.cases.toArray())
    if (
      await openBytes(old, r.enc, recordAad('cases', r.id)).then(
        () => true,
        () => false,
      )
    )
      n++;
  for (const r of await db.audit.toArray())
    if (
      await openBytes(old, r.enc, recordAad('audit', r.seq)).then(
        () => true,
        () => false,
      )
    )
      n++;
  return n;
}

describe('re-encrypting a vault', () => {
  it('survives being stopped part-way, carries on at the next unlock, and leaves the old key opening nothing', async () => {
    const { vault, opened, original, stored, oldHeader } = await filled();
    const before = await (await RecordStore.open(db, opened.key, 'Layla')).all('cases');
    expect(await opensWithOldKey(oldHeader)).toBeGreaterThan(0);

    // Stopped part-way, as a crash or a cancel would.
    const keys = await vault.beginRekey(PASS);
    const ac = new AbortController();
    await expect(
      resealAll(db, keys.from, keys.to, {
        signal: ac.signal,
        onProgress: (p) => {
          if (p.done > 40) ac.abort();
        },
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    // The vault now says so, and refuses to open as if nothing had happened; a wrong passphrase is still refused.
    const later = new Vault({ db, kdf: FAST });
    expect(await later.rekeyPending()).toBe(true);
    await expect(later.unlock(PASS)).rejects.toMatchObject({ code: 'rekey-pending' });
    await expect(later.beginRekey('not the passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase' });

    // The next unlock takes up the same new key and finishes.
    const again = await later.beginRekey(PASS);
    await resealAll(db, again.from, again.to);
    await later.finishRekey();
    expect(await later.rekeyPending()).toBe(false);
    const unlocked = await later.unlock(PASS);
    const store = await RecordStore.open(db, unlocked.key, 'Layla');
    expect(await store.all('cases')).toEqual(before);
    expect((await store.verifyAudit()).ok).toBe(true);
    expect((await store.verifyIntegrity()).records.problems).toEqual([]);
    expect(await new SealedMeta(db, unlocked.key).load('profile')).toEqual({ actor: 'Layla' });
    const chunks: Uint8Array[] = [];
    for await (const c of readChunks(db, unlocked.key, {
      id: 'doc-1',
      size: stored.size,
      chunkCount: stored.chunkCount,
    }))
      chunks.push(c);
    expect(Buffer.compare(Buffer.concat(chunks), Buffer.from(original))).toBe(0);

    // An old copy of the header with the old passphrase: it still unwraps the old key, which now opens nothing.
    expect(await opensWithOldKey(oldHeader)).toBe(0);
  });
});

describe('re-encrypting a vault with a damaged row', () => {
  it('leaves the row that neither key opens as it was and still finishes, so the vault opens again', async () => {
    const { vault } = await filled();
    await db.cases.put({ id: 'damaged', enc: { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(40) } });
    const keys = await vault.beginRekey(PASS);
    expect(await resealAll(db, keys.from, keys.to)).toMatchObject({ unreadable: 1 });
    await vault.finishRekey();
    const unlocked = await vault.unlock(PASS);
    const report = await (await RecordStore.open(db, unlocked.key, 'Layla')).verifyIntegrity();
    expect(report.records.problems).toEqual([{ kind: 'unreadable', table: 'cases', id: 'damaged' }]);
  });

  it('counts wrong passphrases given to change the passphrase towards the throttle', async () => {
    const { vault, opened } = await filled();
    await expect(
      vault.changePassphrase(opened.member.id, 'not the passphrase', 'a new long passphrase', 'a new long passphrase'),
    ).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect((await db.meta.get(`throttle:${opened.member.id}`))?.value).toMatchObject({ failures: 1 });
  });
});
