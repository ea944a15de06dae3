import { auditHash, GENESIS_HASH, recordDigest } from '../crypto/audit-chain';
import { commitMessage, commitRowsMessage, type SignatureCheck } from '../crypto/signatures';
import { actRefusal, loggedAct, writeRefusal, type Refusal, type Role } from '../domain/permissions';
import type { AuditEntry } from '../domain/records';
import type { SyncCommit, SyncRow } from './commit-doc';
import { arrivalRefusal, type ArrivalContext, type ArrivingWrite } from './arrival-rules';

/**
 * The judgement on a commit that arrives from another device, before anything of it is applied: the device's
 * chain continues from where this device last saw it, every entry's hash is its own, one member signed the
 * whole commit with their key, that member is active and their roles allow every entry, and every row sent is
 * the version an entry of this commit wrote. Anything else is quarantined with its reason, never applied. A
 * commit whose predecessors have not arrived yet waits; one this device already has is skipped; one that
 * claims a position already taken by another is a replay or a fork, and is quarantined.
 */
export interface KnownMember {
  id: string;
  roles: readonly Role[];
  status: 'active' | 'removed';
  signingKey: string;
  formerSigningKeys: readonly string[];
}

export type QuarantineReason =
  | 'broken-chain'
  | 'replayed'
  | 'unsigned'
  | 'unknown-member'
  | 'revoked-member'
  | 'bad-signature'
  | 'not-permitted'
  | 'row-mismatch'
  | 'foreign-signer';

/** Why a commit waits: an earlier one of its device, or a member's record (or role) that may still come. */
export type WaitReason = 'earlier-commit' | 'unknown-member' | 'not-permitted';

export type IncomingVerdict =
  | { kind: 'accept' }
  | { kind: 'already-have' }
  /** An earlier commit of that device is missing: kept until it arrives (or reported, if it never does). */
  | { kind: 'wait'; expected: number; why: WaitReason; member?: string; refusal?: Refusal }
  /**
   * The founding copy's history from before it had members: unsigned, so it is kept aside until a commit
   * signed with the founder's key continues it (that signature covers it through the chain's links).
   */
  | { kind: 'provisional' }
  | { kind: 'quarantine'; reason: QuarantineReason; seq?: number; member?: string; refusal?: Refusal };

/** What this device knows of another device's chain: its newest entry, and the hash it holds at a position. */
export interface DeviceChain {
  head: { seq: number; hash: string } | null;
  /** The member who signs this device's chain: one laptop, one member, from its first signed commit on. */
  member?: string;
  hashAt(seq: number): Promise<string | null>;
}

/** A row opened with the key it is sealed under: its content, or why it could not be. */
export type OpenedRow = { value: unknown } | { withheld: true } | { unreadable: true };

const WRITES = new Set(['create', 'update']);

/**
 * Where the team began: the copy that founded it (its chain's id is the vault's id) and, where the invitation
 * said so, its first administrator's signing key. Only that chain may found the team's members, and only before
 * any member is known: a device with the data key and no member's key cannot make itself a team of its own.
 */
export interface TeamOrigin {
  device: string;
  founderKey: string;
}

/**
 * `previous` gives the version this device holds of a record (undefined if none, or one it cannot read): an
 * update must change exactly the fields its entry names, since some permissions rest on them (a custody-only
 * update of a file, a member renaming themselves).
 */
export async function verifyIncoming(
  commit: SyncCommit,
  chain: DeviceChain,
  members: ReadonlyMap<string, KnownMember>,
  check: SignatureCheck,
  openRow: (row: SyncRow) => Promise<OpenedRow>,
  previous: (table: string, id: string) => Promise<unknown> = async () => undefined,
  origin?: TeamOrigin,
  context?: Omit<ArrivalContext, 'held'>,
): Promise<IncomingVerdict> {
  const entries = commit.entries;
  const first = entries[0]!;
  const last = entries.at(-1)!;
  const quarantine = (
    reason: QuarantineReason,
    more: Partial<Omit<IncomingVerdict & { kind: 'quarantine' }, 'kind'>> = {},
  ) => ({ kind: 'quarantine', reason, ...more }) as const;

  // Where it stands in the device's chain.
  const next = (chain.head?.seq ?? -1) + 1;
  if (first.seq > next) return { kind: 'wait', expected: next, why: 'earlier-commit' };
  if (first.seq < next) {
    // A position this device has seen: the same entries again, or other ones claiming it.
    const held = await chain.hashAt(last.seq);
    if (last.seq <= (chain.head?.seq ?? -1) && held === last.hash && entries.every((e) => e.seq < next))
      return { kind: 'already-have' };
    return quarantine('replayed', { seq: first.seq });
  }

  // Linked to what this device holds of that chain, and each entry its own hash.
  let prev = chain.head?.hash ?? GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.seq !== first.seq + i || e.prevHash !== prev || auditHash(e.prevHash, e) !== e.hash)
      return quarantine('broken-chain', { seq: e.seq });
    prev = e.hash;
  }

  // The founding copy's history from before it had members (an upgraded vault): its founder's first signature,
  // on the commit that follows, covers it through the chain's links, so it is applied only with that commit.
  const beforeMembers = origin?.device === commit.device && members.size === 0 && chain.member === undefined;
  if (beforeMembers && entries.every((e) => !e.by && !e.sig && !e.member && e.table !== 'members'))
    return (await rowsMatch(commit, entries, openRow))
      ? { kind: 'provisional' }
      : quarantine('row-mismatch', { seq: first.seq });

  // One member, one signature over the whole commit.
  const by = first.by;
  if (!by || entries.some((e) => e.by !== by) || !last.sig || last.sig.from !== first.seq)
    return quarantine('unsigned', { seq: first.seq });
  if (entries.slice(0, -1).some((e) => e.sig)) return quarantine('unsigned', { seq: first.seq });
  // One laptop, one member: another member's signature cannot take a position in this device's chain.
  if (chain.member !== undefined && by !== chain.member) return quarantine('foreign-signer', { member: by });
  const member = members.get(by) ?? (beforeMembers ? founder(commit, by, origin!) : undefined);
  // Their record may come through another laptop's chain later than this (a server's feed keeps no order across
  // chains): held, and judged again whenever something is applied.
  if (!member) return { kind: 'wait', expected: next, why: 'unknown-member', member: by };
  let signed = false;
  for (const key of [member.signingKey, ...member.formerSigningKeys])
    if (await check.verify(key, last.sig.value, commitMessage(first.seq, last))) {
      signed = true;
      break;
    }
  // A removed member is named only where their key really signed: anyone can write their id.
  if (!signed) return quarantine('bad-signature', { member: by });
  if (member.status !== 'active') return quarantine('revoked-member', { member: by });
  // The rows that came are the rows the member sent: none left out, none added (a copy of the commit, made by
  // anyone holding a team key, cannot drop what it carried).
  let rowsSigned = false;
  if (commit.rowsSig)
    for (const key of [member.signingKey, ...member.formerSigningKeys])
      if (await check.verify(key, commit.rowsSig, commitRowsMessage(first.seq, last, commit.rows))) {
        rowsSigned = true;
        break;
      }
  if (!rowsSigned) return quarantine('row-mismatch', { seq: first.seq, member: by });

  // Every entry allowed to that member's roles, by the same table the record store applies. A role this device
  // does not know of yet may still arrive: held, as above, and shown with the reason.
  for (const e of entries) {
    const refusal = entryRefusal(e, member);
    if (refusal) return { kind: 'wait', expected: next, why: 'not-permitted', member: by, refusal };
  }

  // Every row is the version an entry of this commit last wrote of it.
  const lastWrite = new Map<string, AuditEntry>();
  for (const e of entries) if (WRITES.has(e.action)) lastWrite.set(`${e.table}/${e.recordId}`, e);
  const seen = new Set<string>();
  const writes: ArrivingWrite[] = [];
  for (const row of commit.rows) {
    const key = `${row.table}/${row.id}`;
    const wrote = lastWrite.get(key);
    if (!wrote || seen.has(key) || !wrote.digest) return quarantine('row-mismatch', { seq: wrote?.seq ?? first.seq });
    seen.add(key);
    const opened = await openRow(row);
    // Sealed under a compartment this device does not hold: it arrives as it is, and is checked by whoever can.
    // Only a row that says which compartment it is sealed in may be taken so.
    if ('withheld' in opened) {
      if (row.k === undefined) return quarantine('row-mismatch', { seq: wrote.seq });
      if (fieldsDecide(wrote, member)) return quarantine('not-permitted', { seq: wrote.seq, member: by });
      writes.push({ entry: wrote, mark: row.k });
      continue;
    }
    if ('unreadable' in opened || recordDigest(opened.value) !== wrote.digest)
      return quarantine('row-mismatch', { seq: wrote.seq });
    // A member's record must say what its entry's grant says: the grant is what the roles were judged by.
    if (row.table === 'members' && !sameGrant(opened.value, wrote.member))
      return quarantine('not-permitted', { seq: wrote.seq, member: by });
    let before: unknown;
    if (wrote.action === 'update') {
      const held = await previous(row.table, row.id);
      // A version other than the one it was made from (a conflict, or an entry before bases) says nothing of
      // which fields it changed.
      before = held !== undefined && (wrote.base === undefined || recordDigest(held) === wrote.base) ? held : undefined;
      if (before === undefined) {
        if (fieldsDecide(wrote, member)) return quarantine('not-permitted', { seq: wrote.seq, member: by });
      } else if (!changedOnly(before, opened.value, wrote.fields))
        return quarantine('row-mismatch', { seq: wrote.seq });
    }
    writes.push({
      entry: wrote,
      after: opened.value,
      ...(before !== undefined ? { before } : {}),
      ...(row.k !== undefined ? { mark: row.k } : {}),
    });
  }

  // The record store's own rules, beyond the role table (arrival-rules.ts).
  if (context) {
    const refused = await arrivalRefusal(member, entries, writes, members, check, { ...context, held: previous });
    if (refused) return quarantine('not-permitted', { seq: refused.seq, member: by, refusal: refused.refusal });
  }
  return { kind: 'accept' };
}

/**
 * The founding commit: its member's own record, alone, made an active administrator, signed with the key it
 * names (and the one the invitation pinned, where it did).
 */
function founder(commit: SyncCommit, by: string, origin: TeamOrigin): KnownMember | undefined {
  const [only, ...rest] = commit.entries;
  const grant = only?.member;
  if (rest.length || !only || !grant || only.table !== 'members' || only.recordId !== by || only.action !== 'create')
    return undefined;
  if (grant.status !== 'active' || !grant.roles.includes('administrator')) return undefined;
  if (origin.founderKey !== grant.signingKey) return undefined;
  return { id: by, roles: grant.roles, status: 'active', signingKey: grant.signingKey, formerSigningKeys: [] };
}

/** Every row of an unsigned run is the version an entry of it last wrote (no member, so no permission to judge). */
async function rowsMatch(
  commit: SyncCommit,
  entries: readonly AuditEntry[],
  openRow: (row: SyncRow) => Promise<OpenedRow>,
): Promise<boolean> {
  const lastWrite = new Map<string, AuditEntry>();
  for (const e of entries) if (WRITES.has(e.action)) lastWrite.set(`${e.table}/${e.recordId}`, e);
  const seen = new Set<string>();
  for (const row of commit.rows) {
    const key = `${row.table}/${row.id}`;
    const wrote = lastWrite.get(key);
    if (!wrote || seen.has(key)) return false;
    seen.add(key);
    const opened = await openRow(row);
    // Before members there are no compartments: every row opens with the data key.
    if ('withheld' in opened || 'unreadable' in opened || row.k !== undefined) return false;
    // Entries from before digests bind no version (Verify audit log counts such rows as unbound too).
    if (wrote.digest !== undefined && recordDigest(opened.value) !== wrote.digest) return false;
  }
  return true;
}

/** Whether the entry is allowed only because of the fields it names (so they must be checked against the row). */
function fieldsDecide(e: AuditEntry, member: KnownMember): boolean {
  if (e.action !== 'update') return false;
  const own = e.table === 'members' && e.recordId === member.id;
  return writeRefusal(member.roles, e.table, { ownMember: own }) !== null;
}

function sameGrant(value: unknown, grant: AuditEntry['member']): boolean {
  if (!grant || !value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    v['status'] === grant.status &&
    v['signingKey'] === grant.signingKey &&
    v['agreementKey'] === grant.agreementKey &&
    Array.isArray(v['roles']) &&
    (v['roles'] as unknown[]).join() === grant.roles.join()
  );
}

/** Every top-level field that differs between the two versions is one the entry names (or the time of the change). */
function changedOnly(before: unknown, after: unknown, fields: readonly string[]): boolean {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return false;
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const named = new Set([...fields, 'updatedAt']);
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
    if (!named.has(k) && recordDigest(a[k] ?? null) !== recordDigest(b[k] ?? null)) return false;
  return true;
}

function entryRefusal(e: AuditEntry, member: KnownMember): Refusal | null {
  if (WRITES.has(e.action) || e.action === 'delete') {
    if (e.table === 'members') {
      if (e.action === 'delete' || !e.member) return { reason: 'role', needs: [] };
      const own = e.recordId === member.id;
      const refusal = writeRefusal(member.roles, 'members', { ownMember: own, fields: e.fields });
      if (refusal) return refusal;
      // A member may rename themselves, not change their own roles, status or keys.
      if (own && !member.roles.includes('administrator')) {
        const same =
          e.member.status === member.status &&
          e.member.signingKey === member.signingKey &&
          e.member.roles.join() === member.roles.join();
        if (!same) return { reason: 'role', needs: ['administrator'] };
      }
      return null;
    }
    return writeRefusal(member.roles, e.table, e.action === 'update' ? { fields: e.fields } : {});
  }
  if (e.member) return { reason: 'role', needs: [] };
  return actRefusal(member.roles, loggedAct(e));
}
