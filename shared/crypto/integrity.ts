import type { AuditEntry } from '../domain/records';

/**
 * What the audit chain says each record must be now, against what is
 * stored. The chain is verified first (audit-chain.ts); then, for every
 * record, the newest entry that wrote or deleted it decides: a stored row
 * whose digest is not that entry's digest was put back from an older copy
 * or replaced; a row the chain deleted or never wrote should not be there;
 * a row the chain wrote and never deleted should be. An attacker without
 * the key cannot write a new row or entry, but can copy old ones back or
 * delete them: this is what catches it.
 */
export type RecordProblem =
  | { kind: 'altered'; table: string; id: string; seq: number }
  | { kind: 'deleted-but-present'; table: string; id: string; seq: number }
  | { kind: 'missing'; table: string; id: string; seq: number }
  | { kind: 'unrecorded'; table: string; id: string }
  | { kind: 'unreadable'; table: string; id: string };

export interface RecordsVerdict {
  problems: RecordProblem[];
  /** Rows whose newest entry predates digests: the chain cannot say what they hold until they next change. */
  unbound: number;
  checked: number;
}

/** `rows`: for each table, every stored row's digest (null if it could not be decrypted). */
export function checkRecordsAgainstChain(
  entries: readonly AuditEntry[],
  rows: ReadonlyMap<string, ReadonlyMap<string, string | null>>,
  /** `table/id` of rows stored but sealed with a key the checker does not hold: present, and not checked. */
  withheld: ReadonlySet<string> = new Set(),
): RecordsVerdict {
  const newest = new Map<string, AuditEntry>();
  for (const e of entries) {
    if (e.action !== 'create' && e.action !== 'update' && e.action !== 'delete') continue;
    if (!rows.has(e.table)) continue;
    newest.set(`${e.table}/${e.recordId}`, e);
  }
  const problems: RecordProblem[] = [];
  let unbound = 0;
  let checked = 0;
  for (const [table, stored] of rows) {
    for (const [id, digest] of stored) {
      checked++;
      const e = newest.get(`${table}/${id}`);
      if (digest === null) problems.push({ kind: 'unreadable', table, id });
      else if (!e) problems.push({ kind: 'unrecorded', table, id });
      else if (e.action === 'delete') problems.push({ kind: 'deleted-but-present', table, id, seq: e.seq });
      else if (e.digest === undefined) unbound++;
      else if (e.digest !== digest) problems.push({ kind: 'altered', table, id, seq: e.seq });
    }
  }
  for (const e of newest.values())
    if (e.action !== 'delete' && !rows.get(e.table)?.has(e.recordId) && !withheld.has(`${e.table}/${e.recordId}`))
      problems.push({ kind: 'missing', table: e.table, id: e.recordId, seq: e.seq });
  return { problems, unbound, checked };
}

/** Where the chain's newest entry stands against what was recorded of it elsewhere. */
export type HeadProblem =
  /** The sealed head names a later entry than the chain holds: its newest entries were removed. */
  | { kind: 'truncated'; expected: number; found: number }
  /** The entry at the recorded head is not the one recorded: the chain was replaced. */
  | { kind: 'replaced'; seq: number }
  /** The anchor outside the database names a later entry: the whole database is an older copy. */
  | { kind: 'rolled-back'; expected: number; found: number }
  /** The head or anchor could not be opened with the key: it was altered. */
  | { kind: 'head-unreadable' }
  /** The newest commit's signature is not its member's: an entry or a signature was edited on disk. */
  | { kind: 'head-signature'; seq: number };

export interface HeadMark {
  seq: number;
  hash: string;
}

/** `hashAtMark` is the chain's hash at the mark's position, or null where the chain has no such entry. */
export function checkHead(
  mark: HeadMark,
  tail: HeadMark | null,
  hashAtMark: string | null,
  kind: 'truncated' | 'rolled-back',
): HeadProblem | null {
  const found = tail ? tail.seq : -1;
  if (mark.seq > found) return { kind, expected: mark.seq, found };
  if (hashAtMark !== mark.hash) return { kind: 'replaced', seq: mark.seq };
  return null;
}
