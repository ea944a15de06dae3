import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from './bytes';
import type { AuditEntry, MemberGrant } from '../domain/records';
import { actRefusal, leavesAnAdministrator, loggedAct, writeRefusal, type Refusal } from '../domain/permissions';
import { ownHash } from './audit-chain';

/**
 * Who wrote each audit entry, proven. A commit's entries carry the acting
 * member's id (`by`), and its last entry carries their Ed25519 signature
 * over the commit: the range of sequence numbers and the hash of the last
 * entry, which through the chain fixes every entry of the range and all
 * before it. One signature per commit, not per entry: a list import of
 * 100,000 cases is signed once per transaction, and each entry is still
 * bound to its signer.
 *
 * Who may sign what is read from the chain itself: every change to the
 * members table carries the member's roles, status and public keys (`member`),
 * so a device holding only the chain can replay who was a member, with
 * which keys and roles, at every entry, and judge each signature by the
 * permission table (shared/domain/permissions.ts) as it stood then.
 */
export const COMMIT_SIG_CONTEXT = 'athar/v1/audit-commit';

export function commitMessage(from: number, last: { seq: number; hash: string }): Uint8Array {
  return utf8(`${COMMIT_SIG_CONTEXT}\n${from}\n${last.seq}\n${last.hash}`);
}

/**
 * What a laptop signs when it sends a commit: which rows travel with it. The commit's own signature covers its
 * entries; the rows it carries are decided at sending (a row written again by a later commit goes with that one),
 * so they are signed then, by the same member. A copy of the commit with rows left out no longer verifies.
 */
export function commitRowsMessage(
  from: number,
  last: { seq: number; hash: string },
  rows: ReadonlyArray<{ table: string; id: string }>,
): Uint8Array {
  const list = rows.map((r) => `${r.table}/${r.id}`).sort();
  return utf8(`athar/v1/commit-rows\n${from}\n${last.seq}\n${last.hash}\n${list.join('\n')}`);
}

/** A member's fingerprint: 128 bits of SHA-256 over both public keys, in hex. */
export function memberFingerprint(keys: { signingKey: string; agreementKey: string }): string {
  return toHex(sha256(utf8(`athar/v1/member-keys\n${keys.signingKey}\n${keys.agreementKey}`)).subarray(0, 16))
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}

/** The entry a restore writes after the restored chain: the restored vault is founded anew after it. */
export function isRestoreEntry(e: Pick<AuditEntry, 'table' | 'recordId' | 'action'> | null | undefined): boolean {
  return !!e && e.table === 'vault' && e.recordId === 'restore' && (e.action === 'import' || e.action === 'vault');
}

export interface SignatureCheck {
  /** Ed25519: raw public key and signature in hex. False for any malformed input, never a throw. */
  verify(publicKeyHex: string, signatureHex: string, message: Uint8Array): Promise<boolean>;
}

export type EntryStanding =
  | { kind: 'verified'; member: string }
  /** Written before this vault had members (a vault from an older version). */
  | { kind: 'before-members' }
  /** Written after the vault had members, with no member's signature over it. */
  | { kind: 'unsigned' }
  /** Written by a restore into a new vault, vouched for by the restorer's signed arrival right after it. */
  | { kind: 'restore' }
  | { kind: 'invalid'; why: 'signature' | 'unknown-member' | 'removed-member' | 'malformed'; member?: string }
  /** A valid signature by a member whose roles did not allow it at the time. */
  | { kind: 'not-permitted'; member: string; refusal: Refusal }
  | { kind: 'unreadable' };

export interface SignaturesVerdict {
  standings: EntryStanding[];
  counts: Record<EntryStanding['kind'], number>;
  /** The members as the chain leaves them: id → roles, status and public keys. */
  members: Map<string, MemberGrant>;
}

const WRITE_ACTIONS = new Set(['create', 'update', 'delete']);

/**
 * A restore writes, unsigned, the entries that follow the restored chain (the changes it made and the restore
 * itself), because its restorer is not a member yet; their signed arrival comes next. Those entries, from the end
 * of the restored chain (the restore entry says how long it was) to the restore entry, are the restore's.
 */
function markRestores(
  entries: ReadonlyArray<AuditEntry | null>,
  standings: EntryStanding[],
  foundings: ReadonlySet<number>,
): void {
  for (let p = 0; p < entries.length; p++) {
    const e = entries[p];
    if (!isRestoreEntry(e) || e?.by || standings[p]?.kind !== 'unsigned') continue;
    // Vouched for only by the restorer's own arrival, right after it.
    if (!foundings.has(p + 1) || standings[p + 1]?.kind !== 'verified') continue;
    const restored = Number(e!.fields.find((f) => f.startsWith('audit-entries:'))?.slice('audit-entries:'.length));
    if (!Number.isInteger(restored) || restored < 0) continue;
    for (let q = p; q >= 0 && entries[q] && entries[q]!.seq >= restored && standings[q]?.kind === 'unsigned'; q--)
      standings[q] = { kind: 'restore' };
  }
}

/**
 * Whether the signed range's entries follow from each other as stored: sequence numbers without a gap, each
 * linked to the one before, each hash recomputed. A signature over an edited entry's stored hash proves nothing.
 * Positions before `hashesCheckedUpTo` were checked by the chain verifier already; `hashOk` says it for each.
 */
function linked(positions: readonly number[], entries: ReadonlyArray<AuditEntry | null>, opts: ChainOptions): boolean {
  for (let k = 0; k < positions.length; k++) {
    const p = positions[k]!;
    const e = entries[p]!;
    if (
      k > 0 &&
      (positions[k - 1] !== p - 1 || entries[p - 1]!.seq !== e.seq - 1 || e.prevHash !== entries[p - 1]!.hash)
    )
      return false;
    if (p >= (opts.hashesCheckedUpTo ?? 0) && !ownHash(e, p, opts.hashOk)) return false;
  }
  return true;
}

interface ChainOptions {
  hashesCheckedUpTo?: number;
  hashOk?: ArrayLike<number>;
  /**
   * Members as other devices' chains made them (sync), each with the position of this chain it was applied
   * after, in that order: judged there by their own signatures, they count here from that point on.
   */
  arrived?: ReadonlyArray<{ after: number; id: string; grant: MemberGrant }>;
}

interface Run {
  by: string;
  positions: number[];
}

/**
 * Judges every entry (null where it could not be read). Runs alongside the
 * hash-chain check (audit-chain.ts), which says whether the entries follow
 * from each other; this says who wrote them and whether they were allowed.
 */
export async function verifySignatures(
  entries: ReadonlyArray<AuditEntry | null>,
  check: SignatureCheck,
  opts: ChainOptions = {},
): Promise<SignaturesVerdict> {
  const standings: EntryStanding[] = new Array<EntryStanding>(entries.length);
  const members = new Map<string, MemberGrant>();
  let pending: Run | null = null;
  // Signature checks of commits that change no member are independent of each other: they are gathered and
  // awaited together, and their entries judged once the answers are in.
  const deferred: Array<{ run: Run; verdict: Promise<boolean>; judge: (ok: boolean) => void }> = [];
  /** Positions where a member arrived by their own signature (a founding, or the restorer's arrival). */
  const foundings = new Set<number>();

  const unsignedRun = (run: Run | null): void => {
    for (const i of run?.positions ?? []) standings[i] = { kind: 'unsigned' };
  };

  const arrived = opts.arrived ?? [];
  let nextArrival = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    while (e && nextArrival < arrived.length && arrived[nextArrival]!.after < e.seq) {
      const a = arrived[nextArrival++]!;
      members.set(a.id, a.grant);
    }
    if (!e) {
      unsignedRun(pending);
      pending = null;
      standings[i] = { kind: 'unreadable' };
      continue;
    }
    if (!e.by) {
      unsignedRun(pending);
      pending = null;
      standings[i] = members.size ? { kind: 'unsigned' } : { kind: 'before-members' };
      continue;
    }
    if (pending && pending.by !== e.by) {
      unsignedRun(pending);
      pending = null;
    }
    pending ??= { by: e.by, positions: [] };
    pending.positions.push(i);
    if (!e.sig) continue;
    const run = pending;
    pending = null;
    // Entries before the signed range in this run are not covered by it.
    const covered = run.positions.filter((p) => entries[p]!.seq >= e.sig!.from);
    for (const p of run.positions) if (!covered.includes(p)) standings[p] = { kind: 'unsigned' };
    const signed: Run = { by: run.by, positions: covered };
    if (!covered.length || entries[covered[0]!]!.seq !== e.sig.from || !linked(covered, entries, opts)) {
      for (const p of covered) standings[p] = { kind: 'invalid', why: 'malformed', member: run.by };
      continue;
    }
    // Re-founding is taken only right after a restore's own entry, which a member's store never writes.
    const prev = covered[0]! > 0 ? entries[covered[0]! - 1] : null;
    const afterRestore = isRestoreEntry(prev) && !prev?.by;
    const judged = judgeRun(signed, entries, members, afterRestore);
    if (judged.key === null) {
      for (const p of covered) standings[p] = judged.problem;
      continue;
    }
    const verdict = check.verify(judged.key, e.sig.value, commitMessage(e.sig.from, e));
    if (judged.changesMembers) {
      // Later entries are judged by who the members are after this one: wait for it.
      judged.apply(await verdict.catch(() => false));
    } else deferred.push({ run: signed, verdict, judge: judged.apply });
  }
  unsignedRun(pending);
  for (; nextArrival < arrived.length; nextArrival++)
    members.set(arrived[nextArrival]!.id, arrived[nextArrival]!.grant);
  const answers = await Promise.all(deferred.map((d) => d.verdict.catch(() => false)));
  deferred.forEach((d, k) => d.judge(answers[k]!));
  markRestores(entries, standings, foundings);

  const counts: SignaturesVerdict['counts'] = {
    verified: 0,
    'before-members': 0,
    unsigned: 0,
    restore: 0,
    invalid: 0,
    'not-permitted': 0,
    unreadable: 0,
  };
  for (const s of standings) counts[s.kind]++;
  return { standings, counts, members };

  function judgeRun(
    run: Run,
    all: ReadonlyArray<AuditEntry | null>,
    state: Map<string, MemberGrant>,
    afterRestore: boolean,
  ): { key: null; problem: EntryStanding } | { key: string; changesMembers: boolean; apply: (ok: boolean) => void } {
    const runEntries = run.positions.map((p) => all[p]!);
    const memberChanges = runEntries.filter((x) => x.table === 'members' && WRITE_ACTIONS.has(x.action));
    let signer = state.get(run.by);
    let founding = false;
    if (!signer) {
      // The founding entry: the first member, an administrator, signs their own arrival. A restore founds the
      // vault anew: whoever restored it (holding its recovery phrase) arrives the same way.
      const own = memberChanges.find((x) => x.recordId === run.by && x.member);
      if (
        (state.size === 0 || afterRestore) &&
        own?.member?.roles.includes('administrator') &&
        own.member.status === 'active'
      ) {
        signer = own.member;
        founding = true;
      } else return { key: null, problem: { kind: 'invalid', why: 'unknown-member', member: run.by } };
    }
    const removed = signer.status !== 'active';
    const roles = signer.roles;
    return {
      key: signer.signingKey,
      changesMembers: memberChanges.length > 0 || runEntries.some((x) => x.member !== undefined),
      apply(ok) {
        if (!ok || removed) {
          // A removed member is named only where their key really signed: anyone could write their id.
          const why = ok ? 'removed-member' : 'signature';
          for (const p of run.positions) standings[p] = { kind: 'invalid', why, member: run.by };
          return;
        }
        if (founding) foundings.add(run.positions[0]!);
        const before = new Map(state);
        let lastMemberEntry = -1;
        for (const p of run.positions) {
          const x = all[p]!;
          let refusal: Refusal | null = null;
          if (WRITE_ACTIONS.has(x.action)) {
            if (x.table === 'members') {
              if (x.action === 'delete' || !x.member) refusal = { reason: 'role', needs: [] };
              else if (!founding)
                refusal = writeRefusal(roles, 'members', { ownMember: x.recordId === run.by, fields: x.fields });
              // Founding admits the founder alone.
              if (founding && x.recordId !== run.by) refusal = { reason: 'role', needs: ['administrator'] };
              if (!refusal && x.member && x.recordId === run.by && !founding) {
                // A member may rename themselves, not change their own roles, status or keys.
                const before = state.get(x.recordId)!;
                const same =
                  before.status === x.member.status &&
                  before.signingKey === x.member.signingKey &&
                  before.agreementKey === x.member.agreementKey &&
                  before.roles.join() === x.member.roles.join();
                if (!same && !roles.includes('administrator')) refusal = { reason: 'role', needs: ['administrator'] };
              }
            } else
              // The fields an update changed (a custody-only update is open to every reader; see permissions.ts).
              refusal = writeRefusal(roles, x.table, x.action === 'update' ? { fields: x.fields } : {});
          } else if (x.member) refusal = { reason: 'role', needs: [] };
          else refusal = actRefusal(roles, loggedAct(x));
          if (!refusal && x.table === 'members' && x.member) {
            state.set(x.recordId, x.member);
            lastMemberEntry = p;
          }
          standings[p] = refusal
            ? { kind: 'not-permitted', member: run.by, refusal }
            : { kind: 'verified', member: run.by };
        }
        // As the record store does: the commit as a whole must leave an active administrator.
        if (lastMemberEntry >= 0 && !leavesAnAdministrator([...state.values()])) {
          state.clear();
          for (const [k, v] of before) state.set(k, v);
          for (const p of run.positions)
            if (all[p]!.table === 'members')
              standings[p] = { kind: 'not-permitted', member: run.by, refusal: { reason: 'last-administrator' } };
        }
      },
    };
  }
}
