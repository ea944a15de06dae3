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

export const vaultHeaderSchema = z.object({
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
export type VaultHeader = z.infer<typeof vaultHeaderSchema>;

export type HeaderProblem = 'malformed' | 'weak-kdf';

export function checkHeader(raw: unknown): { ok: true; header: VaultHeader } | { ok: false; problem: HeaderProblem } {
  const parsed = vaultHeaderSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: 'malformed' };
  const { kdf } = parsed.data;
  if (
    kdf.memoryKiB < KDF_FLOOR.memoryKiB ||
    kdf.iterations < KDF_FLOOR.iterations ||
    kdf.parallelism < KDF_FLOOR.parallelism
  ) {
    return { ok: false, problem: 'weak-kdf' };
  }
  return { ok: true, header: parsed.data };
}

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
