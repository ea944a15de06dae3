import { RECORD_SCHEMAS, type AuditEntry, type RecordTable } from '@shared/domain/records';
import type { SyncCommit, SyncRow } from '@shared/sync/commit-doc';
import type { RecordStore } from '../db/record-store';

/**
 * This device's commits that the server has not had yet, read from the audit chain (the one record of what
 * was committed, so nothing saved while offline, or before a crash, is missed): each from the first entry its
 * signature covers (`sig.from`) to the entry that carries it, with the rows it wrote as they are stored now.
 * Entries no signature covers (an upgraded vault's history from before members, a restore's own entry) go in
 * runs of their own, never inside a signed commit. A row written again by a later commit goes with that one; a
 * deleted row goes with none.
 */
export interface OutgoingCommit {
  from: number;
  to: number;
  commit: SyncCommit;
}

const WRITES = new Set(['create', 'update']);
const isRecordTable = (t: string): t is RecordTable => t in RECORD_SCHEMAS;
/** Entries of an unsigned run sent together. */
const UNSIGNED_RUN = 500;

export function groupCommits(entries: ReadonlyArray<AuditEntry>): AuditEntry[][] {
  const out: AuditEntry[][] = [];
  let open: AuditEntry[] = [];
  const flushUnsigned = (upTo: number): void => {
    const before = open.filter((e) => e.seq < upTo);
    for (let i = 0; i < before.length; i += UNSIGNED_RUN) out.push(before.slice(i, i + UNSIGNED_RUN));
    open = open.filter((e) => e.seq >= upTo);
  };
  for (const e of entries) {
    open.push(e);
    if (e.sig) {
      flushUnsigned(e.sig.from);
      out.push(open);
      open = [];
    }
  }
  // Entries after the last signature (a vault from before members): sent in runs of their own.
  flushUnsigned(Infinity);
  return out;
}

/** What a send works from: the chain past the acknowledged entry, read once, and which entry last wrote each row. */
export interface Outbox {
  /** The chain's newest entry when it was read: a commit after it means rows may have moved on. */
  headSeq: number;
  groups: AuditEntry[][];
  lastWrite: Map<string, number>;
}

export async function readOutbox(store: RecordStore, after: number): Promise<Outbox> {
  const headSeq = store.headSeq;
  const read = await store.auditRange(after + 1, headSeq + 1);
  const entries: AuditEntry[] = [];
  // Stops at an entry that cannot be read: what follows waits until *Verify audit log* has been looked at.
  for (const e of read) {
    if (!e) break;
    entries.push(e);
  }
  const lastWrite = new Map<string, number>();
  for (const e of entries) if (isRecordTable(e.table)) lastWrite.set(`${e.table}/${e.recordId}`, e.seq);
  return { headSeq, groups: groupCommits(entries), lastWrite };
}

/** The next `limit` commits of the outbox with their rows, or null if a commit landed meanwhile (read again). */
export async function outgoingCommits(
  store: RecordStore,
  device: string,
  outbox: Outbox,
  start: number,
  limit: number,
): Promise<OutgoingCommit[] | null> {
  const out: OutgoingCommit[] = [];
  for (const group of outbox.groups.slice(start, start + limit)) {
    const refs = group
      .filter(
        (e) =>
          WRITES.has(e.action) && isRecordTable(e.table) && outbox.lastWrite.get(`${e.table}/${e.recordId}`) === e.seq,
      )
      .map((e) => ({ table: e.table as RecordTable, id: e.recordId }));
    const stored = await store.sealedRows(refs);
    const rows: SyncRow[] = [];
    stored.forEach((row, i) => {
      if (row) rows.push({ table: refs[i]!.table, id: row.id, ...(row.k ? { k: row.k } : {}), enc: row.enc });
    });
    out.push({ from: group[0]!.seq, to: group.at(-1)!.seq, commit: { device, entries: group, rows } });
  }
  // A row read after a later commit rewrote it would not be the version its entry signed.
  return store.headSeq === outbox.headSeq ? out : null;
}
