import { memberFingerprint } from '@shared/crypto/signatures';
import { grantFromJson, readInvitation, type GrantBytes, type Invitation } from '@shared/sync/invitation';
import { generateMemberKeys, type MemberKeys, type SealablePrivate } from '../db/member-keys';
import { toHex } from '@shared/crypto/bytes';
import { randomBytes } from '../db/webcrypto-key';
import { EnrolmentChannel, EnrolmentError } from './enrolment';
import type { SyncState } from './sync-settings';
import { PREFIX_META_ID } from '../db/case-repository';
import type { TeamKeysGranted } from '../db/vault';

/**
 * A laptop joining its team with an invitation code: it makes its member's key pairs here (the private halves
 * never leave this window until they are sealed under the passphrase chosen at the end), sends the public halves
 * to the server as its request, shows their fingerprint for the member to read out to the administrator, and
 * waits for the answer: the data key wrapped to those keys. Nothing of the team is readable before it.
 */
export class Joining {
  private answered: TeamKeysGranted | undefined;

  private constructor(
    readonly invitation: Invitation,
    readonly keys: { keys: MemberKeys; sealable: SealablePrivate },
    readonly fingerprint: string,
    private readonly channel: EnrolmentChannel,
  ) {}

  static async begin(code: string, fetchFn: typeof fetch): Promise<Joining> {
    const invitation = readInvitation(code);
    const keys = await generateMemberKeys();
    const channel = new EnrolmentChannel(invitation, invitation.secret, fetchFn);
    await channel.sendRequest({ signingKey: keys.keys.signingKey, agreementKey: keys.keys.agreementKey });
    return new Joining(invitation, keys, memberFingerprint(keys.keys), channel);
  }

  /** The administrator's answer, for this team, this member and these very keys (anything else is refused). */
  async answer(signal: AbortSignal): Promise<GrantBytes> {
    const a = await this.channel.awaitAnswer(signal);
    if (
      a.vault !== this.invitation.vault ||
      a.member !== this.invitation.member ||
      a.signingKey !== this.keys.keys.signingKey ||
      a.agreementKey !== this.keys.keys.agreementKey
    )
      throw new EnrolmentError('unreadable');
    this.answered = {
      newest: a.teamKeys.newest,
      older: a.teamKeys.older.map((k) => ({ generation: k.generation, id: k.id, grant: grantFromJson(k.grant) })),
    };
    return grantFromJson(a.grant);
  }

  /** Which of the team's keys the answer's grant is, and the older ones (known once the answer has come). */
  teamKeys(): TeamKeysGranted | undefined {
    return this.answered;
  }

  /** The private halves are not needed once sealed in the new vault's slot. */
  forget(): void {
    this.keys.sealable.signing.fill(0);
    this.keys.sealable.agreement.fill(0);
  }

  /** The joined copy's first meta rows (sealed by the vault as it writes them): where to sync, its references' prefix. */
  meta(): Array<{ id: string; value: unknown }> {
    return [
      { id: 'sync', value: this.syncState() },
      { id: PREFIX_META_ID, value: this.invitation.prefix },
    ];
  }

  /** What the joined copy's sync starts from: the invitation's server and user, nothing sent or read yet. */
  syncState(): SyncState {
    const { server, database, user, password, origin } = this.invitation;
    return {
      settings: { server, database, user, password },
      salt: toHex(randomBytes(32)),
      sentUpTo: -1,
      paused: false,
      origin,
    };
  }
}
