import { fromHex, toHex } from '@shared/crypto/bytes';
import type { SignatureCheck } from '@shared/crypto/signatures';

/**
 * A member's two key pairs, in WebCrypto: Ed25519 signs what they do,
 * X25519 receives the keys wrapped to them (key-grants.ts). The private
 * halves leave WebCrypto once, as PKCS#8, to be sealed under the member's
 * passphrase in their slot (vault.ts); in a session they are
 * non-extractable keys that script can use and not read.
 */
export interface MemberKeys {
  signing: CryptoKey;
  agreement: CryptoKey;
  /** Raw public keys in hex, as the members table and the audit chain carry them. */
  signingKey: string;
  agreementKey: string;
}

export interface SealablePrivate {
  signing: Uint8Array;
  agreement: Uint8Array;
}

const ED = { name: 'Ed25519' } as const;
const X = { name: 'X25519' } as const;

async function rawPublic(key: CryptoKey): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.exportKey('raw', key)));
}

/** New key pairs, with their private halves as PKCS#8 for sealing (the caller zeroes them once sealed). */
export async function generateMemberKeys(): Promise<{ keys: MemberKeys; sealable: SealablePrivate }> {
  const ed = (await crypto.subtle.generateKey(ED, true, ['sign', 'verify'])) as CryptoKeyPair;
  const x = (await crypto.subtle.generateKey(X, true, ['deriveBits'])) as CryptoKeyPair;
  const sealable = {
    signing: new Uint8Array(await crypto.subtle.exportKey('pkcs8', ed.privateKey)),
    agreement: new Uint8Array(await crypto.subtle.exportKey('pkcs8', x.privateKey)),
  };
  // Imported again, non-extractable: the extractable originals go out of scope here.
  return {
    keys: await importMemberKeys(sealable, await rawPublic(ed.publicKey), await rawPublic(x.publicKey)),
    sealable,
  };
}

export async function importMemberKeys(
  p: SealablePrivate,
  signingKey: string,
  agreementKey: string,
): Promise<MemberKeys> {
  const signing = await crypto.subtle.importKey('pkcs8', p.signing as Uint8Array<ArrayBuffer>, ED, false, ['sign']);
  const agreement = await crypto.subtle.importKey('pkcs8', p.agreement as Uint8Array<ArrayBuffer>, X, false, [
    'deriveBits',
  ]);
  return { signing, agreement, signingKey, agreementKey };
}

export async function signWith(key: CryptoKey, message: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.sign(ED, key, message as Uint8Array<ArrayBuffer>)));
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;
const publicKeys = new Map<string, Promise<CryptoKey>>();

/** Ed25519 verification through WebCrypto; imported public keys are kept, as a chain names few members many times. */
export const ed25519: SignatureCheck = {
  async verify(publicKeyHex, signatureHex, message) {
    if (!HEX64.test(publicKeyHex) || !HEX128.test(signatureHex)) return false;
    let key = publicKeys.get(publicKeyHex);
    if (!key) {
      key = crypto.subtle.importKey('raw', fromHex(publicKeyHex) as Uint8Array<ArrayBuffer>, ED, false, ['verify']);
      if (publicKeys.size > 1000) publicKeys.clear();
      publicKeys.set(publicKeyHex, key);
    }
    try {
      return await crypto.subtle.verify(
        ED,
        await key,
        fromHex(signatureHex) as Uint8Array<ArrayBuffer>,
        message as Uint8Array<ArrayBuffer>,
      );
    } catch {
      return false;
    }
  },
};
