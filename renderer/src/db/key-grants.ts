import { concatBytes, fromHex, utf8 } from '@shared/crypto/bytes';
import { randomBytes } from './webcrypto-key';

/**
 * A secret key wrapped to one member's X25519 public key: an ephemeral key
 * pair, ECDH with the member's key, HKDF-SHA-256 over both public keys and
 * the context, and AES-256-GCM of the secret bound to the context. Only the
 * holder of the member's private key opens it, and it can be made for any
 * member from their public key alone, so an administrator can give a member
 * the vault's data key (or a case's compartment key) without their passphrase,
 * and re-grant a new key to every member when one is rotated.
 */
export interface KeyGrant {
  v: 1;
  /** The ephemeral public key. */
  epk: Uint8Array;
  iv: Uint8Array;
  ct: Uint8Array;
}

const X = { name: 'X25519' } as const;

async function grantKey(
  shared: ArrayBuffer,
  epk: Uint8Array,
  recipient: Uint8Array,
  context: string,
): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: concatBytes(epk, recipient) as Uint8Array<ArrayBuffer>,
      info: utf8(`athar/v1/grant/${context}`) as Uint8Array<ArrayBuffer>,
    },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function grantTo(recipientAgreementKey: string, secret: Uint8Array, context: string): Promise<KeyGrant> {
  const recipient = fromHex(recipientAgreementKey);
  const pub = await crypto.subtle.importKey('raw', recipient as Uint8Array<ArrayBuffer>, X, false, []);
  const eph = (await crypto.subtle.generateKey(X, true, ['deriveBits'])) as CryptoKeyPair;
  const epk = new Uint8Array(await crypto.subtle.exportKey('raw', eph.publicKey));
  const shared = await crypto.subtle.deriveBits({ name: 'X25519', public: pub }, eph.privateKey, 256);
  const key = await grantKey(shared, epk, recipient, context);
  const iv = randomBytes(12);
  const ct = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: utf8(context) as Uint8Array<ArrayBuffer> },
      key,
      secret as Uint8Array<ArrayBuffer>,
    ),
  );
  return { v: 1, epk, iv, ct };
}

/** The secret, or null when this member's key does not open the grant (not theirs, or altered). */
export async function openGrant(
  grant: KeyGrant,
  agreement: CryptoKey,
  ownAgreementKey: string,
  context: string,
): Promise<Uint8Array | null> {
  try {
    const epk = await crypto.subtle.importKey('raw', grant.epk as Uint8Array<ArrayBuffer>, X, false, []);
    const shared = await crypto.subtle.deriveBits({ name: 'X25519', public: epk }, agreement, 256);
    const key = await grantKey(shared, grant.epk, fromHex(ownAgreementKey), context);
    return new Uint8Array(
      await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: grant.iv as Uint8Array<ArrayBuffer>,
          additionalData: utf8(context) as Uint8Array<ArrayBuffer>,
        },
        key,
        grant.ct as Uint8Array<ArrayBuffer>,
      ),
    );
  } catch {
    return null;
  }
}
