import { z } from 'zod';
import { argon2id } from 'hash-wasm';
import { canonicalJson } from './canonical-json';
import { utf8 } from './bytes';

/**
 * The vault header: how the passphrase becomes a key-encryption key, and the
 * data key wrapped by it. Parameters live in the header so they can be raised
 * later; headers weaker than the floor are refused, so a tampered header
 * cannot downgrade the key derivation.
 */
export const KDF_FLOOR = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 } as const;
export const KDF_DEFAULT = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 } as const;
/**
 * The most any header may ask for. A header edited to demand 4 GiB and a hundred passes would make every
 * unlock hang or exhaust memory (a denial of service): a header past these is refused as not Athar's.
 */
export const KDF_CEILING = { memoryKiB: 1024 * 1024, iterations: 10, parallelism: 4 } as const;

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes');

export const kdfParamsSchema = z.object({
  algorithm: z.literal('argon2id'),
  memoryKiB: z.number().int().positive().max(KDF_CEILING.memoryKiB),
  iterations: z.number().int().positive().max(KDF_CEILING.iterations),
  parallelism: z.number().int().positive().max(KDF_CEILING.parallelism),
  salt: bytes.refine((s) => s.length >= 16, 'salt-too-short'),
});
export type KdfParams = z.infer<typeof kdfParamsSchema>;

/** The header of a vault from before members (format 1): one passphrase wraps the data key. Read only to upgrade. */
export const vaultHeaderV1Schema = z.object({
  format: z.literal(1),
  vaultId: z.string().uuid(),
  createdAt: z.string(),
  kdf: kdfParamsSchema,
  wrappedKey: z.object({ v: z.literal(1), iv: bytes, ct: bytes }),
  /**
   * A re-encryption under way: the new data key, wrapped like the current one. Rows are re-sealed with it one
   * batch at a time; when all are, it replaces `wrappedKey` in one write (renderer/src/db/rekey.ts).
   */
  rekey: z.object({ v: z.literal(1), iv: bytes, ct: bytes }).optional(),
});
export type VaultHeaderV1 = z.infer<typeof vaultHeaderV1Schema>;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const sealed = z.object({ v: z.literal(1), iv: bytes, ct: bytes });
export const keyGrantSchema = z.object({
  v: z.literal(1),
  epk: bytes.refine((b) => b.length === 32, 'epk'),
  iv: bytes,
  ct: bytes,
});

/**
 * One member's way in: their passphrase's Argon2id parameters, their key pairs' public halves, the private
 * halves sealed under the key the passphrase derives, and the data key wrapped to their X25519 key. The label
 * is what the lock screen lists: it is in clear, like everything in the header.
 */
export const keySlotSchema = z.object({
  /** The member's id in the members table. */
  id: z.string().uuid(),
  label: z.string().trim().min(1).max(60),
  kdf: kdfParamsSchema,
  signingKey: hex64,
  agreementKey: hex64,
  sealed,
  grant: keyGrantSchema,
  /** A re-encryption under way: the new data key, granted to this member like the current one (rekey.ts). */
  rekey: keyGrantSchema.optional(),
});
export type KeySlot = z.infer<typeof keySlotSchema>;

/** Format 2: a slot per member. */
export const vaultHeaderSchema = z.object({
  format: z.literal(2),
  vaultId: z.string().uuid(),
  createdAt: z.string(),
  /**
   * A copy of a team's vault that joined it through the sync server: its own chain's id there. Absent on the copy
   * that founded the team (and on every vault that never joined one), whose chain is known by the vault's id.
   */
  device: z.string().uuid().optional(),
  /**
   * During a re-encryption: the new data key's SHA-256, sealed under the current data key. Grants need no secret
   * to make, so without this anyone who can write the header could hand every member a key of their own choosing
   * and have the next unlock re-seal the vault under it.
   */
  rekeyProof: z.object({ v: z.literal(1), iv: bytes, ct: bytes }).optional(),
  slots: z
    .array(keySlotSchema)
    .min(1)
    .max(500)
    .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'duplicate-slot'),
});
export type VaultHeader = z.infer<typeof vaultHeaderSchema>;

export type HeaderProblem = 'malformed' | 'weak-kdf';

const weak = (kdf: KdfParams): boolean =>
  kdf.memoryKiB < KDF_FLOOR.memoryKiB ||
  kdf.iterations < KDF_FLOOR.iterations ||
  kdf.parallelism < KDF_FLOOR.parallelism;

export function checkHeader(
  raw: unknown,
): { ok: true; header: VaultHeader | VaultHeaderV1 } | { ok: false; problem: HeaderProblem } {
  const v2 = vaultHeaderSchema.safeParse(raw);
  if (v2.success) {
    if (v2.data.slots.some((s) => weak(s.kdf))) return { ok: false, problem: 'weak-kdf' };
    return { ok: true, header: v2.data };
  }
  const v1 = vaultHeaderV1Schema.safeParse(raw);
  if (!v1.success) return { ok: false, problem: 'malformed' };
  if (weak(v1.data.kdf)) return { ok: false, problem: 'weak-kdf' };
  return { ok: true, header: v1.data };
}

/** Additional data for a slot's sealed private keys: a slot whose keys or parameters were changed does not open. */
export function slotAad(slot: Pick<KeySlot, 'id' | 'kdf' | 'signingKey' | 'agreementKey'>): Uint8Array {
  return utf8(
    `athar/v1/member-keys/${slot.id}/${slot.signingKey}/${slot.agreementKey}/${canonicalJson({ ...slot.kdf, salt: Array.from(slot.kdf.salt) })}`,
  );
}

/** What a grant of the data key is bound to: this vault and this member. */
export const dataKeyContext = (vaultId: string, memberId: string): string => `vault-key/${vaultId}/${memberId}`;

/** Argon2id of the passphrase: 32 bytes of key-encryption key. */
export async function deriveKek(passphrase: string, kdf: KdfParams): Promise<Uint8Array> {
  return argon2id({
    password: passphrase.normalize('NFC'),
    salt: kdf.salt,
    memorySize: kdf.memoryKiB,
    iterations: kdf.iterations,
    parallelism: kdf.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
}

/** Additional data for the wrapped key: altering any KDF parameter breaks the unwrap. */
export function wrapAad(vaultId: string, kdf: KdfParams): Uint8Array {
  return utf8(`athar/v1/vault-key/${vaultId}/${canonicalJson({ ...kdf, salt: Array.from(kdf.salt) })}`);
}
