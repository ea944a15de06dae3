import type { AeadKey } from '@shared/crypto/envelope';

/**
 * AES-256-GCM through WebCrypto. Keys are imported non-extractable: once the
 * vault is unlocked, script in the page can use the data key but not read it.
 */
/** An AeadKey that also carries its WebCrypto key, which can be handed to a worker (it stays non-extractable there). */
export interface WebAeadKey extends AeadKey {
  readonly cryptoKey: CryptoKey;
}

export async function aesGcmKey(raw: Uint8Array): Promise<WebAeadKey> {
  if (raw.length !== 32) throw new Error('AES-256 needs a 32-byte key');
  const key = await crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'AES-GCM' }, false, [
    'encrypt',
    'decrypt',
  ]);
  return wrapCryptoKey(key);
}

export function wrapCryptoKey(key: CryptoKey): WebAeadKey {
  return {
    cryptoKey: key,
    async encrypt(iv, aad, plaintext) {
      return new Uint8Array(
        await crypto.subtle.encrypt(
          {
            name: 'AES-GCM',
            iv: iv as Uint8Array<ArrayBuffer>,
            additionalData: aad as Uint8Array<ArrayBuffer>,
            tagLength: 128,
          },
          key,
          plaintext as Uint8Array<ArrayBuffer>,
        ),
      );
    },
    async decrypt(iv, aad, ciphertext) {
      return new Uint8Array(
        await crypto.subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: iv as Uint8Array<ArrayBuffer>,
            additionalData: aad as Uint8Array<ArrayBuffer>,
            tagLength: 128,
          },
          key,
          ciphertext as Uint8Array<ArrayBuffer>,
        ),
      );
    },
  };
}

export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

export function randomId(): string {
  return crypto.randomUUID();
}
