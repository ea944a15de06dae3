import {
  checkHeader,
  dataKeyContext,
  deriveKek,
  KDF_DEFAULT,
  slotAad,
  wrapAad,
  type KdfParams,
  type KeySlot,
  type VaultHeader,
  type VaultHeaderV1,
} from '@shared/crypto/vault-header';
import { fromHex, fromUtf8, toHex, utf8 } from '@shared/crypto/bytes';
import { memberFingerprint } from '@shared/crypto/signatures';
import type { AtharDb } from './schema';
import { aesGcmKey, randomBytes, randomId, type WebAeadKey } from './webcrypto-key';
import { VaultError, withStorageErrors } from './vault-errors';
import { generateMemberKeys, importMemberKeys, type MemberKeys, type SealablePrivate } from './member-keys';
import { grantTo, openGrant } from './key-grants';
import { HEAD_META_ID } from './audit-head';
import { openJson, sealJson, type Envelope } from '@shared/crypto/envelope';
import { dataKeyCheck } from '@shared/sync/invitation';
import { readTeamKeys, sealedTeamKeys, type RawTeamKey } from './team-keys';
import { sha256 } from '@noble/hashes/sha2.js';

export const MIN_PASSPHRASE_LENGTH = 12;
/** The label a vault's first member gets when the caller gives none (an upgraded vault). */
export const DEFAULT_LABEL = 'admin';

/** After a few wrong tries each further try waits longer, up to a minute, and survives a reload. */
export function throttleDelayMs(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(60_000, 1000 * 2 ** (failures - 3));
}

interface ThrottleState {
  failures: number;
  lastFailureAt: number;
}

/** The member who unlocked: their slot's id and label, and their private keys as non-extractable WebCrypto keys. */
export interface UnlockedMember {
  id: string;
  label: string;
  keys: MemberKeys;
}

export interface UnlockedVault {
  vaultId: string;
  /** A copy that joined a team: its own chain's id on the sync server (else the vault id is). */
  device?: string;
  key: WebAeadKey;
  member: UnlockedMember;
}

/** Both keys of a re-encryption: rows move from `from` to `to`. */
export interface RekeyKeys {
  vaultId: string;
  from: WebAeadKey;
  to: WebAeadKey;
  member: UnlockedMember;
}

export interface SlotListing {
  id: string;
  label: string;
  fingerprint: string;
}

/** A slot made for a new (or reset) member, before it is written: their record is signed first. */
export interface PreparedSlot {
  slot: KeySlot;
}

export interface VaultDeps {
  db: AtharDb;
  now?: () => number;
  kdf?: Omit<KdfParams, 'salt' | 'algorithm'>;
}

const LEGACY_THROTTLE = 'throttle';
const throttleId = (slotId: string): string => `throttle:${slotId}`;

/**
 * The vault's header: a random data key, and one key slot per member
 * (shared/crypto/vault-header.ts). A member's passphrase derives, by
 * Argon2id, the key that seals their private keys; their X25519 key opens
 * the data key's grant to them. Passphrases, raw keys and private keys exist
 * only inside these functions; what leaves is non-extractable WebCrypto keys.
 * A header from before members (format 1) becomes format 2 with one
 * administrator at its first unlock.
 */
export class Vault {
  private readonly db: AtharDb;
  private readonly now: () => number;
  private readonly kdf: Omit<KdfParams, 'salt' | 'algorithm'>;

  constructor(deps: VaultDeps) {
    this.db = deps.db;
    this.now = deps.now ?? Date.now;
    this.kdf = deps.kdf ?? KDF_DEFAULT;
  }

  async exists(): Promise<boolean> {
    return (await this.guard(() => this.db.meta.get('vault'))) !== undefined;
  }

  async create(passphrase: string, confirmation: string, label = DEFAULT_LABEL): Promise<UnlockedVault> {
    checkNewPassphrase(passphrase, confirmation);
    if (await this.exists()) throw new VaultError('vault-exists');
    const dataKey = randomBytes(32);
    const vaultId = randomId();
    const { slot, keys } = await this.makeSlot(vaultId, randomId(), label, passphrase, dataKey);
    const header: VaultHeader = { format: 2, vaultId, createdAt: new Date(this.now()).toISOString(), slots: [slot] };
    // Dexie's add() refuses to overwrite, so a second window cannot replace an existing vault.
    await this.guard(() => this.db.meta.add({ id: 'vault', value: header }));
    void persistStorage();
    const key = await aesGcmKey(dataKey);
    dataKey.fill(0);
    return { vaultId, key, member: { id: slot.id, label: slot.label, keys } };
  }

  /**
   * A copy of a team's vault on a device that joins it: the team's vault id, this device's own id for its chain
   * on the sync server, and one slot for the member who will use it, made with the key pairs this device made
   * for its enrolment and the data key's grant an administrator wrapped to them. Refused unless that grant opens
   * with these keys. Nothing arrives yet: the records come from the server once the vault is open.
   */
  async join(o: {
    vaultId: string;
    device: string;
    memberId: string;
    label: string;
    passphrase: string;
    confirmation: string;
    grant: KeySlot['grant'];
    keys: { keys: MemberKeys; sealable: SealablePrivate };
    /** The invitation's commitment to the team's data key (dataKeyCheck). */
    keyCheck: string;
    /** Meta rows, sealed here with the data key and written with the header in one transaction (where to sync, the prefix). */
    meta?: ReadonlyArray<{ id: string; value: unknown }>;
    /** Which of the team's keys the grant is, and the older ones wrapped the same way: what was sent before opens with them. */
    teamKeys?: TeamKeysGranted;
  }): Promise<UnlockedVault> {
    checkNewPassphrase(o.passphrase, o.confirmation);
    if (await this.exists()) throw new VaultError('vault-exists');
    const { keys, sealable } = o.keys;
    const dataKey = await openGrant(o.grant, keys.agreement, keys.agreementKey, dataKeyContext(o.vaultId, o.memberId));
    if (!dataKey || dataKey.length !== 32) {
      dataKey?.fill(0);
      throw new VaultError('slot-altered');
    }
    if (dataKeyCheck(dataKey, o.vaultId) !== o.keyCheck) {
      dataKey.fill(0);
      throw new VaultError('invitation-key');
    }
    const kdf: KdfParams = { algorithm: 'argon2id', ...this.kdf, salt: randomBytes(16) };
    const base = {
      id: o.memberId,
      label: o.label.trim().slice(0, 60) || DEFAULT_LABEL,
      kdf,
      signingKey: keys.signingKey,
      agreementKey: keys.agreementKey,
    };
    const slot: KeySlot = { ...base, sealed: await sealPrivate(base, sealable, o.passphrase), grant: o.grant };
    const header: VaultHeader = {
      format: 2,
      vaultId: o.vaultId,
      device: o.device,
      createdAt: new Date(this.now()).toISOString(),
      slots: [slot],
    };
    const key = await aesGcmKey(dataKey);
    const ring = await this.joinedRing(o, keys, dataKey).finally(() => dataKey.fill(0));
    const meta = await Promise.all(
      (o.meta ?? []).map(async (m) => ({ id: m.id, value: await sealJson(key, randomBytes, 'meta', m.id, m.value) })),
    );
    if (ring) {
      meta.push(await sealedTeamKeys(key, ring));
      for (const k of ring) k.raw.fill(0);
    }
    // All or nothing: a copy with a header and no server to receive from would wait for its team forever.
    await this.guard(() =>
      this.db.transaction('rw', this.db.meta, async () => {
        await this.db.meta.add({ id: 'vault', value: header });
        if (meta.length) await this.db.meta.bulkPut(meta);
      }),
    );
    void persistStorage();
    return { vaultId: o.vaultId, device: o.device, key, member: { id: slot.id, label: slot.label, keys } };
  }

  /** Who can unlock, as the lock screen lists them: ids, labels and fingerprints, nothing secret. */
  async slots(): Promise<SlotListing[]> {
    const header = await this.readAnyHeader();
    if (header.format === 1) return [{ id: '', label: '', fingerprint: '' }];
    return header.slots.map((s) => ({ id: s.id, label: s.label, fingerprint: memberFingerprint(s) }));
  }

  /** The team's keys a joining laptop was given, all of them; null when the team has only the one it began with. */
  private async joinedRing(
    o: { vaultId: string; memberId: string; teamKeys?: TeamKeysGranted },
    { agreement, agreementKey }: { agreement: CryptoKey; agreementKey: string },
    newest: Uint8Array,
  ): Promise<RawTeamKey[] | null> {
    const t = o.teamKeys;
    if (!t || (t.newest.generation === 0 && !t.older.length)) return null;
    const older: RawTeamKey[] = [];
    try {
      for (const k of t.older) {
        const raw = await openGrant(k.grant, agreement, agreementKey, olderTeamKeyContext(o.vaultId, o.memberId, k));
        if (!raw || raw.length !== 32) {
          raw?.fill(0);
          throw new VaultError('slot-altered');
        }
        older.push({ generation: k.generation, id: k.id, since: -1, raw });
      }
    } catch (e) {
      for (const k of older) k.raw.fill(0);
      throw e;
    }
    return [...older, { generation: t.newest.generation, id: t.newest.id, since: -1, raw: newest.slice() }];
  }

  /** A copy that joined a team: its own chain's id (none on the copy that founded it). */
  async device(): Promise<string | undefined> {
    const header = await this.readAnyHeader();
    return header.format === 2 ? header.device : undefined;
  }

  /** Whether a re-encryption was started and not finished (a crash, a cancel): the next unlock carries it on. */
  async rekeyPending(): Promise<boolean> {
    const header = await this.readAnyHeader();
    return header.format === 1 ? header.rekey !== undefined : header.slots.some((s) => s.rekey);
  }

  async unlock(passphrase: string, slotId?: string, upgradeLabel = DEFAULT_LABEL): Promise<UnlockedVault> {
    if (await this.guard(() => this.db.meta.get('restore-pending'))) throw new VaultError('restore-interrupted');
    const { header, slot, member, dataKey } = await this.openSlot(passphrase, slotId, upgradeLabel);
    if (slot.rekey) {
      dataKey.fill(0);
      throw new VaultError('rekey-pending');
    }
    void persistStorage();
    const key = await aesGcmKey(dataKey);
    dataKey.fill(0);
    return { vaultId: header.vaultId, ...(header.device ? { device: header.device } : {}), key, member };
  }

  /**
   * Starts (or, after a crash or a cancel, resumes) a re-encryption: the new data key is granted to every
   * member in the header before any row changes. The caller re-seals the rows (rekey.ts) and then calls
   * finishRekey.
   */
  async beginRekey(passphrase: string, slotId?: string): Promise<RekeyKeys> {
    const { header, slot, member, dataKey } = await this.openSlot(passphrase, slotId, DEFAULT_LABEL);
    const current = await aesGcmKey(dataKey);
    let fresh: Uint8Array | null;
    if (slot.rekey) {
      fresh = await openGrant(slot.rekey, member.keys.agreement, slot.agreementKey, ctx(header, slot));
      // The new key must be one a holder of the current key chose (see vaultHeaderSchema.rekeyProof).
      const proof = header.rekeyProof
        ? await current
            .decrypt(header.rekeyProof.iv, rekeyProofAad(header.vaultId), header.rekeyProof.ct)
            .catch(() => null)
        : null;
      if (fresh && (!proof || toHex(proof) !== toHex(sha256(fresh)))) fresh = null;
    } else if (header.slots.some((s) => s.rekey)) fresh = null;
    else {
      // The team's key stays as it was: a vault that never had its own ring keeps the key it has now as the
      // team's, under whichever key the vault is sealed with by the end.
      const ring = await readTeamKeys(this.db, current);
      try {
        if (!ring?.some((k) => k.generation === 0))
          await this.guard(async () =>
            this.db.meta.put(
              await sealedTeamKeys(current, [...(ring ?? []), { generation: 0, id: '', since: -1, raw: dataKey }]),
            ),
          );
      } finally {
        for (const k of ring ?? []) k.raw.fill(0);
      }
      fresh = randomBytes(32);
      const slots = await Promise.all(
        header.slots.map(async (s) => ({ ...s, rekey: await grantTo(s.agreementKey, fresh!, ctx(header, s)) })),
      );
      const iv = randomBytes(12);
      const rekeyProof = {
        v: 1 as const,
        iv,
        ct: await current.encrypt(iv, rekeyProofAad(header.vaultId), sha256(fresh)),
      };
      await this.writeHeader({ ...header, slots, rekeyProof });
    }
    if (!fresh) {
      dataKey.fill(0);
      throw new VaultError('slot-altered');
    }
    const keys = { vaultId: header.vaultId, from: await aesGcmKey(dataKey), to: await aesGcmKey(fresh), member };
    dataKey.fill(0);
    fresh.fill(0);
    return keys;
  }

  /** Every row is under the new key: it becomes the vault's key, in one write; the old one opens nothing now. */
  async finishRekey(): Promise<void> {
    const header = await this.readHeader();
    if (!header.slots.some((s) => s.rekey)) return;
    const slots = header.slots.map(({ rekey, ...s }) => (rekey ? { ...s, grant: rekey } : s));
    const { rekeyProof: _done, ...rest } = header;
    await this.writeHeader({ ...rest, slots });
  }

  /** Seals the member's private keys under a new passphrase: no record and no grant changes. */
  async changePassphrase(slotId: string, current: string, next: string, confirmation: string): Promise<void> {
    checkNewPassphrase(next, confirmation);
    const header = await this.readHeader();
    if (header.slots.some((s) => s.rekey)) throw new VaultError('rekey-pending');
    const slot = pickSlot(header, slotId);
    const sealable = await this.throttled(throttleId(slot.id), () => this.unsealSlot(slot, current));
    const kdf: KdfParams = { algorithm: 'argon2id', ...this.kdf, salt: randomBytes(16) };
    const sealed = await sealPrivate({ ...slot, kdf }, sealable, next);
    // Read again after the two Argon2id runs: only this slot changes, and not under a re-encryption begun meanwhile.
    const now = await this.readHeader();
    if (now.slots.some((s) => s.rekey)) throw new VaultError('rekey-pending');
    // Reset or removed meanwhile: these keys are no longer this member's.
    if (now.slots.find((s) => s.id === slot.id)?.signingKey !== slot.signingKey) throw new VaultError('no-such-member');
    await this.writeHeader({ ...now, slots: now.slots.map((s) => (s.id === slot.id ? { ...s, kdf, sealed } : s)) });
  }

  /**
   * A slot for a member being added (or reset, under the same id): new key pairs, sealed under their new
   * passphrase, and the data key granted to them by the member who is unlocked. Nothing is written: the
   * caller signs the member's record first, then saves the slot.
   */
  async prepareSlot(
    by: UnlockedMember,
    o: { id: string; label: string; passphrase: string; confirmation: string },
  ): Promise<PreparedSlot> {
    checkNewPassphrase(o.passphrase, o.confirmation);
    const header = await this.readHeader();
    if (header.slots.some((s) => s.rekey)) throw new VaultError('rekey-pending');
    const own = pickSlot(header, by.id);
    const dataKey = await openGrant(own.grant, by.keys.agreement, own.agreementKey, ctx(header, own));
    if (!dataKey) throw new VaultError('slot-altered');
    try {
      const { slot } = await this.makeSlot(header.vaultId, o.id, o.label, o.passphrase, dataKey);
      return { slot };
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * The data key wrapped to a member on another device, from their public key alone (their enrolment): the
   * grant their own copy's slot will hold, bound to this vault and to them. The unlocked member's own grant
   * opens the key; nothing is written.
   */
  /** The invitation's commitment to the data key (shared/sync/invitation.ts). */
  async dataKeyCheck(by: UnlockedMember): Promise<string> {
    const header = await this.readHeader();
    const ring = await this.teamRing(header, by);
    try {
      return dataKeyCheck(ring.at(-1)!.raw, header.vaultId);
    } finally {
      for (const k of ring) k.raw.fill(0);
    }
  }

  /**
   * The team's newest key (team-keys.ts) wrapped to a member's laptop, what its own vault starts with, and each
   * older one, so that it opens everything sent before.
   */
  async grantDataKey(
    by: UnlockedMember,
    memberId: string,
    agreementKey: string,
  ): Promise<{ grant: KeySlot['grant']; teamKeys: TeamKeysGranted }> {
    const header = await this.readHeader();
    if (header.slots.some((s) => s.rekey)) throw new VaultError('rekey-pending');
    const ring = await this.teamRing(header, by);
    try {
      const newest = ring.at(-1)!;
      const older = await Promise.all(
        ring.slice(0, -1).map(async (k) => ({
          generation: k.generation,
          id: k.id,
          grant: await grantTo(agreementKey, k.raw, olderTeamKeyContext(header.vaultId, memberId, k)),
        })),
      );
      return {
        grant: await grantTo(agreementKey, newest.raw, dataKeyContext(header.vaultId, memberId)),
        teamKeys: { newest: { generation: newest.generation, id: newest.id }, older },
      };
    } finally {
      for (const k of ring) k.raw.fill(0);
    }
  }

  /** The team's keys, oldest first: the ring's, with the data key as generation 0 where the ring has none. */
  private async teamRing(header: VaultHeader, by: UnlockedMember): Promise<RawTeamKey[]> {
    const own = pickSlot(header, by.id);
    const dataKey = await openGrant(own.grant, by.keys.agreement, own.agreementKey, ctx(header, own));
    if (!dataKey) throw new VaultError('slot-altered');
    const ring = await readTeamKeys(this.db, await aesGcmKey(dataKey)).catch(() => {
      dataKey.fill(0);
      throw new VaultError('slot-altered');
    });
    if (ring?.some((k) => k.generation === 0)) {
      dataKey.fill(0);
      return ring;
    }
    return [{ generation: 0, id: '', since: -1, raw: dataKey }, ...(ring ?? [])];
  }

  /** Writes a prepared slot, replacing any slot of the same member (a reset: the old passphrase opens nothing). */
  async saveSlot(p: PreparedSlot): Promise<void> {
    const header = await this.readHeader();
    // A slot made before a re-encryption began holds a grant of the key that is being replaced.
    if (header.slots.some((s) => s.rekey)) throw new VaultError('rekey-pending');
    await this.writeHeader({ ...header, slots: [...header.slots.filter((s) => s.id !== p.slot.id), p.slot] });
    await this.guard(() => this.db.meta.delete(throttleId(p.slot.id)));
  }

  /** The lock screen's name for a member: changes nothing but the label. */
  async relabelSlot(id: string, label: string): Promise<void> {
    const header = await this.readHeader();
    const trimmed = label.trim().slice(0, 60);
    if (!trimmed) return;
    await this.writeHeader({ ...header, slots: header.slots.map((s) => (s.id === id ? { ...s, label: trimmed } : s)) });
  }

  /** Deletes a member's slot: their passphrase opens nothing from here on. The last slot is never removed. */
  async removeSlot(id: string): Promise<void> {
    const header = await this.readHeader();
    const slots = header.slots.filter((s) => s.id !== id);
    if (slots.length === header.slots.length) return;
    if (!slots.length) throw new VaultError('last-slot');
    await this.writeHeader({ ...header, slots });
    await this.guard(() => this.db.meta.delete(throttleId(id)));
  }

  /** The header; one from before members is upgraded first by `unlock`, so the others need format 2. */
  async readHeader(): Promise<VaultHeader> {
    const header = await this.readAnyHeader();
    if (header.format !== 2) throw new VaultError('header-malformed');
    return header;
  }

  private async readAnyHeader(): Promise<VaultHeader | VaultHeaderV1> {
    const row = await this.guard(() => this.db.meta.get('vault'));
    if (!row) throw new VaultError('no-vault');
    const checked = checkHeader(row.value);
    if (!checked.ok) throw new VaultError(checked.problem === 'weak-kdf' ? 'header-weak-kdf' : 'header-malformed');
    return checked.header;
  }

  /** The slot's member and the data key, or a refusal that counts towards that slot's throttle. */
  private async openSlot(
    passphrase: string,
    slotId: string | undefined,
    upgradeLabel: string,
  ): Promise<{ header: VaultHeader; slot: KeySlot; member: UnlockedMember; dataKey: Uint8Array }> {
    const any = await this.readAnyHeader();
    const header = any.format === 1 ? await this.upgrade(any, passphrase, upgradeLabel) : any;
    const slot = pickSlot(header, any.format === 1 ? header.slots[0]!.id : slotId);
    const sealable = await this.throttled(throttleId(slot.id), () => this.unsealSlot(slot, passphrase));
    try {
      const keys = await importMemberKeys(sealable, slot.signingKey, slot.agreementKey);
      const dataKey = await openGrant(slot.grant, keys.agreement, slot.agreementKey, ctx(header, slot));
      // The passphrase opened the slot but its grant does not open: the slot was changed on disk.
      let opens = !!dataKey && dataKey.length === 32 && (await this.opensStoredData(dataKey));
      if (dataKey && !opens && slot.rekey) {
        // Part-way through a re-encryption, what is stored may be under the new key already.
        const next = await openGrant(slot.rekey, keys.agreement, slot.agreementKey, ctx(header, slot));
        opens = !!next && (await this.opensStoredData(next));
        next?.fill(0);
      }
      if (!dataKey || !opens) {
        dataKey?.fill(0);
        throw new VaultError('slot-altered');
      }
      return { header, slot, member: { id: slot.id, label: slot.label, keys }, dataKey };
    } finally {
      sealable.signing.fill(0);
      sealable.agreement.fill(0);
    }
  }

  /**
   * Whether the granted key opens what is already stored (the chain's first or newest entry, or its sealed head).
   * Grants need no secret to make: a grant replaced on disk would otherwise hand the member a key of the
   * replacer's choosing, under which every new record would be sealed.
   */
  private async opensStoredData(raw: Uint8Array): Promise<boolean> {
    const key = await aesGcmKey(raw);
    const [first, last, head] = await this.guard(() =>
      Promise.all([
        this.db.audit.orderBy('seq').first(),
        this.db.audit.orderBy('seq').last(),
        this.db.meta.get(HEAD_META_ID),
      ]),
    );
    if (!first && !last && !head) return true;
    const opens = (p: Promise<unknown>): Promise<boolean> =>
      p.then(
        () => true,
        () => false,
      );
    const tries = [
      ...(first ? [opens(openJson(key, 'audit', first.seq, first.enc))] : []),
      ...(last ? [opens(openJson(key, 'audit', last.seq, last.enc))] : []),
      ...(head ? [opens(openJson(key, 'meta', HEAD_META_ID, head.value as Envelope))] : []),
    ];
    return (await Promise.all(tries)).some(Boolean);
  }

  private async unsealSlot(slot: KeySlot, passphrase: string): Promise<SealablePrivate | null> {
    const kek = await aesGcmKey(await deriveKek(passphrase, slot.kdf));
    try {
      const raw = await kek.decrypt(slot.sealed.iv, slotAad(slot), slot.sealed.ct);
      const parsed = JSON.parse(fromUtf8(raw)) as { signing: string; agreement: string };
      raw.fill(0);
      return { signing: fromHex(parsed.signing), agreement: fromHex(parsed.agreement) };
    } catch {
      return null;
    }
  }

  /**
   * A vault from before members: its one passphrase becomes the first administrator's, with the same Argon2id
   * parameters and salt, new key pairs, and the data key (and a pending re-encryption's key) granted to them.
   */
  private async upgrade(old: VaultHeaderV1, passphrase: string, label: string): Promise<VaultHeader> {
    const kek = await this.throttled(LEGACY_THROTTLE, async () => {
      const k = await aesGcmKey(await deriveKek(passphrase, old.kdf));
      return (await unwrapV1(k, old, old.wrappedKey)) ? k : null;
    });
    const dataKey = (await unwrapV1(kek, old, old.wrappedKey))!;
    const pending = old.rekey ? await unwrapV1(kek, old, old.rekey) : null;
    const { keys, sealable } = await generateMemberKeys();
    const base = { id: randomId(), label: label.trim().slice(0, 60) || DEFAULT_LABEL, kdf: old.kdf };
    const withKeys = { ...base, signingKey: keys.signingKey, agreementKey: keys.agreementKey };
    const context = dataKeyContext(old.vaultId, base.id);
    const slot: KeySlot = {
      ...withKeys,
      sealed: await sealWith(kek, withKeys, sealable),
      grant: await grantTo(keys.agreementKey, dataKey, context),
      ...(pending ? { rekey: await grantTo(keys.agreementKey, pending, context) } : {}),
    };
    dataKey.fill(0);
    pending?.fill(0);
    const header: VaultHeader = { format: 2, vaultId: old.vaultId, createdAt: old.createdAt, slots: [slot] };
    await this.writeHeader(header);
    await this.guard(() => this.db.meta.delete(LEGACY_THROTTLE));
    return header;
  }

  private async makeSlot(
    vaultId: string,
    id: string,
    label: string,
    passphrase: string,
    dataKey: Uint8Array,
  ): Promise<{ slot: KeySlot; keys: MemberKeys }> {
    const { keys, sealable } = await generateMemberKeys();
    const kdf: KdfParams = { algorithm: 'argon2id', ...this.kdf, salt: randomBytes(16) };
    const base = {
      id,
      label: label.trim().slice(0, 60) || DEFAULT_LABEL,
      kdf,
      signingKey: keys.signingKey,
      agreementKey: keys.agreementKey,
    };
    const slot: KeySlot = {
      ...base,
      sealed: await sealPrivate(base, sealable, passphrase),
      grant: await grantTo(keys.agreementKey, dataKey, dataKeyContext(vaultId, id)),
    };
    return { slot, keys };
  }

  /** Runs a passphrase check; a null answer is a wrong passphrase, counted against this slot alone. */
  private async throttled<T>(id: string, attempt: () => Promise<T | null>): Promise<T> {
    const throttle = await this.readThrottle(id);
    const wait = throttle.lastFailureAt + throttleDelayMs(throttle.failures) - this.now();
    if (wait > 0) throw new VaultError('throttled', wait);
    const result = await attempt();
    if (result === null) {
      await this.guard(() =>
        this.db.meta.put({ id, value: { failures: throttle.failures + 1, lastFailureAt: this.now() } }),
      );
      throw new VaultError('wrong-passphrase', throttleDelayMs(throttle.failures + 1));
    }
    if (throttle.failures > 0) await this.guard(() => this.db.meta.delete(id));
    return result;
  }

  private async readThrottle(id: string): Promise<ThrottleState> {
    const row = await this.guard(() => this.db.meta.get(id));
    const v = row?.value as Partial<ThrottleState> | undefined;
    return { failures: Number(v?.failures) || 0, lastFailureAt: Number(v?.lastFailureAt) || 0 };
  }

  private writeHeader(header: VaultHeader): Promise<unknown> {
    return this.guard(() => this.db.meta.put({ id: 'vault', value: header }));
  }

  private guard<T>(fn: () => Promise<T>): Promise<T> {
    return withStorageErrors(fn);
  }
}

const ctx = (header: VaultHeader, slot: KeySlot): string => dataKeyContext(header.vaultId, slot.id);
const rekeyProofAad = (vaultId: string): Uint8Array => utf8(`athar/v1/rekey-proof/${vaultId}`);

function checkNewPassphrase(passphrase: string, confirmation: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new VaultError('passphrase-too-short');
  if (passphrase !== confirmation) throw new VaultError('passphrases-differ');
}

function pickSlot(header: VaultHeader, slotId: string | undefined): KeySlot {
  if (slotId === undefined && header.slots.length === 1) return header.slots[0]!;
  const slot = header.slots.find((s) => s.id === slotId);
  if (!slot) throw new VaultError(slotId === undefined ? 'choose-member' : 'no-such-member');
  return slot;
}

async function sealPrivate(
  slot: Pick<KeySlot, 'id' | 'kdf' | 'signingKey' | 'agreementKey'>,
  p: SealablePrivate,
  passphrase: string,
): Promise<KeySlot['sealed']> {
  return sealWith(await aesGcmKey(await deriveKek(passphrase, slot.kdf)), slot, p);
}

async function sealWith(
  kek: WebAeadKey,
  slot: Pick<KeySlot, 'id' | 'kdf' | 'signingKey' | 'agreementKey'>,
  p: SealablePrivate,
): Promise<KeySlot['sealed']> {
  const plain = utf8(JSON.stringify({ signing: toHex(p.signing), agreement: toHex(p.agreement) }));
  const iv = randomBytes(12);
  const ct = await kek.encrypt(iv, slotAad(slot), plain);
  plain.fill(0);
  return { v: 1, iv, ct };
}

async function unwrapV1(
  kek: WebAeadKey,
  header: VaultHeaderV1,
  wrapped: { iv: Uint8Array; ct: Uint8Array },
): Promise<Uint8Array | null> {
  try {
    const raw = await kek.decrypt(wrapped.iv, wrapAad(header.vaultId, header.kdf), wrapped.ct);
    return raw.length === 32 ? raw : null;
  } catch {
    return null;
  }
}

/** Asks the browser not to evict the vault under storage pressure. */
async function persistStorage(): Promise<boolean> {
  try {
    return (await globalThis.navigator?.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

/** An older team key wrapped to a joining laptop. */
export interface OlderTeamKeyGrant {
  generation: number;
  id: string;
  grant: KeySlot['grant'];
}

export interface TeamKeysGranted {
  newest: { generation: number; id: string };
  older: OlderTeamKeyGrant[];
}

const olderTeamKeyContext = (vaultId: string, memberId: string, k: { generation: number; id: string }): string =>
  `team-key/${vaultId}/${memberId}/${k.generation}/${k.id}`;
