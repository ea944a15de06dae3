import type { Refusal } from '@shared/domain/permissions';

/**
 * Everything that can go wrong opening a vault, as codes the UI translates.
 * None of them ever leads to deleting data.
 */
export type VaultErrorCode =
  | 'wrong-passphrase'
  | 'throttled'
  | 'no-vault'
  | 'vault-exists'
  /** Rows without a vault header: never written over, never wiped. */
  | 'storage-not-empty'
  | 'header-malformed'
  | 'header-weak-kdf'
  | 'storage-unavailable'
  | 'storage-full'
  | 'locked'
  | 'passphrase-too-short'
  | 'passphrases-differ'
  /** A re-encryption was interrupted: it must finish (from the unlock screen) before the vault opens. */
  | 'rekey-pending'
  /** A restore was cut short: its vault is not whole and is never opened; it can be discarded. */
  | 'restore-interrupted'
  /** A member's passphrase opened their slot but not the data key granted in it: the slot was changed on disk. */
  | 'slot-altered'
  /** A joining laptop's answer wrapped a key other than the one its invitation named: not from its team. */
  | 'invitation-key'
  /** The vault has several members and the unlock did not say which one. */
  | 'choose-member'
  | 'no-such-member'
  /** The vault's last key slot: removing it would leave a vault nobody can open. */
  | 'last-slot'
  /** A slot whose member is not in the members table (or was removed): it opens nothing. */
  | 'not-a-member';

export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    readonly retryAfterMs = 0,
  ) {
    super(code);
    this.name = 'VaultError';
  }
}

/** A commit or an act the member's roles do not allow (shared/domain/permissions.ts): nothing was written. */
export class PermissionRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(`not permitted: ${refusal.reason}`);
    this.name = 'PermissionRefused';
  }
}

/** IndexedDB's own failures, mapped to what the user can do about them. */
export function storageErrorCode(e: unknown): VaultErrorCode | null {
  const name =
    (e as { name?: string; inner?: { name?: string } } | null)?.inner?.name ??
    (e as { name?: string } | null)?.name ??
    '';
  if (name === 'QuotaExceededError') return 'storage-full';
  if (
    [
      'OpenFailedError',
      'UnknownError',
      'InvalidStateError',
      'DatabaseClosedError',
      'MissingAPIError',
      'VersionError',
    ].includes(name)
  ) {
    return 'storage-unavailable';
  }
  return null;
}

/** The one mapping of storage failures: IndexedDB's own errors become VaultErrors the UI can explain; anything else passes unchanged. */
export function asStorageError(e: unknown): unknown {
  if (e instanceof VaultError) return e;
  const code = storageErrorCode(e);
  return code ? new VaultError(code) : e;
}

/** Runs storage work and throws its failure as `asStorageError` maps it. Nothing is ever deleted in response. */
export async function withStorageErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw asStorageError(e);
  }
}

/** A full disk, whether IndexedDB said so or the main process writing a file (ENOSPC). */
export function isDiskFull(e: unknown): boolean {
  return (
    storageErrorCode(e) === 'storage-full' || /ENOSPC|QuotaExceeded/i.test(String((e as Error | null)?.message ?? e))
  );
}
