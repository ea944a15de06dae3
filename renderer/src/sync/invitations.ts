import { z } from 'zod';
import { toHex } from '@shared/crypto/bytes';
import { memberFingerprint } from '@shared/crypto/signatures';
import { ROLES, type Role } from '@shared/domain/permissions';
import { invitationCode, grantToJson, type Invitation } from '@shared/sync/invitation';
import type { Members } from '../db/members';
import type { CaseRepository } from '../db/case-repository';
import { normalisePrefix, parseReferenceCode, PREFIX_PATTERN } from '@shared/domain/reference-code';
import type { RecordStore } from '../db/record-store';
import type { SealedMeta } from '../db/sealed-meta';
import { randomBytes, randomId } from '../db/webcrypto-key';
import { EnrolmentChannel } from './enrolment';
import type { SyncService } from './sync-service';

/**
 * The invitations an administrator issued from this laptop, kept sealed in the vault (meta `invitations`):
 * for whom (the member's id, name and roles, decided here), the one-time secret, and whether it was answered.
 * The device's server password is put into the code and not kept.
 */
const issuedSchema = z.object({
  member: z.string().uuid(),
  name: z.string().min(1).max(200),
  roles: z.array(z.enum(ROLES)).min(1),
  prefix: z.string().regex(PREFIX_PATTERN).optional(),
  secret: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
  expires: z.string(),
  confirmedAt: z.string().optional(),
  /** The laptop's CouchDB user, to be revoked on the server when the member is removed. */
  user: z.string().max(200).optional(),
});
export type IssuedInvitation = z.infer<typeof issuedSchema>;

/** The server user of the laptop a member was invited with, if it was invited from this laptop. */
export async function serverUserOf(meta: SealedMeta, member: string): Promise<string | undefined> {
  const raw = (await meta.load<unknown[]>('invitations')) ?? [];
  for (const r of raw) {
    const p = issuedSchema.safeParse(r);
    if (p.success && p.data.member === member) return p.data.user;
  }
  return undefined;
}

/** How long a code may be used. */
const VALID_DAYS = 7;

export type InvitationFailure =
  'not-connected' | 'no-request' | 'fingerprint-differs' | 'expired' | 'prefix-invalid' | 'prefix-taken';

export class InvitationFailed extends Error {
  constructor(readonly problem: InvitationFailure) {
    super(`invitation: ${problem}`);
    this.name = 'InvitationFailed';
  }
}

/** Spaces, dashes and case do not matter when a fingerprint is read out and typed. */
export const sameFingerprint = (a: string, b: string): boolean =>
  a.replace(/[^0-9a-f]/gi, '').toUpperCase() === b.replace(/[^0-9a-f]/gi, '').toUpperCase() &&
  a.replace(/[^0-9a-f]/gi, '').length === 32;

export class Invitations {
  constructor(
    private readonly meta: SealedMeta,
    private readonly store: RecordStore,
    private readonly members: Members,
    private readonly sync: SyncService,
    private readonly fetchFn: typeof fetch | null,
    private readonly cases: CaseRepository,
  ) {}

  /** Prefixes the team's references already carry, and those promised to laptops invited from here. */
  async usedPrefixes(): Promise<Set<string>> {
    const used = new Set<string>();
    for (const s of await this.cases.summaries()) {
      const p = parseReferenceCode(s.reference)?.prefix;
      if (p) used.add(p);
    }
    const own = await this.cases.prefix();
    if (own) used.add(own);
    for (const i of await this.list()) if (i.prefix) used.add(i.prefix);
    return used;
  }

  async list(): Promise<IssuedInvitation[]> {
    const raw = (await this.meta.load<unknown[]>('invitations')) ?? [];
    return raw.flatMap((r) => {
      const p = issuedSchema.safeParse(r);
      return p.success ? [p.data] : [];
    });
  }

  /**
   * A code for a member's new laptop, with the CouchDB user made for it on the server (`add-device`). This
   * laptop must itself be connected to the server: it reads the request and writes the answer there.
   */
  async issue(o: { name: string; roles: Role[]; user: string; password: string; prefix: string }): Promise<string> {
    const settings = this.sync.settings();
    const vault = this.store.vaultId;
    if (!settings || !vault || !this.fetchFn) throw new InvitationFailed('not-connected');
    const prefix = normalisePrefix(o.prefix);
    if (!PREFIX_PATTERN.test(prefix)) throw new InvitationFailed('prefix-invalid');
    if ((await this.usedPrefixes()).has(prefix)) throw new InvitationFailed('prefix-taken');
    const now = new Date();
    const issued: IssuedInvitation = {
      member: randomId(),
      name: o.name.trim(),
      roles: o.roles,
      prefix,
      secret: toHex(randomBytes(32)),
      user: o.user.trim(),
      createdAt: now.toISOString(),
      expires: new Date(now.getTime() + VALID_DAYS * 86_400_000).toISOString(),
    };
    const invitation: Invitation = {
      server: settings.server,
      database: settings.database,
      user: o.user.trim(),
      password: o.password,
      vault,
      member: issued.member,
      prefix,
      origin: await this.sync.origin(),
      keyCheck: await this.members.dataKeyCheck(),
      secret: issued.secret,
      expires: issued.expires,
    };
    const code = invitationCode(invitation);
    await this.save([...(await this.list()), issued]);
    return code;
  }

  /** The fingerprint of the keys the invited laptop sent, once it has asked; null while it has not. */
  async requestFingerprint(member: string): Promise<string | null> {
    const inv = await this.get(member);
    const request = await this.channel(inv).request();
    return request ? memberFingerprint(request) : null;
  }

  /**
   * The fingerprint the member read out matches the keys their laptop sent: their record is signed here with
   * those keys, and the data key is wrapped to them and written to the server. Nothing is wrapped otherwise.
   */
  async confirm(member: string, readOut: string): Promise<void> {
    const inv = await this.get(member);
    if (Date.parse(inv.expires) <= Date.now()) throw new InvitationFailed('expired');
    const request = await this.channel(inv).request();
    if (!request) throw new InvitationFailed('no-request');
    if (!sameFingerprint(memberFingerprint(request), readOut)) throw new InvitationFailed('fingerprint-differs');
    const existing = await this.store.get('members', member);
    const grant = existing
      ? null
      : await this.members.addRemote({
          id: member,
          name: inv.name,
          roles: inv.roles,
          signingKey: request.signingKey,
          agreementKey: request.agreementKey,
        });
    // Confirmed before (the answer's write was cut short): the record signed then holds the keys to answer for.
    const answered =
      grant ??
      (existing && existing.signingKey === request.signingKey
        ? await this.members.grantFor(member, request.agreementKey)
        : null);
    if (!answered) throw new InvitationFailed('fingerprint-differs');
    await this.channel(inv).sendAnswer({
      vault: this.store.vaultId!,
      member,
      signingKey: request.signingKey,
      agreementKey: request.agreementKey,
      grant: grantToJson(answered.grant),
      teamKeys: {
        newest: answered.teamKeys.newest,
        older: answered.teamKeys.older.map((k) => ({
          generation: k.generation,
          id: k.id,
          grant: grantToJson(k.grant),
        })),
      },
    });
    await this.save(
      (await this.list()).map((i) => (i.member === member ? { ...i, confirmedAt: new Date().toISOString() } : i)),
    );
  }

  /** Forgets an invitation: a laptop that has not been answered will not be. */
  async cancel(member: string): Promise<void> {
    await this.save((await this.list()).filter((i) => i.member !== member));
  }

  private async get(member: string): Promise<IssuedInvitation> {
    const inv = (await this.list()).find((i) => i.member === member);
    if (!inv) throw new InvitationFailed('no-request');
    return inv;
  }

  private channel(inv: IssuedInvitation): EnrolmentChannel {
    const settings = this.sync.settings();
    if (!settings || !this.fetchFn) throw new InvitationFailed('not-connected');
    return new EnrolmentChannel(settings, inv.secret, this.fetchFn);
  }

  private async save(list: IssuedInvitation[]): Promise<void> {
    await this.meta.save('invitations', list);
  }
}
