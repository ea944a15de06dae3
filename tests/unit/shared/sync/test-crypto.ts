// What the sync format tests seal with: a fresh AES-GCM key, random bytes and random document ids.
import type { AeadKey } from '@shared/crypto/envelope';

export async function key(): Promise<AeadKey> {
  const k = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const alg = (iv: Uint8Array, aad: Uint8Array) =>
    ({ name: 'AES-GCM', iv, additionalData: aad }) as unknown as AesGcmParams;
  return {
    encrypt: async (iv, aad, p) => new Uint8Array(await crypto.subtle.encrypt(alg(iv, aad), k, p as BufferSource)),
    decrypt: async (iv, aad, c) => new Uint8Array(await crypto.subtle.decrypt(alg(iv, aad), k, c as BufferSource)),
  };
}
export const random = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));
export const id = (): string => Array.from(random(16), (b) => b.toString(16).padStart(2, '0')).join('');
