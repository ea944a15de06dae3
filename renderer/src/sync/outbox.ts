import { RECORD_SCHEMAS, type AuditEntry, type RecordTable } from '@shared/domain/records';
import type { SyncCommit, SyncRow } from '@shared/sync/commit-doc';
import type { RecordStore } from '../db/record-store';

/**
 * This device's commits that the server has not had yet, read from the audit chain (the one record of what
 * was committed, so nothing saved while offline, or before a crash, is missed): each from its first entry to
 * the entry that carries its signature, with the rows it wrote as they are stored now. A row written again by
 * a later commit of the same batch goes with that one; a deleted row goes with none.
 */
export interface OutgoingCommit {
  from: number;
  to: number;
  commit: SyncCommit;
}

const WRITES = new Set(['create', 'update']);
const isRecordTable = (t: string): t is RecordTable => t in RECORD_SCHEMAS;

export function groupCommits(entries: ReadonlyArray<AuditEntry>): AuditEntry[][] {
  const out: AuditEntry[][] = [];
  let open: AuditEntry[] = [];
  for (const e of entries) {
    open.push(e);
    if (e.sig) {
      out.push(open);
      open = [];
    }
  }
  // Entries after the last signature (a vault from before members, or a commit being written): sent as one.
  if (open.length) out.push(open);
  return out;
}

export async function outgoingCommits(
  store: RecordStore,
  device: string,
  after: number,
  limit = 200,
): Promise<OutgoingCommit[]> {
  const read = await store.auditRange(after + 1, Infinity);
  const entries: AuditEntry[] = [];
  // Stops at an entry that cannot be read: what follows waits until *Verify audit log* has been looked at.
  for (const e of read) {
    if (!e) break;
    entries.push(e);
  }
  const lastWrite = new Map<string, number>();
  for (const e of entries) if (isRecordTable(e.table)) lastWrite.set(`${e.table}/${e.recordId}`, e.seq);
  const out: OutgoingCommit[] = [];
  for (const group of groupCommits(entries).slice(0, limit)) {
    const refs = group
      .filter(
        (e) => WRITES.has(e.action) && isRecordTable(e.table) && lastWrite.get(`${e.table}/${e.recordId}`) === e.seq,
      )
      .map((e) => ({ table: e.table as RecordTable, id: e.recordId }));
    const stored = await store.sealedRows(refs);
    const rows: SyncRow[] = [];
    stored.forEach((row, i) => {
      if (row) rows.push({ table: refs[i]!.table, id: row.id, ...(row.k ? { k: row.k } : {}), enc: row.enc });
    });
    out.push({ from: group[0]!.seq, to: group.at(-1)!.seq, commit: { device, entries: group, rows } });
  }
  return out;
}
