import { argon2id } from 'hash-wasm';
import { KDF_DEFAULT } from '@shared/crypto/vault-header';

/**
 * The key of a backup. A backup is the whole vault in one file, so a guess
 * at it must cost what a guess at the vault costs: Argon2id with the
 * vault's parameters, over a recovery phrase Athar generates (125 random
 * bits), never a phrase a person chose.
 *
 * GnuPG cannot run Argon2, so the backup stays an OpenPGP message gpg reads
 * and Argon2 is put in front of it, in a way two standard tools can repeat:
 *
 *   gpg passphrase = hex(Argon2id(phrase, salt, t=3, m=64 MiB, p=1, 32 bytes))
 *
 * where the salt is the 8-character salt of the message's own session-key
 * packet (a version-4 SKESK with iterated and salted SHA-256 and no
 * encrypted session key: the session key is that S2K's output). Athar picks
 * the salt from the recovery alphabet, so it prints as text in
 * `gpg --list-packets` and the `argon2` command takes it as it is. The
 * README gives the three commands.
 */
export const BACKUP_KDF = { memoryKiB: KDF_DEFAULT.memoryKiB, iterations: KDF_DEFAULT.iterations, parallelism: 1 };

/** Crockford's base32: no I, L, O or U, so nothing reads as another letter. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 5;
const GROUP = 5;
const SALT_LENGTH = 8;
/** S2K count byte 0x60: 65,536 bytes hashed. Argon2 does the work; this only turns its output into a key. */
const S2K_COUNT_BYTE = 0x60;
const S2K_COUNT = (16 + (S2K_COUNT_BYTE & 15)) << ((S2K_COUNT_BYTE >> 4) + 6);
const SKESK_BODY = 13;

function randomText(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
}

/** A new recovery phrase, five groups of five: 125 bits. */
export function newRecoveryPhrase(): string {
  const raw = randomText(GROUPS * GROUP);
  return Array.from({ length: GROUPS }, (_, i) => raw.slice(i * GROUP, (i + 1) * GROUP)).join('-');
}

/**
 * A typed phrase in its canonical form (upper case, dashes between groups), forgiving what people mistype:
 * spaces, lower case, O for 0 and I or L for 1. Null when it is not a recovery phrase at all.
 */
export function canonicalRecoveryPhrase(typed: string): string | null {
  const raw = typed
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .toUpperCase()
    .replace(/[\s\-‐-―]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (raw.length !== GROUPS * GROUP || [...raw].some((c) => !ALPHABET.includes(c))) return null;
  return Array.from({ length: GROUPS }, (_, i) => raw.slice(i * GROUP, (i + 1) * GROUP)).join('-');
}

/** What gpg is given as the passphrase: Argon2id of the canonical phrase, in lower-case hex (as `argon2 -r` prints it). */
export async function gpgPassphrase(phrase: string, salt: string): Promise<string> {
  return argon2id({
    password: phrase,
    salt,
    memorySize: BACKUP_KDF.memoryKiB,
    iterations: BACKUP_KDF.iterations,
    parallelism: BACKUP_KDF.parallelism,
    hashLength: 32,
    outputType: 'hex',
  });
}

/** RFC 4880 §3.7.1.3: SHA-256 over the salt and passphrase repeated to `count` bytes. */
async function iteratedSaltedKey(salt: Uint8Array, passphrase: Uint8Array): Promise<Uint8Array> {
  const unit = new Uint8Array(salt.length + passphrase.length);
  unit.set(salt);
  unit.set(passphrase, salt.length);
  const input = new Uint8Array(Math.max(S2K_COUNT, unit.length));
  for (let off = 0; off < input.length; off += unit.length) input.set(unit.subarray(0, input.length - off), off);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', input));
}

export interface BackupKeyPacket {
  /** The SKESK packet, header included. */
  packet: Uint8Array;
  /** The AES-256 session key the message is encrypted with. */
  sessionKey: Uint8Array;
}

/** A fresh salt, the session-key packet that carries it, and the session key the phrase makes of it. */
export async function backupKeyPacket(phrase: string): Promise<BackupKeyPacket> {
  const salt = randomText(SALT_LENGTH);
  const saltBytes = new TextEncoder().encode(salt);
  const sessionKey = await iteratedSaltedKey(saltBytes, new TextEncoder().encode(await gpgPassphrase(phrase, salt)));
  // Tag 3 (new format), version 4, AES-256, S2K type 3 (iterated and salted), SHA-256, salt, count; no ESK.
  const packet = Uint8Array.of(0xc3, SKESK_BODY, 4, 9, 3, 8, ...saltBytes, S2K_COUNT_BYTE);
  return { packet, sessionKey };
}

/** The number of leading bytes `backupSalt` needs. */
export const BACKUP_HEAD_BYTES = 2 + SKESK_BODY;

/** The Argon2 salt of a backup made this way, from its first bytes; null for an older backup (a plain passphrase). */
export function backupSalt(head: Uint8Array): string | null {
  if (head.length < BACKUP_HEAD_BYTES) return null;
  const fixed = [0xc3, SKESK_BODY, 4, 9, 3, 8];
  if (fixed.some((b, i) => head[i] !== b) || head[6 + SALT_LENGTH] !== S2K_COUNT_BYTE) return null;
  const salt = String.fromCharCode(...head.subarray(6, 6 + SALT_LENGTH));
  return [...salt].every((c) => ALPHABET.includes(c)) ? salt : null;
}

/**
 * What to give the OpenPGP reader for a backup whose first bytes are `head`: for a backup made with a
 * recovery phrase, the Argon2 passphrase (null if what was typed is not a recovery phrase); for an older
 * backup, the passphrase as typed.
 */
export async function backupReadPassphrase(head: Uint8Array, typed: string): Promise<string | null> {
  const salt = backupSalt(head);
  if (salt === null) return typed;
  const phrase = canonicalRecoveryPhrase(typed);
  return phrase ? gpgPassphrase(phrase, salt) : null;
}
