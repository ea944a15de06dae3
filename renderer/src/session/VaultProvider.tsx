import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { VaultError, type VaultErrorCode } from '../db/vault-errors';
import { createVault, openSession, reopenVaultDb, vaultDb, type VaultSession } from './vault-session';
import type { LockRequestReason } from '../platform/platform';
import { restoreBackup, type BackupReview } from '../features/backup/restore-backup';
import { backupRunner } from '../features/backup/backup-runner';

export type LockReason = LockRequestReason | 'idle' | 'button';

export type VaultState =
  | { phase: 'checking' }
  | { phase: 'absent' }
  | { phase: 'locked'; reason: LockReason | null }
  | { phase: 'open'; session: VaultSession }
  | { phase: 'storage-error'; code: VaultErrorCode };

interface VaultContextValue {
  state: VaultState;
  create(passphrase: string, confirmation: string, actor?: string): Promise<void>;
  unlock(passphrase: string): Promise<void>;
  lock(reason: LockReason): Promise<void>;
  /** Work to finish before the key is dropped (sealing an unsaved form); returns an unregister function. */
  onBeforeLock(task: () => Promise<void>): () => void;
  changePassphrase(current: string, next: string, confirmation: string): Promise<void>;
  /** Fills a new vault from a checked backup and opens it; on failure nothing is left behind. */
  restore(
    source: Blob,
    review: BackupReview,
    o: {
      passphrase: string;
      newPassphrase: string;
      confirmation: string;
      onProgress?: (done: number, total: number) => void;
      signal?: AbortSignal;
    },
  ): Promise<void>;
  retry(): void;
}

const VaultContext = createContext<VaultContextValue | null>(null);

export function VaultProvider({ children }: { children: ReactNode }): ReactNode {
  const [state, setState] = useState<VaultState>({ phase: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const db = useMemo(() => (attempt === 0 ? vaultDb() : reopenVaultDb()), [attempt]);
  const vault = useMemo(() => createVault(db), [db]);

  useEffect(() => {
    let cancelled = false;
    vault.exists().then(
      (exists) => {
        if (!cancelled) setState(exists ? { phase: 'locked', reason: null } : { phase: 'absent' });
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
    async (passphrase: string, confirmation: string, actor = '') => {
      const opened = await vault.create(passphrase, confirmation);
      const session = await openSession(db, opened.vaultId, opened.key, true);
      if (actor.trim()) await session.setActor(actor);
      setState({ phase: 'open', session });
    },
    [db, vault],
  );

  const unlock = useCallback(
    async (passphrase: string) => {
      const opened = await vault.unlock(passphrase);
      setState({ phase: 'open', session: await openSession(db, opened.vaultId, opened.key, false) });
    },
    [db, vault],
  );

  const beforeLock = useRef(new Set<() => Promise<void>>());
  const onBeforeLock = useCallback((task: () => Promise<void>) => {
    beforeLock.current.add(task);
    return () => {
      beforeLock.current.delete(task);
    };
  }, []);
  const lock = useCallback(async (reason: LockReason) => {
    const tasks = [...beforeLock.current].map((task) => task().catch(() => undefined));
    // A slow disk must not keep the vault open: give the tasks two seconds at most.
    await Promise.race([Promise.all(tasks), new Promise((r) => setTimeout(r, 2000))]);
    setState((s) => {
      if (s.phase !== 'open') return s;
      // The evidence and search workers hold the key too: end them with the session.
      s.session.files.dispose();
      // A backup in progress reads with the key: it stops with the session, leaving nothing (its .part is deleted).
      backupRunner.cancel();
      s.session.search.dispose();
      return { phase: 'locked', reason };
    });
  }, []);

  const changePassphrase = useCallback(
    (current: string, next: string, confirmation: string) => vault.changePassphrase(current, next, confirmation),
    [vault],
  );
  const restore = useCallback(
    async (source: Blob, review: BackupReview, o: Parameters<VaultContextValue['restore']>[2]) => {
      const opened = await restoreBackup(db, source, review, o);
      setState({ phase: 'open', session: await openSession(db, opened.vaultId, opened.key, false) });
    },
    [db],
  );
  const retry = useCallback(() => {
    setState({ phase: 'checking' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(
    () => ({ state, create, unlock, lock, onBeforeLock, changePassphrase, restore, retry }),
    [state, create, unlock, lock, onBeforeLock, changePassphrase, restore, retry],
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
