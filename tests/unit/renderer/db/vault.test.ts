import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import { throttleDelayMs, Vault } from '../../../../renderer/src/db/vault';
import { VaultError } from '../../../../renderer/src/db/vault-errors';
import { sealJson, openJson } from '@shared/crypto/envelope';
import { randomBytes } from '../../../../renderer/src/db/webcrypto-key';

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

const vault = () => new Vault({ db, now: () => clock });
const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return (e as VaultError).code;
  }
};

describe('vault', () => {
  it('creates, then unlocks with the same data key', async () => {
    const v = vault();
    expect(await v.exists()).toBe(false);
    const created = await v.create(PASS, PASS);
    const env = await sealJson(created.key, randomBytes, 't', 'x', { hello: 'world' });
    const unlocked = await v.unlock(PASS);
    expect(unlocked.vaultId).toBe(created.vaultId);
    expect(await openJson(unlocked.key, 't', 'x', env)).toEqual({ hello: 'world' });
    const header = await v.readHeader();
    expect(header.kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3 });
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
    await v.create(PASS, PASS);
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
    expect(await db.meta.get('throttle')).toBeUndefined();
    expect(await db.meta.get('vault')).toEqual(headerBefore);
  }, 30_000);

  it('grows the delay and caps it at a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map(throttleDelayMs)).toEqual([0, 0, 0, 1000, 2000, 4000, 60_000]);
  });

  it('changes the passphrase by re-wrapping the same key', async () => {
    const v = vault();
    const created = await v.create(PASS, PASS);
    const env = await sealJson(created.key, randomBytes, 't', 'x', { kept: true });
    expect(await code(v.changePassphrase('not it at all', 'new passphrase here', 'new passphrase here'))).toBe(
      'wrong-passphrase',
    );
    await v.changePassphrase(PASS, 'new passphrase here', 'new passphrase here');
    expect(await code(v.unlock(PASS))).toBe('wrong-passphrase');
    const again = await v.unlock('new passphrase here');
    expect(await openJson(again.key, 't', 'x', env)).toEqual({ kept: true });
  }, 30_000);

  it('refuses a header whose KDF was weakened, and one that is malformed, without touching it', async () => {
    const v = vault();
    await v.create(PASS, PASS);
    const row = await db.meta.get('vault');
    const header = row!.value as { kdf: { memoryKiB: number } };
    await db.meta.put({ id: 'vault', value: { ...header, kdf: { ...header.kdf, memoryKiB: 1024 } } });
    expect(await code(v.unlock(PASS))).toBe('header-weak-kdf');
    await db.meta.put({ id: 'vault', value: { nonsense: true } });
    expect(await code(v.unlock(PASS))).toBe('header-malformed');
    expect((await db.meta.get('vault'))?.value).toEqual({ nonsense: true });
  });

  it('detects a header whose KDF was strengthened by tampering (parameters are bound to the wrapped key)', async () => {
    const v = vault();
    await v.create(PASS, PASS);
    const row = await db.meta.get('vault');
    const header = row!.value as { kdf: { iterations: number } };
    await db.meta.put({ id: 'vault', value: { ...header, kdf: { ...header.kdf, iterations: 4 } } });
    expect(await code(v.unlock(PASS))).toBe('wrong-passphrase');
  }, 20_000);

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
