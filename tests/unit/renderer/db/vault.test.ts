import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import { throttleDelayMs, Vault } from '../../../../renderer/src/db/vault';
import { VaultError } from '../../../../renderer/src/db/vault-errors';
import { sealJson, openJson } from '@shared/crypto/envelope';
import { aesGcmKey, randomBytes } from '../../../../renderer/src/db/webcrypto-key';
import { deriveKek, wrapAad, type VaultHeader } from '@shared/crypto/vault-header';
import { memberFingerprint } from '@shared/crypto/signatures';

const PASS = 'a long enough passphrase';
let db: AtharDb;
let clock = 1_000_000;

beforeEach(() => {
  db = new AtharDb(`vault-test-${Math.random()}`);
  clock = 1_000_000;
});
afterEach(async () => {
  await db.delete();
});

const vault = () => new Vault({ db, now: () => clock, kdf: FAST });
const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return (e as VaultError).code;
  }
};

const FAST = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 };
const B_PASS = 'second member passphrase';

/** A vault with two members: A (who created it) and B (added by A). */
async function twoMembers(v: Vault) {
  const a = await v.create(PASS, PASS, 'A');
  const bId = crypto.randomUUID();
  await v.saveSlot(await v.prepareSlot(a.member, { id: bId, label: 'B', passphrase: B_PASS, confirmation: B_PASS }));
  return { a, bId };
}

const headerValue = async () => (await db.meta.get('vault'))!.value as VaultHeader;

describe('vault', () => {
  it('creates, then unlocks with the same data key and the same member keys', async () => {
    const v = vault();
    expect(await v.exists()).toBe(false);
    const created = await v.create(PASS, PASS, 'Desk 1');
    const env = await sealJson(created.key, randomBytes, 't', 'x', { hello: 'world' });
    const unlocked = await v.unlock(PASS);
    expect(unlocked.vaultId).toBe(created.vaultId);
    expect(unlocked.member).toMatchObject({ id: created.member.id, label: 'Desk 1' });
    expect(unlocked.member.keys.signingKey).toBe(created.member.keys.signingKey);
    expect(await openJson(unlocked.key, 't', 'x', env)).toEqual({ hello: 'world' });
    const header = await v.readHeader();
    expect(header.format).toBe(2);
    expect(header.slots[0]!.kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3 });
    // Private keys never leave WebCrypto once the slot is open.
    expect(unlocked.member.keys.signing.extractable).toBe(false);
    expect(unlocked.member.keys.agreement.extractable).toBe(false);
    expect(await v.slots()).toEqual([
      { id: created.member.id, label: 'Desk 1', fingerprint: memberFingerprint(created.member.keys) },
    ]);
  });

  it('refuses short or mismatched passphrases and a second vault', async () => {
    const v = vault();
    expect(await code(v.create('short', 'short'))).toBe('passphrase-too-short');
    expect(await code(v.create(PASS, PASS + 'x'))).toBe('passphrases-differ');
    await v.create(PASS, PASS);
    expect(await code(v.create(PASS, PASS))).toBe('vault-exists');
  });

  it('says "wrong passphrase", writes nothing but the failure count, and slows down repeated tries', async () => {
    const v = vault();
    const { member } = await v.create(PASS, PASS);
    const headerBefore = await db.meta.get('vault');
    expect(await code(v.unlock('wrong one 1'))).toBe('wrong-passphrase');
    expect(await code(v.unlock('wrong one 2'))).toBe('wrong-passphrase');
    expect(await code(v.unlock('wrong one 3'))).toBe('wrong-passphrase');
    // Third failure: the next try must wait, even with the right passphrase.
    const err = await v.unlock(PASS).catch((e: VaultError) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).code).toBe('throttled');
    expect((err as VaultError).retryAfterMs).toBe(1000);
    clock += 1000;
    await v.unlock(PASS);
    expect(await db.meta.get(`throttle:${member.id}`)).toBeUndefined();
    expect(await db.meta.get('vault')).toEqual(headerBefore);
  }, 30_000);

  it("counts one member's wrong passphrases against that member alone", async () => {
    const v = vault();
    const { a, bId } = await twoMembers(v);
    for (let i = 0; i < 4; i++) await code(v.unlock(`wrong guess ${i} for A`, a.member.id));
    expect(await code(v.unlock(PASS, a.member.id))).toBe('throttled');
    // B is not slowed down by A's mistakes, and opens the same data key.
    const b = await v.unlock(B_PASS, bId);
    expect(b.member.id).toBe(bId);
    const env = await sealJson(a.key, randomBytes, 't', 'x', { same: true });
    expect(await openJson(b.key, 't', 'x', env)).toEqual({ same: true });
    // Each passphrase opens its own slot only.
    expect(await code(v.unlock(PASS, bId))).toBe('wrong-passphrase');
  }, 60_000);

  it('asks which member is unlocking once there are several', async () => {
    const v = vault();
    const { a, bId } = await twoMembers(v);
    expect(await code(v.unlock(PASS))).toBe('choose-member');
    expect(await code(v.unlock(PASS, crypto.randomUUID()))).toBe('no-such-member');
    expect((await v.slots()).map((s) => s.label)).toEqual(['A', 'B']);
    expect((await v.unlock(PASS, a.member.id)).member.id).toBe(a.member.id);
    expect(bId).not.toBe(a.member.id);
  }, 30_000);

  it('removes a slot so that its passphrase opens nothing, and never removes the last one', async () => {
    const v = vault();
    const { a, bId } = await twoMembers(v);
    await v.removeSlot(bId);
    expect(await code(v.unlock(B_PASS, bId))).toBe('no-such-member');
    expect(await code(v.removeSlot(a.member.id))).toBe('last-slot');
    expect((await v.unlock(PASS)).member.id).toBe(a.member.id);
  }, 30_000);

  it('resets a member with a new slot: new keys, the new passphrase opens, the old one does not', async () => {
    const v = vault();
    const { a, bId } = await twoMembers(v);
    const before = (await v.unlock(B_PASS, bId)).member.keys.signingKey;
    const fresh = 'reset passphrase for B';
    const prepared = await v.prepareSlot(a.member, { id: bId, label: 'B', passphrase: fresh, confirmation: fresh });
    expect(prepared.slot.signingKey).not.toBe(before);
    await v.saveSlot(prepared);
    expect((await headerValue()).slots).toHaveLength(2);
    expect(await code(v.unlock(B_PASS, bId))).toBe('wrong-passphrase');
    expect((await v.unlock(fresh, bId)).member.keys.signingKey).toBe(prepared.slot.signingKey);
  }, 30_000);

  it('adds no slot and changes no passphrase while a re-encryption is under way', async () => {
    const v = vault();
    const a = await v.create(PASS, PASS);
    const prepared = await v.prepareSlot(a.member, {
      id: crypto.randomUUID(),
      label: 'B',
      passphrase: B_PASS,
      confirmation: B_PASS,
    });
    await v.beginRekey(PASS);
    expect(await code(v.saveSlot(prepared))).toBe('rekey-pending');
    expect(await code(v.changePassphrase(a.member.id, PASS, B_PASS, B_PASS))).toBe('rekey-pending');
    expect((await headerValue()).slots).toHaveLength(1);
  }, 30_000);

  it('grows the delay and caps it at a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map(throttleDelayMs)).toEqual([0, 0, 0, 1000, 2000, 4000, 60_000]);
  });

  it("changes a member's passphrase by re-sealing their keys; the data key stays", async () => {
    const v = vault();
    const created = await v.create(PASS, PASS);
    const id = created.member.id;
    const env = await sealJson(created.key, randomBytes, 't', 'x', { kept: true });
    expect(await code(v.changePassphrase(id, 'not it at all', 'new passphrase here', 'new passphrase here'))).toBe(
      'wrong-passphrase',
    );
    await v.changePassphrase(id, PASS, 'new passphrase here', 'new passphrase here');
    expect(await code(v.unlock(PASS))).toBe('wrong-passphrase');
    const again = await v.unlock('new passphrase here');
    expect(await openJson(again.key, 't', 'x', env)).toEqual({ kept: true });
    expect(again.member.keys.signingKey).toBe(created.member.keys.signingKey);
  }, 30_000);

  it('refuses a slot whose KDF was weakened, and a malformed header, without touching it', async () => {
    const v = vault();
    await v.create(PASS, PASS);
    const header = await headerValue();
    const weakened = { ...header, slots: [{ ...header.slots[0]!, kdf: { ...header.slots[0]!.kdf, memoryKiB: 1024 } }] };
    await db.meta.put({ id: 'vault', value: weakened });
    expect(await code(v.unlock(PASS))).toBe('header-weak-kdf');
    await db.meta.put({ id: 'vault', value: { nonsense: true } });
    expect(await code(v.unlock(PASS))).toBe('header-malformed');
    expect((await db.meta.get('vault'))?.value).toEqual({ nonsense: true });
  });

  it('does not open a slot whose parameters or public keys were changed on disk', async () => {
    const v = vault();
    const { member } = await v.create(PASS, PASS);
    const header = await headerValue();
    const slot = header.slots[0]!;
    const put = (s: Partial<typeof slot>) =>
      db.meta.put({ id: 'vault', value: { ...header, slots: [{ ...slot, ...s }] } });
    await put({ kdf: { ...slot.kdf, iterations: 4 } });
    expect(await code(v.unlock(PASS))).toBe('wrong-passphrase');
    const other = await new Vault({ db: new AtharDb(`other-${Math.random()}`), kdf: FAST }).create(PASS, PASS);
    await put({ signingKey: other.member.keys.signingKey });
    expect(await code(v.unlock(PASS))).toBe('wrong-passphrase');
    // The right passphrase opens the keys, but the grant of the data key was replaced: named, not "wrong".
    await put({ grant: { ...slot.grant, ct: slot.grant.ct.map((b, i) => (i === 0 ? b ^ 1 : b)) } });
    clock += 120_000;
    expect(await code(v.unlock(PASS))).toBe('slot-altered');
    await put({});
    clock += 120_000;
    expect((await v.unlock(PASS)).member.id).toBe(member.id);
  }, 60_000);

  it('upgrades a vault from before members: the same passphrase and data key, now one member with keys', async () => {
    // A format-1 header as the previous version wrote it.
    const vaultId = crypto.randomUUID();
    const kdf = { algorithm: 'argon2id' as const, ...FAST, salt: randomBytes(16) };
    const kek = await aesGcmKey(await deriveKek(PASS, kdf));
    const dataKey = randomBytes(32);
    const iv = randomBytes(12);
    const v1 = {
      format: 1,
      vaultId,
      createdAt: '2026-01-01T00:00:00.000Z',
      kdf,
      wrappedKey: { v: 1, iv, ct: await kek.encrypt(iv, wrapAad(vaultId, kdf), dataKey) },
    };
    await db.meta.put({ id: 'vault', value: v1 });
    await db.meta.put({ id: 'throttle', value: { failures: 1, lastFailureAt: 0 } });
    const env = await sealJson(await aesGcmKey(dataKey), randomBytes, 't', 'x', { old: true });
    const v = vault();
    expect(await v.slots()).toEqual([{ id: '', label: '', fingerprint: '' }]);
    expect(await code(v.unlock('not the old passphrase'))).toBe('wrong-passphrase');
    expect((await db.meta.get('vault'))?.value).toEqual(v1);
    const opened = await v.unlock(PASS, undefined, 'Office');
    expect(await openJson(opened.key, 't', 'x', env)).toEqual({ old: true });
    const header = await headerValue();
    expect(header).toMatchObject({ format: 2, vaultId, createdAt: v1.createdAt });
    expect(header.slots).toHaveLength(1);
    expect(header.slots[0]).toMatchObject({ id: opened.member.id, label: 'Office' });
    expect(await db.meta.get('throttle')).toBeUndefined();
    // And it opens as a format-2 vault from now on.
    expect((await v.unlock(PASS)).member.id).toBe(opened.member.id);
  }, 30_000);

  it('reports no-vault and never creates one on unlock', async () => {
    expect(await code(vault().unlock(PASS))).toBe('no-vault');
    expect(await db.meta.count()).toBe(0);
  });

  it('maps a storage failure to a message code instead of wiping anything', async () => {
    const v = vault();
    await v.create(PASS, PASS);
    const broken = new Vault({
      db: Object.assign(Object.create(db), {
        meta: { get: () => Promise.reject(Object.assign(new Error('x'), { name: 'UnknownError' })) },
      }),
    });
    expect(await code(broken.unlock(PASS))).toBe('storage-unavailable');
    expect(await db.meta.get('vault')).toBeDefined();
  });
});
