import { custodyMessage, type SignableCustody } from '../crypto/custody-signatures';
import type { SignatureCheck } from '../crypto/signatures';
import { leavesAnAdministrator, type Refusal, type Role } from '../domain/permissions';
import { reviewRefusal } from '../domain/reviews';
import { designationIdHolds } from '../sanctions/designation-id';
import type { AuditEntry, Review } from '../domain/records';

/**
 * The record store's own rules, beyond the role table, applied to a commit from another device as they were
 * applied to a commit typed here (renderer/src/db/record-store.ts): a file's chain of custody only grows, and by
 * its writer's own signed entries; a review moves one permitted step at a time; the team keeps an active
 * administrator; a compartment is made, changed and let go only as its case is, and only by a member who holds it.
 * A rule that rests on a version this device cannot read (a case sealed in a compartment it does not hold) is
 * judged by the devices that can.
 */

/** The tables whose rows may be sealed with a compartment's key: everything else must open with the data key. */
export const SEALABLE_TABLES: ReadonlySet<string> = new Set([
  'cases',
  'persons',
  'contacts',
  'testimonies',
  'documents',
  'events',
  'links',
  'reviews',
]);

export interface ArrivalMember {
  id: string;
  roles: readonly Role[];
  status: 'active' | 'removed';
  signingKey: string;
  formerSigningKeys: readonly string[];
}

interface CompartmentShape {
  id: string;
  caseId: string;
  subjectId: string;
  level: string;
  releasing?: unknown;
  grants: ReadonlyArray<{ member: string }>;
}

/** What the rules need of this device's state, with what earlier commits of the same batch left. */
export interface ArrivalContext {
  /** The compartment that seals a case here, if any. */
  compartmentOfCase(caseId: string): Promise<string | undefined>;
  /** Whether a compartment of that id is known here. */
  knowsCompartment(id: string): Promise<boolean>;
  /** The version of a record held here (of any base), undefined if none or unreadable. */
  held(table: string, id: string): Promise<unknown>;
}

export interface ArrivingWrite {
  entry: AuditEntry;
  /** The version sent, where this device could open it. */
  after?: unknown;
  /** The version it was made from, where this device holds exactly that one. */
  before?: unknown;
  /** The row's compartment mark (`<compartment>:<generation>`), where it is sealed in one. */
  mark?: string;
}

export async function arrivalRefusal(
  by: ArrivalMember,
  entries: readonly AuditEntry[],
  writes: readonly ArrivingWrite[],
  members: ReadonlyMap<string, ArrivalMember>,
  check: SignatureCheck,
  ctx: ArrivalContext,
): Promise<{ seq: number; refusal: Refusal } | null> {
  for (const w of writes) {
    const e = w.entry;
    const refuse = (refusal: Refusal = { reason: 'not-assigned' }) => ({ seq: e.seq, refusal });
    // Members, compartments, keys and policies are the team's own: every member's device must read them.
    if (w.mark !== undefined) {
      if (!SEALABLE_TABLES.has(e.table)) return refuse();
      if (!(await ctx.knowsCompartment(w.mark.slice(0, w.mark.lastIndexOf(':'))))) return refuse();
    } else if (w.after === undefined) return refuse();
    if (w.after === undefined) continue;
    if (e.table === 'designations' && !designationIdHolds(w.after)) return refuse({ reason: 'designation-id' });
    if (e.table === 'documents' && !(await custodyGrows(by, e, w.before, w.after, check)))
      return refuse({ reason: 'custody-kept' });
    if (e.table === 'reviews' && (e.action === 'create' || w.before !== undefined)) {
      const r = reviewRefusal(by.id, by.roles, (w.before as Review | undefined) ?? null, w.after as Review);
      if (r) return refuse(r);
    }
    if (e.table === 'compartments') {
      const r = await compartmentRefusal(by, entries, writes, w, ctx);
      if (r) return refuse(r);
    }
  }
  for (const e of entries)
    if (
      e.table === 'teamKeys' &&
      (e.action === 'update' || e.action === 'delete' || (await ctx.held('teamKeys', e.recordId)) !== undefined)
    )
      return { seq: e.seq, refusal: { reason: 'team-keys-kept' } };
  for (const e of entries)
    if (e.table === 'compartments' && e.action === 'delete') {
      const stored = (await ctx.held('compartments', e.recordId)) as CompartmentShape | undefined;
      // Let go only once its case went back to standard (the release), by one who holds it, or by an administrator.
      const holds = stored?.grants.some((g) => g.member === by.id) ?? false;
      if (!by.roles.includes('administrator') && (!stored || !holds || !stored.releasing))
        return { seq: e.seq, refusal: { reason: 'not-assigned' } };
    }
  // The commit as a whole leaves an active administrator (the founding commit makes the first).
  const memberEntries = entries.filter((e) => e.table === 'members' && e.member);
  if (memberEntries.length && members.size) {
    const next = new Map<string, { roles: readonly Role[]; status: string }>(members);
    for (const e of memberEntries) next.set(e.recordId, e.member!);
    if (!leavesAnAdministrator([...next.values()]))
      return { seq: memberEntries.at(-1)!.seq, refusal: { reason: 'last-administrator' } };
  }
  return null;
}

/** No entry already recorded changes or goes; each new one is the writer's own, signed where it stands. */
async function custodyGrows(
  by: ArrivalMember,
  e: AuditEntry,
  before: unknown,
  after: unknown,
  check: SignatureCheck,
): Promise<boolean> {
  // A new file's entries are whatever came with it (a package's own chain); a version this device does not
  // hold says nothing of which entries are new.
  if (e.action !== 'update' || before === undefined) return true;
  const was = custodyOf(before);
  const now = custodyOf(after);
  if (!was || !now || now.length < was.length) return false;
  if (JSON.stringify(now.slice(0, was.length)) !== JSON.stringify(was)) return false;
  const documentId = String((after as { id?: unknown }).id);
  for (let i = was.length; i < now.length; i++) {
    const c = now[i]!;
    if (c.member === undefined && !c.sig) continue;
    if (c.member !== by.id || !c.sig) return false;
    const message = custodyMessage(documentId, i, c, now[i - 1]?.sig ?? '');
    let signed = false;
    for (const key of [by.signingKey, ...by.formerSigningKeys])
      if (await check.verify(key, c.sig, message)) {
        signed = true;
        break;
      }
    if (!signed) return false;
  }
  return true;
}

function custodyOf(v: unknown): SignableCustody[] | null {
  const c = (v as { custody?: unknown } | null)?.custody;
  return Array.isArray(c) ? (c as SignableCustody[]) : null;
}

async function compartmentRefusal(
  by: ArrivalMember,
  entries: readonly AuditEntry[],
  writes: readonly ArrivingWrite[],
  w: ArrivingWrite,
  ctx: ArrivalContext,
): Promise<Refusal | null> {
  const after = w.after as CompartmentShape;
  // Whoever holds the version held here may change it, whether or not it is the one this update was made from.
  const stored = (await ctx.held('compartments', after.id)) as CompartmentShape | undefined;
  const caseWrite = writes.find((x) => x.entry.table === 'cases' && x.entry.recordId === after.caseId);
  const caseEntry = entries.find(
    (x) => x.table === 'cases' && x.recordId === after.caseId && (x.action === 'create' || x.action === 'update'),
  );
  // The case, as this commit leaves it; where it is sealed in the compartment this device does not hold, the
  // commit must at least write it.
  const caseNow = caseWrite?.after as { confidentiality?: unknown; subjectId?: unknown } | undefined;
  const owner = await ctx.compartmentOfCase(after.caseId);
  if (owner !== undefined && owner !== after.id) return { reason: 'not-assigned' };
  if (w.entry.action === 'create') {
    if (!after.grants.some((g) => g.member === by.id)) return { reason: 'not-assigned' };
    if (!caseEntry) return { reason: 'not-assigned' };
    if (caseNow && (caseNow.confidentiality === 'standard' || caseNow.subjectId !== after.subjectId))
      return { reason: 'not-assigned' };
    return null;
  }
  // An update is made by a holder of the version it changes, and keeps its case and subject.
  if (!stored) return by.roles.includes('administrator') ? null : { reason: 'not-assigned' };
  if (!stored.grants.some((g) => g.member === by.id)) return { reason: 'not-assigned' };
  if (after.caseId !== stored.caseId || after.subjectId !== stored.subjectId) return { reason: 'not-assigned' };
  if (after.level !== stored.level || Boolean(after.releasing) !== Boolean(stored.releasing)) {
    if (!caseEntry) return { reason: 'not-assigned' };
    const wanted = after.releasing ? 'standard' : after.level;
    if (caseNow && caseNow.confidentiality !== wanted) return { reason: 'not-assigned' };
  }
  return null;
}
