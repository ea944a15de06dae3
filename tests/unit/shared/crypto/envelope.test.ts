import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, openJson, recordAad, sealJson, type AeadKey } from '@shared/crypto/envelope';
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

  it('holds no plaintext, in either script, as bytes', async () => {
    const k = await key();
    const value = { nameLatin: 'Test Person Alpha', nameAr: 'شخص اختبار ألفا' };
    const env = await sealJson(k, randomBytes, 'persons', 'id-1', value);
    const ct = Buffer.from(env.ct);
    for (const s of Object.values(value)) expect(ct.indexOf(Buffer.from(s, 'utf8')), s).toBe(-1);
    expect(ct.length).toBe(Buffer.byteLength(canonicalJson(value)) + 16);
  });

  it('is AES-256-GCM as an independent implementation reads it, bound to table and id (not an identity or a toy)', async () => {
    // node's OpenSSL, not the WebCrypto wrapper the app uses, opens what the app sealed with a known key and IV.
    const raw = Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + 3) & 0xff);
    const iv = Uint8Array.from({ length: 12 }, (_, i) => i + 1);
    const value = { name: 'سلمى', phone: '+000 55 123 4567' };
    const env = await sealJson(await aesGcmKey(raw), () => iv.slice(), 'persons', 'id-1', value);
    const ct = Buffer.from(env.ct);
    const decipher = createDecipheriv('aes-256-gcm', raw, iv);
    decipher.setAAD(recordAad('persons', 'id-1'));
    decipher.setAuthTag(ct.subarray(ct.length - 16));
    const plain = Buffer.concat([decipher.update(ct.subarray(0, ct.length - 16)), decipher.final()]);
    expect(plain.toString('utf8')).toBe(canonicalJson(value));
    expect(ct.subarray(0, ct.length - 16).equals(Buffer.from(canonicalJson(value), 'utf8'))).toBe(false);
    const elsewhere = createDecipheriv('aes-256-gcm', raw, iv);
    elsewhere.setAAD(recordAad('persons', 'id-2'));
    elsewhere.setAuthTag(ct.subarray(ct.length - 16));
    elsewhere.update(ct.subarray(0, ct.length - 16));
    expect(() => elsewhere.final()).toThrow();
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
