import * as openpgp from 'openpgp';

/**
 * OpenPGP keys for evidence packages: the organisation's signing key and
 * recipients' public keys. openpgp.js defaults are kept on purpose (v4 keys,
 * no AEAD, no Argon2 S2K): GnuPG 2.2, which many recipients run, reads
 * nothing newer (docs/threat-model.md).
 */
export type KeyProblem =
  | 'not-a-key'
  | 'private-key'
  | 'public-key'
  | 'expired'
  | 'revoked'
  | 'cannot-encrypt'
  | 'cannot-sign'
  | 'wrong-passphrase';

export class KeyError extends Error {
  constructor(readonly code: KeyProblem) {
    super(code);
    this.name = 'KeyError';
  }
}

export interface KeyInfo {
  fingerprint: string;
  userIds: string[];
  algorithm: string;
  created: string;
  expires: string | null;
}

/** A fingerprint in groups of four, as people read it aloud to check it out of band. */
export function groupFingerprint(fp: string): string {
  return fp
    .toUpperCase()
    .replace(/(.{4})/g, '$1 ')
    .trim();
}

async function describe(key: openpgp.Key): Promise<KeyInfo> {
  const expires = await key.getExpirationTime();
  return {
    fingerprint: key.getFingerprint().toUpperCase(),
    userIds: key.getUserIDs(),
    algorithm:
      key.getAlgorithmInfo().algorithm +
      ('curve' in key.getAlgorithmInfo() ? ` ${String((key.getAlgorithmInfo() as { curve?: string }).curve)}` : ''),
    created: key.getCreationTime().toISOString(),
    expires: expires instanceof Date ? expires.toISOString() : null,
  };
}

/** A recipient's public key, pasted or read from a file: it must be a public key that can encrypt today. */
export async function readRecipientKey(armored: string, now = new Date()): Promise<{ armored: string; info: KeyInfo }> {
  let key: openpgp.Key;
  try {
    key = await openpgp.readKey({ armoredKey: armored.trim() });
  } catch {
    throw new KeyError('not-a-key');
  }
  // Someone pasted their own secret: refuse it, and never store it.
  if (key.isPrivate()) throw new KeyError('private-key');
  if (await key.isRevoked(undefined, undefined, now)) throw new KeyError('revoked');
  const expires = await key.getExpirationTime();
  if (expires instanceof Date && expires <= now) throw new KeyError('expired');
  try {
    await key.getEncryptionKey(undefined, now);
  } catch {
    throw new KeyError('cannot-encrypt');
  }
  return { armored: key.armor(), info: await describe(key) };
}

/** The organisation's signing key, made here: a v4 Curve25519 key GnuPG 2.2 reads. Kept in the vault; its secret never leaves. */
export async function generateSigningKey(
  name: string,
  email: string,
  now = new Date(),
): Promise<{ armoredPrivate: string; armoredPublic: string; info: KeyInfo }> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: name.trim(), ...(email.trim() ? { email: email.trim() } : {}) }],
    date: now,
    format: 'armored',
  });
  const key = await openpgp.readKey({ armoredKey: publicKey });
  return { armoredPrivate: privateKey, armoredPublic: publicKey, info: await describe(key) };
}

/** An existing signing key imported from the organisation's files; a protected one is unlocked with its passphrase and kept unprotected inside the (encrypted) vault. */
export async function importSigningKey(
  armored: string,
  passphrase: string,
): Promise<{ armoredPrivate: string; armoredPublic: string; info: KeyInfo }> {
  let key: openpgp.PrivateKey;
  try {
    const read = await openpgp.readKey({ armoredKey: armored.trim() });
    if (!read.isPrivate()) throw new KeyError('public-key');
    key = read;
  } catch (e) {
    throw e instanceof KeyError ? e : new KeyError('not-a-key');
  }
  if (!key.isDecrypted()) {
    try {
      key = await openpgp.decryptKey({ privateKey: key, passphrase });
    } catch {
      throw new KeyError('wrong-passphrase');
    }
  }
  try {
    await key.getSigningKey();
  } catch {
    throw new KeyError('cannot-sign');
  }
  return { armoredPrivate: key.armor(), armoredPublic: key.toPublic().armor(), info: await describe(key) };
}
