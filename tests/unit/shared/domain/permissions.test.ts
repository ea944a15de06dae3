import { describe, expect, it } from 'vitest';
import {
  actRefusal,
  leavesAnAdministrator,
  PERMISSIONS,
  ROLES,
  rolesThatWrite,
  writeRefusal,
} from '@shared/domain/permissions';
import { RECORD_SCHEMAS } from '@shared/domain/records';

describe('the permission table', () => {
  it('gives every record table a role that writes it, and names only real tables', () => {
    const tables = Object.keys(RECORD_SCHEMAS);
    for (const t of tables) expect(rolesThatWrite(t), t).not.toEqual([]);
    for (const r of ROLES) for (const t of PERMISSIONS[r].write) expect(tables).toContain(t);
  });

  it('lets each role write what the team agreed, and nothing else', () => {
    expect(writeRefusal(['caseworker'], 'cases')).toBeNull();
    expect(writeRefusal(['caseworker'], 'testimonies')).toEqual({ reason: 'role', needs: ['investigator'] });
    expect(writeRefusal(['investigator'], 'documents')).toBeNull();
    expect(writeRefusal(['investigator'], 'cases')).toEqual({ reason: 'role', needs: ['caseworker'] });
    expect(writeRefusal(['administrator'], 'members')).toBeNull();
    expect(writeRefusal(['administrator'], 'cases')).toMatchObject({ reason: 'role' });
    for (const t of Object.keys(RECORD_SCHEMAS)) {
      expect(writeRefusal(['viewer'], t), t).toMatchObject({ reason: 'role' });
      // A reviewer writes only reviews, whose steps shared/domain/reviews.ts checks one by one.
      if (t !== 'reviews') expect(writeRefusal(['reviewer'], t), t).toMatchObject({ reason: 'role' });
    }
    expect(writeRefusal(['reviewer'], 'reviews')).toBeNull();
    expect(writeRefusal(['administrator'], 'policies')).toBeNull();
    expect(writeRefusal(['caseworker'], 'policies')).toEqual({ reason: 'role', needs: ['administrator'] });
    // Several roles add up.
    expect(writeRefusal(['viewer', 'investigator'], 'events')).toBeNull();
  });

  it('lets a member rename themselves, and change nothing else of their own record', () => {
    expect(writeRefusal(['viewer'], 'members', { ownMember: true, fields: ['name'] })).toBeNull();
    expect(writeRefusal(['viewer'], 'members', { ownMember: true, fields: ['name', 'roles'] })).toMatchObject({
      reason: 'role',
      needs: ['administrator'],
    });
    expect(writeRefusal(['viewer'], 'members', { ownMember: false, fields: ['name'] })).toMatchObject({
      reason: 'role',
    });
  });

  it('keeps exports to investigators and prints to those who work on cases', () => {
    expect(actRefusal(['investigator'], 'export')).toBeNull();
    expect(actRefusal(['caseworker'], 'export')).toEqual({ reason: 'role', needs: ['investigator'] });
    expect(actRefusal(['caseworker'], 'print')).toBeNull();
    expect(actRefusal(['viewer'], 'print')).toMatchObject({ reason: 'role' });
    expect(actRefusal(['viewer'], 'vault')).toBeNull();
  });

  it('knows when no active administrator would be left', () => {
    expect(leavesAnAdministrator([{ roles: ['administrator'], status: 'active' }])).toBe(true);
    expect(leavesAnAdministrator([{ roles: ['administrator'], status: 'removed' }])).toBe(false);
    expect(leavesAnAdministrator([{ roles: ['caseworker'], status: 'active' }])).toBe(false);
  });
});
