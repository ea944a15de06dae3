import { openJson, sealJson, type AeadKey, type Envelope } from '@shared/crypto/envelope';
import type { HeadMark } from '@shared/crypto/integrity';
import { randomBytes } from './webcrypto-key';

/**
 * The chain's newest entry, recorded twice more so that removing entries is
 * seen: sealed in `meta` in the same transaction as every entry (removing
 * the newest entries, or the whole table, leaves a head that names what is
 * gone), and as an anchor the host keeps outside the database (the main
 * process, in its own file), which also catches the whole database being
 * put back from an older copy. Both are sealed with the data key, so neither
 * can be forged without it; the host sees only the sequence number.
 */
export interface AnchorStore {
  load(): Promise<string | null>;
  save(seq: number, sealed: string): Promise<void>;
}

export const HEAD_META_ID = 'audit-head';

const b64 = (b: Uint8Array): string => btoa(String.fromCharCode(...b));
const unb64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export function sealHead(key: AeadKey, head: HeadMark): Promise<Envelope> {
  return sealJson(key, randomBytes, 'meta', HEAD_META_ID, head);
}

export async function openHead(key: AeadKey, env: unknown): Promise<HeadMark | null> {
  try {
    const h = await openJson<HeadMark>(key, 'meta', HEAD_META_ID, env as Envelope);
    return Number.isInteger(h.seq) && typeof h.hash === 'string' ? { seq: h.seq, hash: h.hash } : null;
  } catch {
    return null;
  }
}

/** The anchor as text for the host: bound to the vault, so one vault's anchor cannot stand in for another's. */
export async function sealAnchor(key: AeadKey, vaultId: string, head: HeadMark): Promise<string> {
  const env = await sealJson(key, randomBytes, 'anchor', vaultId, head);
  return `${b64(env.iv)}.${b64(env.ct)}`;
}

export async function openAnchor(key: AeadKey, vaultId: string, text: string): Promise<HeadMark | null> {
  try {
    const [iv, ct] = text.split('.');
    const h = await openJson<HeadMark>(key, 'anchor', vaultId, { v: 1, iv: unb64(iv ?? ''), ct: unb64(ct ?? '') });
    return Number.isInteger(h.seq) && typeof h.hash === 'string' ? { seq: h.seq, hash: h.hash } : null;
  } catch {
    return null;
  }
}
