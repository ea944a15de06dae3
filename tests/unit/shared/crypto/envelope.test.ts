import { describe, expect, it } from 'vitest';
import { DecryptionError, openJson, sealJson, type AeadKey } from '@shared/crypto/envelope';
import { canonicalJson } from '@shared/crypto/canonical-json';
import { aesGcmKey, randomBytes } from '../../../../renderer/src/db/webcrypto-key';

const key = async (): Promise<AeadKey> => aesGcmKey(randomBytes(32));

describe('record envelopes (AES-256-GCM, node WebCrypto)', () => {
  it('round-trips and uses a fresh IV for every write', async () => {
    const k = await key();
    const a = await sealJson(k, randomBytes, 'persons', 'id-1', { name: 'سلمى' });
    const b = await sealJson(k, randomBytes, 'persons', 'id-1', { name: 'سلمى' });
    expect(a.iv).not.toEqual(b.iv);
    expect(await openJson(k, 'persons', 'id-1', a)).toEqual({ name: 'سلمى' });
  });

  it('holds no plaintext', async () => {
    const k = await key();
    const env = await sealJson(k, randomBytes, 'persons', 'id-1', { name: 'Test Person Alpha' });
    expect(new TextDecoder('latin1').decode(env.ct)).not.toContain('Alpha');
  });

  it('refuses a ciphertext moved to another table or id, a flipped bit, or the wrong key', async () => {
    const k = await key();
    const env = await sealJson(k, randomBytes, 'persons', 'id-1', { x: 1 });
    await expect(openJson(k, 'cases', 'id-1', env)).rejects.toBeInstanceOf(DecryptionError);
    await expect(openJson(k, 'persons', 'id-2', env)).rejects.toBeInstanceOf(DecryptionError);
    const flipped = { ...env, ct: env.ct.slice() };
    flipped.ct[0]! ^= 1;
    await expect(openJson(k, 'persons', 'id-1', flipped)).rejects.toBeInstanceOf(DecryptionError);
    await expect(openJson(await key(), 'persons', 'id-1', env)).rejects.toBeInstanceOf(DecryptionError);
  });

  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
    expect(() => canonicalJson({ n: NaN })).toThrow();
  });
});
