import { fromHex, toHex } from '@shared/crypto/bytes';
import type { WrappedKey } from '@shared/domain/records';
import { grantTo, openGrant } from './key-grants';
import type { AeadKey } from '@shared/crypto/envelope';
import { randomBytes, type WebAeadKey } from './webcrypto-key';

/** What a compartment row's `k` says: which compartment's key, and which generation of it, seals the row. */
export const markOf = (compartmentId: string, generation: number): string => `${compartmentId}:${generation}`;
export const compartmentOfMark = (mark: string): string => mark.slice(0, mark.lastIndexOf(':'));

/**
 * The keys a session holds: the vault's data key, and the key of every compartment (restricted or strict case)
 * the unlocked member was given, by generation. A row is opened with the key its `k` names, or the data key
 * when it has none; a row whose key is not held is withheld, never guessed at.
 */
export class Keyring {
  private readonly held = new Map<string, WebAeadKey>();

  constructor(readonly data: AeadKey) {}

  keyFor(mark: string | undefined): AeadKey | null {
    return mark === undefined ? this.data : (this.held.get(mark) ?? null);
  }

  /** A compartment key as a worker receives it. */
  webKeyFor(mark: string): WebAeadKey | null {
    return this.held.get(mark) ?? null;
  }

  holds(mark: string): boolean {
    return this.held.has(mark);
  }

  hold(mark: string, key: WebAeadKey): void {
    this.held.set(mark, key);
  }

  /** Forgets every generation of a compartment's key (the member was unassigned, or the case released). */
  drop(compartmentId: string): void {
    for (const mark of [...this.held.keys()]) if (compartmentOfMark(mark) === compartmentId) this.held.delete(mark);
  }

  /** The held keys as workers receive them (still non-extractable there). */
  forWorker(): Array<[string, CryptoKey]> {
    return [...this.held].map(([mark, key]) => [mark, key.cryptoKey]);
  }
}

/** What a compartment key's grant is bound to: this vault, this compartment, this generation, this member. */
export const compartmentContext = (vaultId: string, compartmentId: string, generation: number, memberId: string) =>
  `compartment/${vaultId}/${compartmentId}/${generation}/${memberId}`;

export interface Holder {
  id: string;
  agreementKey: string;
}

export function newCompartmentKey(): Uint8Array {
  return randomBytes(32);
}

/** The raw key wrapped to each holder's X25519 key; the raw bytes are not kept. */
export async function wrapToHolders(
  raw: Uint8Array,
  holders: readonly Holder[],
  at: { vaultId: string; compartmentId: string; generation: number },
): Promise<WrappedKey[]> {
  return Promise.all(
    holders.map(async (h) => {
      const g = await grantTo(
        h.agreementKey,
        raw,
        compartmentContext(at.vaultId, at.compartmentId, at.generation, h.id),
      );
      return { member: h.id, agreementKey: h.agreementKey, epk: toHex(g.epk), iv: toHex(g.iv), ct: toHex(g.ct) };
    }),
  );
}

/** The member's own grant opened: the raw key (to wrap it to someone else) or null when they hold none. */
export async function openOwnGrant(
  grants: readonly WrappedKey[],
  self: { id: string; agreementKey: string; agreement: CryptoKey },
  at: { vaultId: string; compartmentId: string; generation: number },
): Promise<Uint8Array | null> {
  const mine = grants.find((g) => g.member === self.id && g.agreementKey === self.agreementKey);
  if (!mine) return null;
  return openGrant(
    { v: 1, epk: fromHex(mine.epk), iv: fromHex(mine.iv), ct: fromHex(mine.ct) },
    self.agreement,
    self.agreementKey,
    compartmentContext(at.vaultId, at.compartmentId, at.generation, self.id),
  );
}
