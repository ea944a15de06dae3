import type { AuditEntry } from '@shared/domain/records';

/** Messages between the audit-chain workers and the page. Plain data and transferable keys only. */
export type ToChain =
  | { type: 'read'; id: number; dbName: string; key: CryptoKey; from: number; to: number }
  /** Ed25519 checks: [public key hex, signature hex, message]. */
  | { type: 'verify'; id: number; items: Array<[string, string, Uint8Array]> };

export type FromChain =
  /** Entries with from <= seq < to in order (null where unreadable), and 1 where an entry's hash is its own. */
  | { type: 'read'; id: number; entries: Array<AuditEntry | null>; hashOk: Uint8Array }
  | { type: 'verified'; id: number; ok: Uint8Array }
  | { type: 'failed'; id: number; message: string };
