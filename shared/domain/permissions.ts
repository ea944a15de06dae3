import type { RecordTable } from './records';

/**
 * Who may do what. One table, read by the record store before every commit
 * and by *Verify audit log* for every signed entry, so the same rule holds
 * for a change typed here and for one that arrives from another device.
 * docs/permissions.md sets it out for people.
 */
export const ROLES = ['administrator', 'caseworker', 'investigator', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Acts that change no record but are recorded in the audit chain. A backup is an export of the whole vault to its own folder. */
export type LoggedAct = 'print' | 'export' | 'import' | 'vault' | 'backup';

/** The act an audit entry records, as the permission table names it. */
export function loggedAct(e: { action: string; table: string; recordId: string }): LoggedAct {
  if (e.action === 'export' && e.table === 'vault' && e.recordId === 'backup') return 'backup';
  return e.action as LoggedAct;
}

interface Grant {
  write: readonly RecordTable[];
  acts: readonly LoggedAct[];
}

export const PERMISSIONS: Record<Role, Grant> = {
  // Every member's unlocked session runs the scheduled backups the administrator set up.
  // Compartments (who holds a restricted case's key) are changed by members holding that key, as the store checks.
  administrator: {
    write: ['members', 'recipients', 'keys', 'compartments', 'policies', 'teamKeys'],
    acts: ['vault', 'import', 'backup'],
  },
  // Testimonies bring their witnesses and mention links with them; list imports make cases and persons.
  caseworker: {
    write: [
      'cases',
      'persons',
      'contacts',
      'tracing',
      'links',
      'places',
      'compartments',
      'reviews',
      'sanctionsLists',
      'designations',
      'designationMatches',
    ],
    acts: ['print', 'import', 'vault', 'backup'],
  },
  investigator: {
    write: [
      'testimonies',
      'documents',
      'events',
      'units',
      'persons',
      'links',
      'places',
      'compartments',
      'reviews',
      'sanctionsLists',
      'designations',
      'designationMatches',
    ],
    acts: ['print', 'export', 'import', 'vault', 'backup'],
  },
  // A review's steps are checked one by one (shared/domain/reviews.ts): a reviewer only decides.
  reviewer: { write: ['reviews'], acts: ['vault', 'backup'] },
  viewer: { write: [], acts: ['vault', 'backup'] },
};

/** The one change every member may make to the members table: their own display name. */
export const SELF_EDITABLE_MEMBER_FIELDS: readonly string[] = ['name'];

export type Refusal =
  | { reason: 'not-a-member' }
  | { reason: 'role'; needs: Role[] }
  | { reason: 'last-administrator' }
  /** Members are removed (their status), never deleted: the chain must keep knowing their keys. */
  | { reason: 'members-kept' }
  /** A team key is made once and never changed or deleted: laptops still open what was sent under it. */
  | { reason: 'team-keys-kept' }
  /** The record is a restricted or strict case's, and this member does not hold its key. */
  | { reason: 'not-assigned' }
  /** The member is the last who holds these restricted cases' keys: removing them would lose the cases. */
  | { reason: 'last-holder'; references: string[] }
  /** A reviewer decides on others' work, not their own. */
  | { reason: 'review-own' }
  /** A review moves one step at a time, by the member whose step it is; its history is never rewritten. */
  | { reason: 'review-step' }
  /** Returning work needs a comment saying what to change. */
  | { reason: 'review-comment' }
  /** A file's chain of custody only grows. */
  | { reason: 'custody-kept' }
  /** A sanctions designation's id is the one its authority and reference give, so offices share one record. */
  | { reason: 'designation-id' };

/** The roles that would allow writing `table` (for the message saying which one is missing). */
export function rolesThatWrite(table: string): Role[] {
  return ROLES.filter((r) => (PERMISSIONS[r].write as readonly string[]).includes(table));
}

export function rolesThatLog(act: LoggedAct): Role[] {
  return ROLES.filter((r) => PERMISSIONS[r].acts.includes(act));
}

/**
 * Whether a member holding `roles` may write this change. `ownMember` is true when the change is to the
 * acting member's own record in the members table, and `fields` are the fields it changes.
 */
export function writeRefusal(
  roles: readonly Role[],
  table: string,
  o: { ownMember?: boolean; fields?: readonly string[] } = {},
): Refusal | null {
  if (roles.some((r) => (PERMISSIONS[r].write as readonly string[]).includes(table))) return null;
  // Whoever may read a file may record that they viewed or verified it: custody entries are only ever appended
  // (the store checks), each signed by the member who adds it.
  if (
    table === 'documents' &&
    o.fields !== undefined &&
    o.fields.length > 0 &&
    o.fields.every((f) => f === 'custody' || f === 'updatedAt')
  )
    return null;
  if (
    table === 'members' &&
    o.ownMember &&
    o.fields !== undefined &&
    o.fields.every((f) => SELF_EDITABLE_MEMBER_FIELDS.includes(f) || f === 'updatedAt')
  )
    return null;
  return { reason: 'role', needs: rolesThatWrite(table) };
}

export function actRefusal(roles: readonly Role[], act: LoggedAct): Refusal | null {
  return roles.some((r) => PERMISSIONS[r].acts.includes(act)) ? null : { reason: 'role', needs: rolesThatLog(act) };
}

/** What the members table must always keep: at least one active administrator. */
export function leavesAnAdministrator(members: ReadonlyArray<{ roles: readonly Role[]; status: string }>): boolean {
  return members.some((m) => m.status === 'active' && m.roles.includes('administrator'));
}
