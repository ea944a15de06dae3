import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import { Vault } from '../../../../renderer/src/db/vault';
import { VaultStorage } from '../../../../renderer/src/db/vault-storage';
import { Members } from '../../../../renderer/src/db/members';
import { RecordStore } from '../../../../renderer/src/db/record-store';
import { PermissionRefused, VaultError } from '../../../../renderer/src/db/vault-errors';
import { aesGcmKey, randomBytes } from '../../../../renderer/src/db/webcrypto-key';
import { ed25519, generateMemberKeys, signWith } from '../../../../renderer/src/db/member-keys';
import { grantTo } from '../../../../renderer/src/db/key-grants';
import { CaseRepository } from '../../../../renderer/src/db/case-repository';
import { deriveKek, wrapAad } from '@shared/crypto/vault-header';
import { sealJson } from '@shared/crypto/envelope';
import { auditHash, nextAuditEntry } from '@shared/crypto/audit-chain';
import { commitMessage, verifySignatures } from '@shared/crypto/signatures';
import { personFields } from '@shared/domain/new-record';
import { EMPTY_DOC, type Case } from '@shared/domain/records';

const A_PASS = 'administrator passphrase';
const B_PASS = 'caseworker passphrase!';
const C_PASS = 'reviewer passphrase!!';
let db: AtharDb;

beforeEach(() => {
  db = new AtharDb(`members-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const newCase = (): Omit<Case, 'id' | 'createdAt' | 'updatedAt' | 'author' | 'personId' | 'reference'> =>
  ({
    kind: 'enforced-disappearance',
    status: 'disappeared',
    priority: 'normal',
    assignee: '',
    confidentiality: 'standard',
    tags: [],
    summary: EMPTY_DOC,
    statusHistory: [{ status: 'disappeared', at: '2026-01-01T00:00:00.000Z', by: 'x', reason: 'x' }],
  }) as never;

const testimony = (id: string, caseId: string) => ({
  table: 'testimonies' as const,
  put: {
    id,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    author: 'x',
    caseId,
    witnessId: crypto.randomUUID(),
    content: EMPTY_DOC,
    consent: { scope: 'internal' },
  },
});

async function team() {
  const vault = new Vault({ db });
  const a = await VaultStorage.open(db, await vault.create(A_PASS, A_PASS, 'A'), { founderName: 'Amal' });
  const members = new Members(vault, a);
  const b = await members.add({
    name: 'Basel',
    label: 'B',
    roles: ['caseworker'],
    passphrase: B_PASS,
    confirmation: B_PASS,
  });
  const c = await members.add({
    name: 'Carla',
    label: 'C',
    roles: ['reviewer'],
    passphrase: C_PASS,
    confirmation: C_PASS,
  });
  return { vault, a, members, b, c };
}

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'written';
  } catch (e) {
    if (e instanceof PermissionRefused) return e.refusal;
    if (e instanceof VaultError) return e.code;
    throw e;
  }
};

describe('members', () => {
  it("signs every commit with the acting member's key and names them as verified", async () => {
    const { vault, a, b } = await team();
    const bStorage = await VaultStorage.open(db, await vault.unlock(B_PASS, b.id));
    expect(bStorage.member).toMatchObject({ name: 'Basel', roles: ['caseworker'] });
    await new CaseRepository(db, bStorage.store).create(newCase(), personFields({ nameLatin: 'Test Person' }));
    const entries = await bStorage.store.auditEntries();
    const verdict = await bStorage.store.verifySignatures();
    expect(verdict.counts).toMatchObject({ verified: entries.length, invalid: 0, unsigned: 0, 'not-permitted': 0 });
    // The founding entry is Amal's own arrival; the case and its person are Basel's.
    expect(verdict.standings[0]).toEqual({ kind: 'verified', member: a.member.id });
    const last = entries.at(-1)!;
    expect(last).toMatchObject({ by: b.id, actor: 'Basel' });
    expect(verdict.standings.at(-1)).toEqual({ kind: 'verified', member: b.id });
    expect((await verifyIntegrity(bStorage.store)).records.problems).toEqual([]);
  }, 60_000);

  it('refuses a commit the member has no role for, with the roles it needs, and writes nothing', async () => {
    const { vault, b, c } = await team();
    const bStorage = await VaultStorage.open(db, await vault.unlock(B_PASS, b.id));
    const repo = new CaseRepository(db, bStorage.store);
    const caseId = (await repo.create(newCase(), personFields({ nameLatin: 'Test Person' }))).id;
    const length = await bStorage.store.auditLength();
    expect(await refusal(bStorage.store.commit([testimony(crypto.randomUUID(), caseId)]))).toEqual({
      reason: 'role',
      needs: ['investigator'],
    });
    expect(await refusal(new Members(vault, bStorage).setRoles(b.id, ['administrator']))).toMatchObject({
      reason: 'role',
      needs: ['administrator'],
    });
    expect(
      await refusal(
        bStorage.store.logEvent({ action: 'export', table: 'vault', recordId: 'x', caseId: null, fields: [] }),
      ),
    ).toMatchObject({
      reason: 'role',
    });
    expect(await bStorage.store.auditLength()).toBe(length);
    expect(await db.testimonies.count()).toBe(0);
    // A reviewer reads, and writes no case.
    const cStorage = await VaultStorage.open(db, await vault.unlock(C_PASS, c.id));
    expect((await cStorage.store.all('cases')).length).toBe(1);
    expect(
      await refusal(new CaseRepository(db, cStorage.store).create(newCase(), personFields({ nameLatin: 'X' }))),
    ).toMatchObject({
      reason: 'role',
      needs: expect.arrayContaining(['caseworker']),
    });
    // Any member may give themselves another name.
    expect(await bStorage.setActor('Basel K.')).toBe('Basel K.');
    expect((await bStorage.store.get('members', b.id))?.name).toBe('Basel K.');
  }, 60_000);

  it('applies a role changed mid-session at the next commit, and shuts out a removed member', async () => {
    const { vault, a, members, b } = await team();
    const bStorage = await VaultStorage.open(db, await vault.unlock(B_PASS, b.id));
    const repo = new CaseRepository(db, bStorage.store);
    await repo.create(newCase(), personFields({ nameLatin: 'First' }));
    await members.setRoles(b.id, ['viewer']);
    expect(await refusal(repo.create(newCase(), personFields({ nameLatin: 'Second' })))).toMatchObject({
      reason: 'role',
    });
    await members.setRoles(b.id, ['caseworker']);
    await repo.create(newCase(), personFields({ nameLatin: 'Third' }));
    await members.remove(b.id);
    expect(await refusal(repo.create(newCase(), personFields({ nameLatin: 'Fourth' })))).toEqual({
      reason: 'not-a-member',
    });
    expect(await refusal(vault.unlock(B_PASS, b.id))).toBe('no-such-member');
    // The chain keeps all of it, each change signed by the one who made it.
    const verdict = await a.store.verifySignatures();
    expect(verdict.counts).toMatchObject({ invalid: 0, unsigned: 0, 'not-permitted': 0 });
    expect(verdict.members.get(b.id)?.status).toBe('removed');
  }, 90_000);

  it('never removes or demotes the last administrator', async () => {
    const { a, members } = await team();
    expect(await refusal(members.setRoles(a.member.id, ['caseworker']))).toEqual({ reason: 'last-administrator' });
    expect(await refusal(members.remove(a.member.id))).toEqual({ reason: 'last-administrator' });
    expect(await refusal(a.store.commit([{ table: 'members', delete: a.member.id }]))).toEqual({
      reason: 'members-kept',
    });
    expect((await a.store.get('members', a.member.id))?.status).toBe('active');
  }, 60_000);

  it('shows a forged entry as invalid: signed by a key that is not the member named, or by no member at all', async () => {
    const { a, b } = await team();
    const key = (a.store as unknown as { key: Parameters<typeof sealJson>[0] }).key;
    const forger = (await generateMemberKeys()).keys;
    const forge = async (by: string) => {
      const last = (await a.store.auditEntries()).at(-1)!;
      const entry = nextAuditEntry(last, {
        at: new Date().toISOString(),
        actor: 'Basel',
        action: 'delete',
        table: 'cases',
        recordId: crypto.randomUUID(),
        caseId: null,
        fields: [],
        by,
      });
      entry.sig = { from: entry.seq, value: await signWith(forger.signing, commitMessage(entry.seq, entry)) };
      await db.audit.add({ seq: entry.seq, enc: await sealJson(key, randomBytes, 'audit', entry.seq, entry) });
      return entry.seq;
    };
    const asB = await forge(b.id);
    const asNobody = await forge(crypto.randomUUID());
    const store = await RecordStore.open(db, key, 'reader');
    // The unlock itself names the newest entry's bad signature.
    expect(store.headProblems).toContainEqual({ kind: 'head-signature', seq: asNobody });
    const verdict = await store.verifySignatures();
    expect(verdict.standings[asB]).toEqual({ kind: 'invalid', why: 'signature', member: b.id });
    expect(verdict.standings[asNobody]).toMatchObject({ kind: 'invalid', why: 'unknown-member' });
    // An unsigned store's entry after members exist is unsigned, in red, too.
    await store.logEvent({ action: 'print', table: 'vault', recordId: 'x', caseId: null, fields: [] });
    expect((await store.verifySignatures()).standings.at(-1)).toEqual({ kind: 'unsigned' });
  }, 60_000);

  it('opens a vault from the previous version (schema 3, one passphrase) as a vault with one administrator', async () => {
    // Schema 3 as the previous version declared it, with a format-1 header and records written by its store.
    const name = db.name;
    db.close();
    await Dexie.delete(name);
    const v3 = new Dexie(name);
    const stores = {
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
    };
    v3.version(1).stores(stores);
    v3.version(2).stores({ tracing: 'id' });
    v3.version(3).stores({ recipients: 'id', keys: 'id' });
    await v3.open();
    const dataKey = randomBytes(32);
    const key = await aesGcmKey(dataKey);
    const scratch = new AtharDb(`${name}-scratch`);
    const old = await RecordStore.open(scratch, key, 'Layla');
    await new CaseRepository(scratch, old).create(newCase(), personFields({ nameLatin: 'Samir' }));
    for (const t of v3.tables) if (t.name !== 'meta') await t.bulkPut(await scratch.table(t.name).toArray());
    scratch.close();
    await Dexie.delete(`${name}-scratch`);
    const vaultId = crypto.randomUUID();
    const kdf = {
      algorithm: 'argon2id' as const,
      memoryKiB: 65536,
      iterations: 3,
      parallelism: 1,
      salt: randomBytes(16),
    };
    const kek = await aesGcmKey(await deriveKek(A_PASS, kdf));
    const iv = randomBytes(12);
    await v3.table('meta').put({
      id: 'vault',
      value: {
        format: 1,
        vaultId,
        createdAt: '2026-01-01T00:00:00.000Z',
        kdf,
        wrappedKey: { v: 1, iv, ct: await kek.encrypt(iv, wrapAad(vaultId, kdf), dataKey) },
      },
    });
    const oldEntries = await v3.table('audit').count();
    v3.close();

    db = new AtharDb(name);
    const opened = await new Vault({ db }).unlock(A_PASS, undefined, 'Office');
    const storage = await VaultStorage.open(db, opened);
    expect(storage.member).toMatchObject({
      roles: ['administrator', 'caseworker', 'investigator', 'reviewer'],
      status: 'active',
    });
    expect((await storage.store.all('persons'))[0]?.nameLatin).toBe('Samir');
    const verdict = await storage.store.verifySignatures();
    expect(verdict.standings.slice(0, oldEntries).every((s) => s.kind === 'before-members')).toBe(true);
    expect(verdict.standings[oldEntries]).toEqual({ kind: 'verified', member: opened.member.id });
    const report = await verifyIntegrity(storage.store);
    expect(report.chain.ok).toBe(true);
    expect(report.records.problems).toEqual([]);
  }, 60_000);
});

const verifyIntegrity = (store: RecordStore) => store.verifyIntegrity();

describe('what a holder of the disk or of the data key cannot do', () => {
  it('hands no member a key of their own choosing: a forged re-encryption or a replaced grant is refused', async () => {
    const vault = new Vault({ db });
    const a = await VaultStorage.open(db, await vault.create(A_PASS, A_PASS, 'A'));
    await a.store.logEvent({ action: 'vault', table: 'vault', recordId: 'x', caseId: null, fields: [] });
    const header = (await db.meta.get('vault'))!.value as { vaultId: string; slots: Array<Record<string, unknown>> };
    const slot = header.slots[0]! as { id: string; agreementKey: string };
    const chosen = randomBytes(32);
    const forged = await grantTo(slot.agreementKey, chosen, `vault-key/${header.vaultId}/${slot.id}`);
    // A re-encryption "in progress" to a key the forger knows, without the proof only the data key can make.
    await db.meta.put({ id: 'vault', value: { ...header, slots: [{ ...slot, rekey: forged }] } });
    await expect(vault.beginRekey(A_PASS)).rejects.toMatchObject({ code: 'slot-altered' });
    // The grant itself replaced: the key it gives opens nothing stored, so the vault is not opened with it.
    await db.meta.put({ id: 'vault', value: { ...header, slots: [{ ...slot, grant: forged }] } });
    await expect(vault.unlock(A_PASS)).rejects.toMatchObject({ code: 'slot-altered' });
    await db.meta.put({ id: 'vault', value: header });
    expect((await vault.unlock(A_PASS)).member.id).toBe(slot.id);
  }, 60_000);

  it('makes no one an administrator by deleting the members rows or writing a restore entry', async () => {
    const { vault, a, b } = await team();
    const bStorage = await VaultStorage.open(db, await vault.unlock(B_PASS, b.id));
    const restore = {
      action: 'import' as const,
      table: 'vault' as const,
      recordId: 'restore',
      caseId: null,
      fields: [],
    };
    expect(await refusal(bStorage.store.logEvent(restore))).toMatchObject({ reason: 'role' });
    await db.members.clear();
    await expect(VaultStorage.open(db, await vault.unlock(B_PASS, b.id))).rejects.toMatchObject({
      refusal: { reason: 'not-a-member' },
    });
    expect(a.member.roles).toContain('administrator');
  }, 60_000);

  it('does not take a signature over an entry edited on disk that kept its stored hash', async () => {
    const { a } = await team();
    const key = (a.store as unknown as { key: Parameters<typeof sealJson>[0] }).key;
    const entries = await a.store.auditEntries();
    const target = entries.at(-1)!;
    const edited = { ...target, actor: 'Somebody else' };
    await db.audit.put({ seq: target.seq, enc: await sealJson(key, randomBytes, 'audit', target.seq, edited) });
    const verdict = await a.store.verifySignatures();
    expect(verdict.standings.at(-1)).toMatchObject({ kind: 'invalid', why: 'malformed' });
    // The same judgement from a reader that hashed every entry as it decrypted them (the verify workers).
    const read = await a.store.auditEntries();
    const hashOk = Uint8Array.from(read, (e) => (e && auditHash(e.prevHash, e) === e.hash ? 1 : 0));
    expect(hashOk.at(-1)).toBe(0);
    expect((await verifySignatures(read, ed25519, { hashOk })).standings.at(-1)).toMatchObject({
      kind: 'invalid',
      why: 'malformed',
    });
    expect((await verifySignatures(read, ed25519, { hashOk: hashOk.map(() => 1) })).standings.at(-1)?.kind).toBe(
      'verified',
    );
  }, 60_000);
});
