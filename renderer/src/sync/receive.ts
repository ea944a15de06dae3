import type { AeadKey } from '@shared/crypto/envelope';
import type { AuditEntry, Member, RecordTable } from '@shared/domain/records';
import { recordDigest } from '@shared/crypto/audit-chain';
import { openCommitDoc, SyncDocError, type SyncCommit } from '@shared/sync/commit-doc';
import { verifyIncoming, type KnownMember, type TeamOrigin } from '@shared/sync/verify-incoming';
import type { ArrivingCommit, ArrivingRow, RecordStore } from '../db/record-store';
import type { Quarantined } from '../db/remote-chains';
import type { CaseRepository } from '../db/case-repository';
import { ed25519 } from '../db/member-keys';

/**
 * Judges documents that came from the server and applies those that pass, in the order given (the changes
 * feed's: a member's record is on the server before anything they signed). Commits are judged one after the
 * other against the chains and members as the earlier ones of the same batch leave them, then applied together
 * in one transaction. A commit whose predecessor has not come waits (kept, and judged again with the next
 * batch); anything refused is quarantined with its reason and never applied.
 */
export interface Received {
  applied: number;
  waiting: number;
  quarantined: number;
}

interface Pending {
  id: string;
  doc: unknown;
}

interface Overlay {
  seq: number;
  hash: string;
  hashes: Map<number, string>;
}

export async function receive(
  docs: readonly Pending[],
  o: { store: RecordStore; key: AeadKey; origin: TeamOrigin; cases?: CaseRepository },
): Promise<Received> {
  const { store } = o;
  const chains = store.remote;
  const own = store.deviceId;
  const members = knownMembers(await store.all('members'));
  const heads = new Map<string, Overlay>();
  const accepted: ArrivingCommit[] = [];
  const written = new Map<string, unknown>();
  const release: string[] = [];
  const hold: Pending[] = [];
  const refused: Quarantined[] = [];
  const at = new Date().toISOString();

  for (const { id, doc } of docs) {
    if (await chains.isQuarantined(id)) continue;
    let commit: SyncCommit;
    try {
      commit = await openCommitDoc(o.key, doc);
    } catch (e) {
      refused.push({ id, reason: e instanceof SyncDocError ? e.problem : 'malformed', at });
      continue;
    }
    // This device's own commits, sent earlier.
    if (commit.device === own) {
      release.push(id);
      continue;
    }
    const overlay = heads.get(commit.device);
    const chain = await chains.chain(commit.device, overlay);
    const opened = new Map<ArrivingRow, unknown>();
    const verdict = await verifyIncoming(
      commit,
      chain,
      members,
      ed25519,
      async (row) => {
        const r = await store.openArriving(row);
        if ('value' in r) opened.set(row as ArrivingRow, r.value);
        return r;
      },
      async (table, rid) => {
        const key = `${table}/${rid}`;
        if (written.has(key)) return written.get(key);
        return store.storedRaw(table as RecordTable, rid);
      },
      o.origin,
    );
    if (verdict.kind === 'wait') {
      hold.push({ id, doc });
      continue;
    }
    if (verdict.kind === 'already-have') {
      release.push(id);
      continue;
    }
    if (verdict.kind === 'quarantine') {
      refused.push({
        id,
        reason: verdict.reason,
        at,
        device: commit.device,
        ...(verdict.seq !== undefined ? { seq: verdict.seq } : {}),
        ...(verdict.member ? { member: verdict.member } : {}),
      });
      continue;
    }
    const lastWrite = new Map<string, AuditEntry>();
    for (const e of commit.entries)
      if (e.action === 'create' || e.action === 'update') lastWrite.set(`${e.table}/${e.recordId}`, e);
    const rows: ArrivingRow[] = [];
    for (const r of commit.rows) {
      const key = `${r.table}/${r.id}`;
      const value = opened.get(r as ArrivingRow);
      const row: ArrivingRow = {
        table: r.table as RecordTable,
        id: r.id,
        ...(r.k ? { k: r.k } : {}),
        enc: r.enc,
        ...(opened.has(r as ArrivingRow) ? { value } : {}),
      };
      const e = lastWrite.get(key);
      if (e?.action === 'update' && e.base && e.digest && value !== undefined) {
        const held = written.has(key) ? written.get(key) : await store.storedRaw(r.table as RecordTable, r.id);
        const local = held === undefined ? undefined : recordDigest(held);
        const continues = local === undefined || local === e.digest || local === e.base || e.resolves?.includes(local);
        if (continues) row.settles = [e.base, ...(e.resolves ?? [])];
        else
          row.aside = {
            digest: e.digest,
            base: e.base,
            device: commit.device,
            seq: e.seq,
            ...(e.by ? { member: e.by } : {}),
            at: e.at,
          };
      }
      rows.push(row);
    }
    accepted.push({ device: commit.device, entries: commit.entries, rows });
    release.push(id);
    // What later commits of this batch are judged against.
    const next: Overlay = overlay ?? { seq: -1, hash: '', hashes: new Map() };
    for (const e of commit.entries) next.hashes.set(e.seq, e.hash);
    const last = commit.entries.at(-1)!;
    heads.set(commit.device, { ...next, seq: last.seq, hash: last.hash });
    for (const r of rows) {
      // A version set aside leaves the one held here as it is.
      if (r.aside) continue;
      written.set(`${r.table}/${r.id}`, r.value);
      if (r.table === 'members' && r.value) members.set(r.id, knownMember(r.value as Member));
    }
    for (const e of commit.entries) if (e.action === 'delete') written.set(`${e.table}/${e.recordId}`, undefined);
  }

  if (accepted.length) await store.applyRemote(accepted);
  for (const q of refused) await chains.quarantine(q);
  for (const h of hold) await chains.hold(h.id, h.doc);
  await chains.release(release);
  if (accepted.length && o.cases) await o.cases.refresh(await touchedCases(accepted, store));
  return { applied: accepted.length, waiting: hold.length, quarantined: refused.length };
}

function knownMember(m: Member): KnownMember {
  return {
    id: m.id,
    roles: m.roles,
    status: m.status,
    signingKey: m.signingKey,
    formerSigningKeys: m.formerSigningKeys,
  };
}

function knownMembers(list: readonly Member[]): Map<string, KnownMember> {
  return new Map(list.map((m) => [m.id, knownMember(m)]));
}

/** The cases whose list summary may have changed: those written, and those whose subject was. */
async function touchedCases(commits: readonly ArrivingCommit[], store: RecordStore): Promise<string[]> {
  const cases = new Set<string>();
  const covered = new Set<string>();
  const subjects = new Set<string>();
  for (const c of commits) {
    for (const e of c.entries)
      if (e.table === 'cases' && (e.action === 'create' || e.action === 'update')) cases.add(e.recordId);
    for (const r of c.rows) {
      const v = r.value as { subjectId?: unknown; role?: unknown } | undefined;
      if (r.table === 'cases' && typeof v?.subjectId === 'string') covered.add(v.subjectId);
      if (r.table === 'persons' && v?.role === 'subject') subjects.add(r.id);
    }
  }
  for (const id of covered) subjects.delete(id);
  // A subject changed without their case (the case form writes both): find their case.
  if (subjects.size) for (const c of await store.all('cases')) if (subjects.has(c.subjectId)) cases.add(c.id);
  return [...cases];
}
