import { z } from 'zod';
import { fromHex, toHex } from '@shared/crypto/bytes';
import {
  openBytes,
  openJson,
  recordAad,
  sealBytes,
  sealJson,
  type AeadKey,
  type Envelope,
} from '@shared/crypto/envelope';
import type { AtharDb } from './schema';
import { aesGcmKey, randomBytes } from './webcrypto-key';

/**
 * The team's keys, apart from this laptop's own data key. What a laptop sends to the sync server, and the rows
 * inside, are sealed under the team's newest key; what it stores is sealed under its own data key. The two
 * start as one (a team's first laptop seals with the key it made, a laptop that joins is given that key as its
 * own), and part as soon as either changes: a re-encryption of one laptop gives it a new data key of its own and
 * leaves the team's key as it was, and a new team key (after a member leaves) changes what laptops send without
 * re-encrypting any vault.
 *
 * The ring is kept in a meta row sealed under the data key, oldest first: every generation still opens what was
 * sent under it. Without the row the team's one key is the data key (generation 0).
 */
export const TEAM_KEYS_META_ID = 'team-keys';

export interface TeamKey {
  generation: number;
  key: AeadKey;
}

export interface TeamKeyRing {
  /** Oldest first; the last seals what this laptop sends. */
  keys: TeamKey[];
  /** The data key: rows under a team key that is the same as it need no resealing. */
  local: AeadKey;
}

const ringSchema = z.object({
  keys: z
    .array(z.object({ generation: z.number().int().nonnegative(), key: z.string().regex(/^[0-9a-f]{64}$/) }))
    .min(1)
    .max(1000),
});

export interface RawTeamKey {
  generation: number;
  raw: Uint8Array;
}

/** The ring's raw keys (null when the vault never had one written: then the data key is generation 0). */
export async function readTeamKeys(db: AtharDb, dataKey: AeadKey): Promise<RawTeamKey[] | null> {
  const row = await db.meta.get(TEAM_KEYS_META_ID);
  if (!row) return null;
  const parsed = ringSchema.parse(await openJson(dataKey, 'meta', TEAM_KEYS_META_ID, row.value as Envelope));
  return parsed.keys.map((k) => ({ generation: k.generation, raw: fromHex(k.key) }));
}

export async function sealedTeamKeys(
  dataKey: AeadKey,
  keys: readonly RawTeamKey[],
): Promise<{ id: string; value: Envelope }> {
  const sorted = [...keys].sort((a, b) => a.generation - b.generation);
  return {
    id: TEAM_KEYS_META_ID,
    value: await sealJson(dataKey, randomBytes, 'meta', TEAM_KEYS_META_ID, {
      keys: sorted.map((k) => ({ generation: k.generation, key: toHex(k.raw) })),
    }),
  };
}

export async function loadTeamKeyRing(db: AtharDb, dataKey: AeadKey): Promise<TeamKeyRing> {
  const raw = await readTeamKeys(db, dataKey);
  if (!raw) return { keys: [{ generation: 0, key: dataKey }], local: dataKey };
  const keys = await Promise.all(raw.map(async (k) => ({ generation: k.generation, key: await aesGcmKey(k.raw) })));
  for (const k of raw) k.raw.fill(0);
  return { keys, local: dataKey };
}

export const newestTeamKey = (ring: TeamKeyRing): TeamKey => ring.keys.at(-1)!;

/** The same sealed bytes under another key, bound to the same place; null if `from` does not open them. */
export async function resealRow(
  from: AeadKey,
  to: AeadKey,
  table: string,
  id: string,
  env: Envelope,
): Promise<Envelope | null> {
  if (from === to) return env;
  const aad = recordAad(table, id);
  const plain = await openBytes(from, env, aad).catch(() => null);
  if (!plain) return null;
  return sealBytes(to, randomBytes, aad, plain);
}
