import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson } from './canonical-json';
import { toHex, utf8 } from './bytes';
import type { AuditEntry } from '../domain/records';

/**
 * The audit log is a hash chain: each entry's hash covers its content and the
 * previous entry's hash, so editing, reordering or removing an entry in the
 * middle breaks every link after it. An entry that writes a record carries
 * the digest of the version written (`recordDigest`), so the chain also says
 * what each record must be now (see integrity.ts). Removal of the newest
 * entries is caught by the sealed head and the anchor the main process keeps
 * (renderer/src/db/audit-head.ts); the verified head goes into every export
 * and backup.
 */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditContent = Omit<AuditEntry, 'hash' | 'prevHash' | 'sig'>;

export function auditHash(prevHash: string, content: AuditContent): string {
  const { seq, at, actor, action, table, recordId, caseId, fields, digest, base, resolves, by, member } = content;
  // Entries from before digests (or members, or bases) have none; canonicalJson leaves an undefined key out, so
  // their hashes stand.
  const hashed = { seq, at, actor, action, table, recordId, caseId, fields, digest, base, resolves, by, member };
  return toHex(sha256(utf8(`${prevHash}\n${canonicalJson(hashed)}`)));
}

/** SHA-256 of a record version's canonical JSON: what an audit entry binds. */
export function recordDigest(record: unknown): string {
  return toHex(sha256(utf8(canonicalJson(record))));
}

/** Sequence numbers of entries dated before the entry preceding them: the clock went backwards, or an entry was forged. */
export function clockBackwards(entries: ReadonlyArray<AuditEntry | null>): number[] {
  const out: number[] = [];
  let last = '';
  for (const e of entries) {
    if (!e) continue;
    if (last && Date.parse(e.at) < Date.parse(last)) out.push(e.seq);
    last = e.at;
  }
  return out;
}

export function nextAuditEntry(
  head: { seq: number; hash: string } | null,
  content: Omit<AuditContent, 'seq'>,
): AuditEntry {
  const seq = head ? head.seq + 1 : 0;
  const prevHash = head ? head.hash : GENESIS_HASH;
  const full = { ...content, seq };
  return { ...full, prevHash, hash: auditHash(prevHash, full) };
}

/**
 * Whether an entry's stored hash is the hash of its content: recomputed, or taken from `hashOk` (1 where it is),
 * computed by whoever decrypted the chain (the verify workers hash it as they read).
 */
export function ownHash(e: AuditEntry, position: number, hashOk?: ArrayLike<number>): boolean {
  return hashOk ? hashOk[position] === 1 : auditHash(e.prevHash, e) === e.hash;
}

export type ChainBreak = 'hash-mismatch' | 'link-mismatch' | 'sequence-gap' | 'unreadable';

export type ChainVerdict =
  { ok: true; count: number; head: string } | { ok: false; count: number; brokenAt: number; reason: ChainBreak };

/**
 * Walks entries in storage order. `brokenAt` is the position of the first
 * entry that does not follow from the one before it. An entry that could not
 * be decrypted is passed as null.
 */
export function verifyAuditChain(
  entries: ReadonlyArray<AuditEntry | null>,
  opts: { hashOk?: ArrayLike<number> } = {},
): ChainVerdict {
  let prev = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!e) return { ok: false, count: entries.length, brokenAt: i, reason: 'unreadable' };
    if (e.seq !== i) return { ok: false, count: entries.length, brokenAt: i, reason: 'sequence-gap' };
    if (e.prevHash !== prev) return { ok: false, count: entries.length, brokenAt: i, reason: 'link-mismatch' };
    if (!ownHash(e, i, opts.hashOk)) return { ok: false, count: entries.length, brokenAt: i, reason: 'hash-mismatch' };
    prev = e.hash;
  }
  return { ok: true, count: entries.length, head: prev };
}
