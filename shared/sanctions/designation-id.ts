import { sha256 } from '@noble/hashes/sha2.js';
import { AUTHORITIES, type Authority } from './designation';

/**
 * A designation's record id, the same on every laptop that imports the same list: a UUID (version 8, for ids
 * of one's own making) from SHA-256 of the authority and its reference. Two offices importing one list then
 * hold one record each, which sync treats as one, not two people.
 */
export function designationId(authority: Authority, ref: string): string {
  const h = sha256(new TextEncoder().encode(`athar-designation\u0000${authority}\u0000${ref}`));
  const b = h.slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether a designation record carries the id its authority and reference give (a forged or altered one does not). */
export function designationIdHolds(d: unknown): boolean {
  const x = d as { id?: unknown; authority?: unknown; ref?: unknown } | null;
  return (
    !!x &&
    typeof x.id === 'string' &&
    typeof x.ref === 'string' &&
    (AUTHORITIES as readonly unknown[]).includes(x.authority) &&
    x.id === designationId(x.authority as Authority, x.ref)
  );
}
