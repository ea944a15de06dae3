import type { Member } from '@shared/domain/records';
import type { KeySlot } from '@shared/crypto/vault-header';
import type { Role } from '@shared/domain/permissions';
import type { TeamKeysGranted, Vault } from './vault';
import type { VaultStorage } from './vault-storage';
import { randomId } from './webcrypto-key';
import { holdersOf } from './compartments';
import { PermissionRefused } from './vault-errors';

export interface NewMember {
  name: string;
  /** What the lock screen lists for them: in clear on this computer's disk. */
  label: string;
  roles: Role[];
  passphrase: string;
  confirmation: string;
}

/**
 * The team of an open vault, changed by an administrator. Each change is a
 * signed commit to the members table (the record store refuses it to anyone
 * else) and, where the member's way in changes, a write of their key slot.
 * The record comes first: a crash between the two leaves a member without a
 * slot (an administrator resets them), never a slot the chain does not know.
 */
export class Members {
  constructor(
    private readonly vault: Vault,
    private readonly storage: VaultStorage,
  ) {}

  async list(): Promise<Member[]> {
    return this.storage.store.all('members');
  }

  /** Ids of the members who have a key slot on this computer, and their labels on the lock screen. */
  async slots(): Promise<Map<string, string>> {
    return new Map((await this.vault.slots()).map((s) => [s.id, s.label]));
  }

  /**
   * Active members with no key slot on this computer: after a restore (the backup carries their records, not their
   * way in) or a change cut short. Until an administrator resets them they cannot unlock.
   */
  async withoutSlot(): Promise<Member[]> {
    const slots = await this.slots();
    return (await this.list()).filter((m) => m.status === 'active' && !slots.has(m.id));
  }

  async add(m: NewMember): Promise<Member> {
    const id = randomId();
    const prepared = await this.vault.prepareSlot(this.storage.unlocked, {
      id,
      label: m.label,
      passphrase: m.passphrase,
      confirmation: m.confirmation,
    });
    const now = new Date().toISOString();
    const record: Member = {
      id,
      createdAt: now,
      updatedAt: now,
      author: this.storage.actor,
      name: m.name.trim(),
      roles: m.roles,
      status: 'active',
      signingKey: prepared.slot.signingKey,
      agreementKey: prepared.slot.agreementKey,
      formerSigningKeys: [],
    };
    await this.storage.store.commit([{ table: 'members', put: record }]);
    await this.vault.saveSlot(prepared);
    return record;
  }

  /**
   * A member who will work on another device (their enrolment through the sync server): their record, signed
   * here, with the public keys their device made, and the data key wrapped to them for that device's slot. No
   * slot is made here: their passphrase is typed on their own device, never on this one.
   */
  async addRemote(m: {
    id?: string;
    name: string;
    roles: Role[];
    signingKey: string;
    agreementKey: string;
  }): Promise<{ member: Member; grant: KeySlot['grant']; teamKeys: TeamKeysGranted }> {
    const id = m.id ?? randomId();
    const { grant, teamKeys } = await this.vault.grantDataKey(this.storage.unlocked, id, m.agreementKey);
    const now = new Date().toISOString();
    const member: Member = {
      id,
      createdAt: now,
      updatedAt: now,
      author: this.storage.actor,
      name: m.name.trim(),
      roles: m.roles,
      status: 'active',
      signingKey: m.signingKey,
      agreementKey: m.agreementKey,
      formerSigningKeys: [],
    };
    await this.storage.store.commit([{ table: 'members', put: member }]);
    return { member, grant, teamKeys };
  }

  /** What an invitation carries to bind its answer to this team's data key. */
  dataKeyCheck(): Promise<string> {
    return this.vault.dataKeyCheck(this.storage.unlocked);
  }

  /** The team's keys wrapped again to a member on another device whose record already holds these keys. */
  async grantFor(
    id: string,
    agreementKey: string,
  ): Promise<{ grant: KeySlot['grant']; teamKeys: TeamKeysGranted } | null> {
    const member = await this.storage.store.get('members', id);
    if (!member || member.agreementKey !== agreementKey || member.status !== 'active') return null;
    return this.vault.grantDataKey(this.storage.unlocked, id, agreementKey);
  }

  async setRoles(id: string, roles: Role[]): Promise<void> {
    await this.update(id, { roles });
  }

  /** A member who forgot their passphrase: new key pairs and a new slot; the old passphrase opens nothing. */
  async reset(id: string, passphrase: string, confirmation: string, label?: string): Promise<void> {
    const member = await this.get(id);
    const labels = await this.slots();
    // The label lies in clear on the disk: a member without a slot gets the one typed, never their name by default.
    const chosen = labels.get(id) ?? label?.trim();
    if (!chosen) throw new Error('a member without a slot needs a lock-screen label');
    const prepared = await this.vault.prepareSlot(this.storage.unlocked, {
      id,
      label: chosen,
      passphrase,
      confirmation,
    });
    await this.update(id, {
      signingKey: prepared.slot.signingKey,
      agreementKey: prepared.slot.agreementKey,
      formerSigningKeys: [...member.formerSigningKeys, member.signingKey].slice(-100),
    });
    await this.vault.saveSlot(prepared);
    // Their cases' keys were wrapped to the old key pair: each is made anew for the new one.
    await this.storage.compartments.settle();
  }

  /**
   * Removes a member: their record says so (signed), and their slot is deleted, so their passphrase opens
   * nothing. Every restricted case they held gets a new key, at once where this administrator holds it, else at
   * the next unlock of a member who does. Refused when they are the last who holds a case's key: it would be lost.
   */
  async remove(id: string): Promise<void> {
    const after = (await this.list()).map((m) => (m.id === id ? { ...m, status: 'removed' as const } : m));
    const orphaned = this.storage.compartments
      .list()
      .filter((c) => c.grants.some((g) => g.member === id) && holdersOf(c, after).length === 0);
    if (orphaned.length)
      throw new PermissionRefused({ reason: 'last-holder', references: orphaned.map((c) => c.reference) });
    await this.update(id, { status: 'removed' });
    await this.vault.removeSlot(id);
    await this.storage.compartments.settle();
    // What laptops send one another from now on is sealed under a key the removed member is not given.
    await this.storage.store.rotateTeamKey();
  }

  private async get(id: string): Promise<Member> {
    const member = await this.storage.store.get('members', id);
    if (!member) throw new Error('no such member');
    return member;
  }

  private async update(id: string, change: Partial<Member>): Promise<void> {
    const member = await this.get(id);
    await this.storage.store.commit([
      { table: 'members', put: { ...member, ...change, updatedAt: new Date().toISOString() } },
    ]);
  }
}
