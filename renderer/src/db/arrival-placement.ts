import { recordDigest } from '@shared/crypto/audit-chain';
import type { AuditEntry } from '@shared/domain/records';

/**
 * Where a version that arrives from another laptop goes, decided against the version held here at the moment it
 * is applied (inside the record store's queue, so no local save slips in between):
 *  - it continues the one held here (made from it, or settling it), or nothing is held: it is stored;
 *  - it was made apart from the one held here: it is kept beside it for a person to choose (a conflict);
 *  - a deletion and a change made apart are a conflict too, on both laptops: the one that deleted keeps the
 *    record deleted and the change beside it; the one that changed keeps its version and the deletion beside it.
 * The team's own records (members, compartments, signing keys, policies) are never left for a person to
 * choose: every laptop's judgement of what arrives rests on them, so every laptop must hold the same version.
 * There the same rule picks one on every laptop, whatever order the versions came in: a removal wins, then a
 * compartment's newer key, then the greater digest. The version not picked is kept in the chain, not stored.
 */
export type Placement = { kind: 'store'; settles: string[] } | { kind: 'aside'; conflict: boolean };

const TEAM_TABLES: ReadonlySet<string> = new Set(['members', 'compartments', 'keys', 'policies', 'teamKeys']);

export function placeArrival(
  table: string,
  entry: AuditEntry | undefined,
  value: unknown,
  held: unknown,
  deletedHere?: string,
): Placement {
  if (entry?.action === 'delete') return placeDeletion(table, entry, held);
  if (!entry || entry.action !== 'update' || !entry.base || !entry.digest || value === undefined)
    return { kind: 'store', settles: [] };
  const local = held === undefined ? undefined : recordDigest(held);
  const settles = [entry.base, ...(entry.resolves ?? [])];
  // Changed there while it was deleted here: neither undoes the other until a person chooses.
  if (local === undefined && deletedHere && !TEAM_TABLES.has(table) && !entry.resolves?.includes(deletedHere))
    return { kind: 'aside', conflict: true };
  if (local === undefined || local === entry.digest || local === entry.base || entry.resolves?.includes(local))
    return { kind: 'store', settles };
  if (!TEAM_TABLES.has(table)) return { kind: 'aside', conflict: true };
  return preferArriving(table, held, value, local, entry.digest)
    ? { kind: 'store', settles: [] }
    : { kind: 'aside', conflict: false };
}

/**
 * A deletion deletes the version it was made from (its base), or one it settled; a version held here that was
 * changed apart from it stays, and the deletion is kept beside it as a version to choose. The team's records
 * are not left for a choice (a member is never deleted; a compartment's deletion is judged by its own rules).
 */
function placeDeletion(table: string, entry: AuditEntry, held: unknown): Placement {
  if (!entry.base) return { kind: 'store', settles: [] };
  const settles = [entry.base, ...(entry.resolves ?? [])];
  if (held === undefined || TEAM_TABLES.has(table)) return { kind: 'store', settles };
  const local = recordDigest(held);
  if (local === entry.base || entry.resolves?.includes(local)) return { kind: 'store', settles };
  return { kind: 'aside', conflict: true };
}

function preferArriving(table: string, held: unknown, value: unknown, local: string, arriving: string): boolean {
  const h = held as { status?: unknown; generation?: unknown };
  const v = value as { status?: unknown; generation?: unknown };
  if (table === 'members' && h.status !== v.status) return v.status === 'removed';
  if (table === 'compartments' && h.generation !== v.generation) return Number(v.generation) > Number(h.generation);
  return arriving > local;
}
