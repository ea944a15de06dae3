import { canonicalJson } from './canonical-json';
import { fromUtf8, utf8 } from './bytes';

/**
 * An authenticated cipher with a key the caller never sees (WebCrypto in the
 * app, node's WebCrypto in tests). Kept as an interface so shared/ needs no
 * DOM types.
 */
export interface AeadKey {
  encrypt(iv: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array>;
  decrypt(iv: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array>;
}

export type RandomBytes = (n: number) => Uint8Array;

/** What a record looks like at rest: a version, a fresh 96-bit IV, and AES-GCM ciphertext. */
export interface Envelope {
  v: 1;
  iv: Uint8Array;
  ct: Uint8Array;
}

export const ENVELOPE_VERSION = 1;

/**
 * Binds a ciphertext to where it belongs: moving an encrypted record to
 * another table or another key fails authentication instead of decrypting
 * into the wrong place.
 */
export function recordAad(table: string, key: string | number, purpose = 'record'): Uint8Array {
  return utf8(`athar/v1/${purpose}/${table}/${String(key)}`);
}

export class DecryptionError extends Error {
  constructor(
    readonly table: string,
    readonly key: string | number,
  ) {
    super(`record ${table}/${String(key)} could not be decrypted (wrong key or tampered data)`);
    this.name = 'DecryptionError';
  }
}

export async function sealBytes(
  key: AeadKey,
  random: RandomBytes,
  aad: Uint8Array,
  plaintext: Uint8Array,
): Promise<Envelope> {
  const iv = random(12);
  return { v: 1, iv, ct: await key.encrypt(iv, aad, plaintext) };
}

export async function openBytes(key: AeadKey, env: Envelope, aad: Uint8Array): Promise<Uint8Array> {
  if (env.v !== ENVELOPE_VERSION || !(env.iv instanceof Uint8Array) || env.iv.length !== 12)
    throw new Error('bad-envelope');
  return key.decrypt(env.iv, aad, env.ct);
}

export async function sealJson(
  key: AeadKey,
  random: RandomBytes,
  table: string,
  id: string | number,
  value: unknown,
  purpose?: string,
): Promise<Envelope> {
  return sealBytes(key, random, recordAad(table, id, purpose), utf8(canonicalJson(value)));
}

export async function openJson<T = unknown>(
  key: AeadKey,
  table: string,
  id: string | number,
  env: Envelope,
  purpose?: string,
): Promise<T> {
  try {
    return JSON.parse(fromUtf8(await openBytes(key, env, recordAad(table, id, purpose)))) as T;
  } catch {
    throw new DecryptionError(table, id);
  }
}
