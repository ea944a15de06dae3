import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { VaultError, type VaultErrorCode } from '../db/vault-errors';
import { openSession, type VaultSession } from './vault-session';
import { VaultAccess } from '../db/vault-access';
import type { SlotListing } from '../db/vault';
import type { Members } from '../db/members';
import type { RestoreTarget } from '../db/vault-restore';
import { platform, type LockRequestReason } from '../platform/platform';
import type { Joining } from '../sync/joining';
import type { GrantBytes } from '@shared/sync/invitation';

export type LockReason = LockRequestReason | 'idle' | 'button' | 'rekey-paused';

export type VaultState =
  | { phase: 'checking' }
  /** No vault; `lost` when the browser engine says it deleted one it found damaged (restore the newest backup). */
  | { phase: 'absent'; lost?: boolean }
  /** A restore was cut short: its half-made vault can only be discarded. */
  | { phase: 'restore-interrupted' }
  | { phase: 'locked'; reason: LockReason | null }
  /** `notice`: work that ended as the session opened, told once in the header (a finished re-encryption). */
  | { phase: 'open'; session: VaultSession; notice?: 'rekeyed' }
  /** Every row being sealed again under a new key; no session exists meanwhile. */
  | { phase: 'rekeying'; done: number; total: number; cancel: () => void }
  | { phase: 'storage-error'; code: VaultErrorCode };

interface VaultContextValue {
  state: VaultState;
  /** `label`: what the lock screen will list for this first member (in clear on disk). */
  create(passphrase: string, confirmation: string, actor?: string, label?: string): Promise<void>;
  /** `slotId`: the member unlocking, when the vault has several; `upgradeLabel`: an older vault's first member's label. */
  unlock(passphrase: string, slotId?: string, upgradeLabel?: string): Promise<void>;
  lock(reason: LockReason): Promise<void>;
  /** Work to finish before the key is dropped (sealing an unsaved form); returns an unregister function. */
  onBeforeLock(task: () => Promise<void>): () => void;
  changePassphrase(current: string, next: string, confirmation: string): Promise<void>;
  /** Re-encrypts the open vault under a new data key (the session closes meanwhile and reopens with the new key). */
  rekey(passphrase: string): Promise<void>;
  /** A new vault with a new passphrase, filled by `fill` (a backup's restore) and opened; on failure nothing is left behind. */
  restore(
    newPassphrase: string,
    confirmation: string,
    fill: (target: RestoreTarget) => Promise<void>,
    label?: string,
  ): Promise<void>;
  /** This laptop's copy of a team's vault, once the administrator answered its enrolment; opened at once. */
  join(joining: Joining, grant: GrantBytes, passphrase: string, confirmation: string, label: string): Promise<void>;
  /** A joined copy asks whether its member's record has come from the team; the app opens fully once it has. */
  memberArrived(): Promise<boolean>;
  retry(): void;
  /** Who can unlock (the lock screen's list). */
  slots(): Promise<SlotListing[]>;
  /** The open vault's team, for an administrator to change. */
  members(session: VaultSession): Members;
  /** Deletes what an interrupted restore left; the first screen follows. */
  discardInterruptedRestore(): Promise<void>;
}

const VaultContext = createContext<VaultContextValue | null>(null);

export function VaultProvider({ children }: { children: ReactNode }): ReactNode {
  const [state, setState] = useState<VaultState>({ phase: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const vault = useMemo(() => {
    const anchorFor = (vaultId: string) => platform.auditAnchor(vaultId);
    return attempt === 0 ? VaultAccess.shared(anchorFor) : VaultAccess.reopened(anchorFor);
  }, [attempt]);

  useEffect(() => {
    let cancelled = false;
    vault
      .storageLost()
      .then(async (lost) => [lost, ...(await Promise.all([vault.exists(), vault.restoreInterrupted()]))] as const)
      .then(
        ([lost, exists, interrupted]) => {
          if (!cancelled)
            setState(
              interrupted
                ? { phase: 'restore-interrupted' }
                : exists
                  ? { phase: 'locked', reason: null }
                  : { phase: 'absent', lost },
            );
        },
        (e: unknown) => {
          if (!cancelled)
            setState({ phase: 'storage-error', code: e instanceof VaultError ? e.code : 'storage-unavailable' });
        },
      );
    return () => {
      cancelled = true;
    };
  }, [vault, attempt]);

  const create = useCallback(
    async (passphrase: string, confirmation: string, actor = '', label?: string) => {
      const session = await openSession(
        await vault.create(passphrase, confirmation, { name: actor, ...(label ? { label } : {}) }),
        true,
      );
      setState({ phase: 'open', session });
    },
    [vault],
  );

  /** Seals every row again under the new key, showing progress; cancel leaves it to finish at the next unlock. */
  const runRekey = useCallback(
    async (keys: Awaited<ReturnType<VaultAccess['startRekey']>>) => {
      const ac = new AbortController();
      const cancel = (): void => ac.abort();
      setState({ phase: 'rekeying', done: 0, total: 1, cancel });
      try {
        const storage = await vault.continueRekey(keys, {
          signal: ac.signal,
          onProgress: (p) => setState({ phase: 'rekeying', done: p.done, total: p.total, cancel }),
        });
        setState({ phase: 'open', session: await openSession(storage, false), notice: 'rekeyed' });
      } catch {
        // Cancelled, or stopped by the disk: every row is readable with one of the header's two keys, and the
        // next unlock carries on from here.
        setState({ phase: 'locked', reason: 'rekey-paused' });
      }
    },
    [vault],
  );

  const unlock = useCallback(
    async (passphrase: string, slotId?: string, upgradeLabel?: string) => {
      // An interrupted re-encryption is finished before anything opens.
      if (await vault.rekeyPending()) return runRekey(await vault.startRekey(passphrase, slotId));
      setState({
        phase: 'open',
        session: await openSession(await vault.unlock(passphrase, slotId, upgradeLabel), false),
      });
    },
    [vault, runRekey],
  );
  const stateRef = useRef(state);
  stateRef.current = state;
  const openMember = (): string | undefined => {
    const s = stateRef.current;
    return s.phase === 'open' ? s.session.member.id : undefined;
  };

  // Something copied out of the open vault (a name, a phone number) must not stay on the clipboard once it locks.
  const copied = useRef(false);
  useEffect(() => {
    const mark = (): void => {
      copied.current = true;
    };
    document.addEventListener('copy', mark);
    document.addEventListener('cut', mark);
    return () => {
      document.removeEventListener('copy', mark);
      document.removeEventListener('cut', mark);
    };
  }, []);
  const forgetCopied = useCallback(() => {
    if (copied.current) void platform.clearClipboard().catch(() => undefined);
    copied.current = false;
  }, []);

  const beforeLock = useRef(new Set<() => Promise<void>>());
  const onBeforeLock = useCallback((task: () => Promise<void>) => {
    beforeLock.current.add(task);
    return () => {
      beforeLock.current.delete(task);
    };
  }, []);
  const lock = useCallback(
    async (reason: LockReason) => {
      const tasks = [...beforeLock.current].map((task) => task().catch(() => undefined));
      // A slow disk must not keep the vault open: give the tasks two seconds at most.
      await Promise.race([Promise.all(tasks), new Promise((r) => setTimeout(r, 2000))]);
      setState((s) => {
        if (s.phase !== 'open') return s;
        // Workers holding the key and work reading with it (a backup: its .part is deleted) end with the session.
        s.session.close();
        return { phase: 'locked', reason };
      });
      forgetCopied();
    },
    [forgetCopied],
  );

  const rekey = useCallback(
    async (passphrase: string) => {
      // The passphrase is checked, and the new key recorded, while the session is still open.
      const keys = await vault.startRekey(passphrase, openMember());
      const tasks = [...beforeLock.current].map((task) => task().catch(() => undefined));
      await Promise.race([Promise.all(tasks), new Promise((r) => setTimeout(r, 2000))]);
      let closing: Promise<void> = Promise.resolve();
      setState((s) => {
        if (s.phase === 'open') {
          closing = s.session.store.close();
          s.session.close();
        }
        return s;
      });
      // Commits already queued finish under the old key before the rows are moved; none is taken after.
      await closing.catch(() => undefined);
      await runRekey(keys);
    },
    [vault, runRekey],
  );

  const changePassphrase = useCallback(
    (current: string, next: string, confirmation: string) => {
      const member = openMember();
      if (!member) return Promise.reject(new VaultError('locked'));
      return vault.changePassphrase(member, current, next, confirmation);
    },
    [vault],
  );
  const restore = useCallback(
    async (
      newPassphrase: string,
      confirmation: string,
      fill: (target: RestoreTarget) => Promise<void>,
      label?: string,
    ) => {
      setState({
        phase: 'open',
        session: await openSession(await vault.restore(newPassphrase, confirmation, fill, label), false),
      });
    },
    [vault],
  );
  const join = useCallback(
    async (joining: Joining, grant: GrantBytes, passphrase: string, confirmation: string, label: string) => {
      const storage = await vault.join({
        vaultId: joining.invitation.vault,
        memberId: joining.invitation.member,
        grant,
        keys: joining.keys,
        keyCheck: joining.invitation.keyCheck,
        // Where to sync and the references' prefix are the invitation's, written with the header: the first
        // pull starts as the session opens.
        meta: joining.meta(),
        teamKeys: joining.teamKeys(),
        passphrase,
        confirmation,
        label,
      });
      joining.forget();
      setState({ phase: 'open', session: await openSession(storage, false) });
    },
    [vault],
  );
  const memberArrived = useCallback(async () => {
    const current = stateRef.current;
    if (current.phase !== 'open' || !current.session.storage.awaitingTeam) return true;
    const arrived = await current.session.storage.memberArrived().catch(() => false);
    if (arrived) setState({ phase: 'open', session: current.session });
    return arrived;
  }, []);
  const discardInterruptedRestore = useCallback(async () => {
    await vault.discardInterruptedRestore();
    setState({ phase: 'absent' });
  }, [vault]);
  const retry = useCallback(() => {
    setState({ phase: 'checking' });
    setAttempt((n) => n + 1);
  }, []);

  const slots = useCallback(() => vault.slots(), [vault]);
  const members = useCallback((session: VaultSession) => vault.members(session.storage), [vault]);

  const value = useMemo(
    () => ({
      state,
      slots,
      members,
      create,
      unlock,
      lock,
      onBeforeLock,
      changePassphrase,
      rekey,
      restore,
      join,
      memberArrived,
      retry,
      discardInterruptedRestore,
    }),
    [
      join,
      memberArrived,
      state,
      slots,
      members,
      create,
      unlock,
      lock,
      onBeforeLock,
      changePassphrase,
      rekey,
      restore,
      retry,
      discardInterruptedRestore,
    ],
  );
  return <VaultContext.Provider value={value}>{children}</VaultContext.Provider>;
}

export function useVault(): VaultContextValue {
  const v = useContext(VaultContext);
  if (!v) throw new Error('useVault outside VaultProvider');
  return v;
}

/** The unlocked session; only rendered inside the open vault. */
export function useSession(): VaultSession {
  const { state } = useVault();
  if (state.phase !== 'open') throw new VaultError('locked');
  return state.session;
}
