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
/**
 * Set when a new team key came here (a member was removed), cleared by a re-encryption: until then this laptop's
 * own data key may be one the removed member knew (the team's key of the time it joined, or the founding one).
 */
export const REKEY_ADVISED_META_ID = 'rekey-advised';

export interface TeamKey {
  generation: number;
  /** The team-key record that brought it; '' for the key the team began with. */
  id: string;
  /**
   * This laptop's own chain's newest entry when the key came here: commits made after it are sent under it,
   * commits made before (the one that made it, too) under the key before, which the other laptops hold.
   */
  since: number;
  key: AeadKey;
}

export interface TeamKeyRing {
  /** Oldest first (by generation, then record id); the last is the newest. */
  keys: TeamKey[];
  /** The data key: rows under a team key that is the same as it need no resealing. */
  local: AeadKey;
}

const ringSchema = z.object({
  keys: z
    .array(
      z.object({
        generation: z.number().int().nonnegative(),
        id: z.string().max(100).default(''),
        since: z.number().int().min(-1).default(-1),
        key: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(1000),
});

export interface RawTeamKey {
  generation: number;
  id: string;
  since: number;
  raw: Uint8Array;
}

const order = (a: { generation: number; id: string }, b: { generation: number; id: string }): number =>
  a.generation - b.generation || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The ring's keys as stored (null when the vault never had one written). Without a key of generation 0 among
 * them, the data key is generation 0.
 */
export async function readTeamKeys(db: AtharDb, dataKey: AeadKey): Promise<RawTeamKey[] | null> {
  const row = await db.meta.get(TEAM_KEYS_META_ID);
  if (!row) return null;
  const parsed = ringSchema.parse(await openJson(dataKey, 'meta', TEAM_KEYS_META_ID, row.value as Envelope));
  return parsed.keys
    .map((k) => ({ generation: k.generation, id: k.id, since: k.since, raw: fromHex(k.key) }))
    .sort(order);
}

export async function sealedTeamKeys(
  dataKey: AeadKey,
  keys: readonly RawTeamKey[],
): Promise<{ id: string; value: Envelope }> {
  const sorted = [...keys].sort(order);
  return {
    id: TEAM_KEYS_META_ID,
    value: await sealJson(dataKey, randomBytes, 'meta', TEAM_KEYS_META_ID, {
      keys: sorted.map((k) => ({ generation: k.generation, id: k.id, since: k.since, key: toHex(k.raw) })),
    }),
  };
}

export async function loadTeamKeyRing(db: AtharDb, dataKey: AeadKey): Promise<TeamKeyRing> {
  const raw = (await readTeamKeys(db, dataKey)) ?? [];
  const keys: TeamKey[] = await Promise.all(
    raw.map(async (k) => ({ generation: k.generation, id: k.id, since: k.since, key: await aesGcmKey(k.raw) })),
  );
  for (const k of raw) k.raw.fill(0);
  if (!keys.some((k) => k.generation === 0)) keys.unshift({ generation: 0, id: '', since: -1, key: dataKey });
  return { keys: keys.sort(order), local: dataKey };
}

export const newestTeamKey = (ring: TeamKeyRing): TeamKey => ring.keys.at(-1)!;

/** The key a commit starting at own entry `from` is sent under: the newest that had come here before it. */
export function keyForCommit(ring: TeamKeyRing, from: number): AeadKey {
  for (let i = ring.keys.length - 1; i >= 0; i--) if (ring.keys[i]!.since < from) return ring.keys[i]!.key;
  return ring.keys[0]!.key;
}

/** What a team key's grant is bound to: this team, this key record, its generation, the member. */
export const teamKeyGrantPlace = (vaultId: string, record: { id: string; generation: number }) => ({
  vaultId,
  compartmentId: `team-${record.id}`,
  generation: record.generation,
});

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
