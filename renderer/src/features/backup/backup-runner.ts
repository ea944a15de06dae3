import { isCancelled } from '@shared/cancelled';
import { backupDue, type BackupSchedule } from '@shared/package/backup-format';
import { isDiskFull } from '../../db/vault-errors';
import { platform } from '../../platform/platform';
import type { VaultSession } from '../../session/vault-session';
import { MIN_BACKUPS_KEPT, packageFileName } from '@shared/package/file-names';
import { produceBackup, type ProducedBackup } from './backup';

/**
 * Backups on demand and on a schedule. The settings (including the recovery
 * phrase, so scheduled backups run unattended while the vault is open)
 * are sealed in the vault with its key; nothing of them is readable while
 * it is locked. One backup runs at a time; screens follow its progress.
 */
export interface BackupSettings {
  /** The generated recovery phrase, canonical; '' until one is made. Settings from before it held a `passphrase`, now unused. */
  recoveryPhrase: string;
  phraseMadeAt: string | null;
  /** Whether backups carry the secret of the organisation's key. */
  includeKeySecret: boolean;
  schedule: BackupSchedule;
  keep: number;
  lastAt: string | null;
  lastPath: string | null;
  lastError: 'disk-full' | 'failed' | null;
  /** When a scheduled backup last failed: it is tried again an hour later, not on every check. */
  lastFailedAt: string | null;
}

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = {
  recoveryPhrase: '',
  phraseMadeAt: null,
  includeKeySecret: false,
  schedule: 'off',
  keep: 7,
  lastAt: null,
  lastPath: null,
  lastError: null,
  lastFailedAt: null,
};

export async function loadBackupSettings(session: VaultSession): Promise<BackupSettings> {
  const { passphrase: _older, ...stored } =
    (await session.meta.load<Partial<BackupSettings> & { passphrase?: string }>('backup-settings')) ?? {};
  return { ...DEFAULT_BACKUP_SETTINGS, ...stored };
}

/** Whether this vault was set up with a backup passphrase before recovery phrases replaced it. */
export async function hadBackupPassphrase(session: VaultSession): Promise<boolean> {
  const stored = await session.meta.load<{ passphrase?: string }>('backup-settings');
  return Boolean(stored?.passphrase);
}

export async function saveBackupSettings(session: VaultSession, s: BackupSettings): Promise<void> {
  await session.meta.save('backup-settings', s);
}

export type RunState = { running: false } | { running: true; scheduled: boolean; done: number; total: number };

export interface RunResult {
  path: string;
  backup: ProducedBackup;
  rotated: string[];
}

class BackupRunner {
  private state: RunState = { running: false };
  private readonly listeners = new Set<() => void>();
  private abort: AbortController | null = null;

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };
  snapshot = (): RunState => this.state;
  cancel(): void {
    this.abort?.abort();
  }

  /** One backup: to the backup folder (rotated afterwards) or to a place the user chooses. Null if the user cancelled the dialog. */
  async run(session: VaultSession, where: 'ask' | 'backup-folder', scheduled = false): Promise<RunResult | null> {
    if (this.state.running) throw new Error('busy');
    const settings = await loadBackupSettings(session);
    if (!settings.recoveryPhrase) throw new BackupNotReady('no-phrase');
    if (where === 'backup-folder' && !(await platform.backupFolder())) throw new BackupNotReady('no-folder');
    const ac = new AbortController();
    this.abort = ac;
    // A backup reads with the session's key: locking stops it, and its .part is deleted.
    const stopOnClose = session.onClose(() => ac.abort());
    this.set({ running: true, scheduled, done: 0, total: 1 });
    const now = new Date();
    const bagName = packageFileName('backup', now);
    let path = '';
    const logBackup = (stage: 'started' | 'failed' | 'cancelled'): Promise<void> =>
      session.store.logEvent({
        action: 'export',
        table: 'vault',
        recordId: 'backup',
        caseId: null,
        fields: [stage, `backup:${bagName}`],
      });
    try {
      // Before the first byte, so that a backup cut short by a crash is on record too.
      await logBackup('started');
      const signingKey = (await session.keys.all()).find((k) => k.armoredPrivate) ?? null;
      const backup = await produceBackup(session.storage, {
        recoveryPhrase: settings.recoveryPhrase,
        signingKey,
        includeKeySecret: settings.includeKeySecret,
        bagName,
        now,
        signal: ac.signal,
        openSink: async () => {
          const s = await platform.openOutput(`${bagName}.tar.gpg`, { where });
          path = s?.path ?? '';
          return s;
        },
        onProgress: (done, total) => this.set({ running: true, scheduled, done, total }),
      });
      if (!backup) {
        await logBackup('cancelled');
        return null;
      }
      const rotated =
        where === 'backup-folder' ? await platform.rotateBackups(Math.max(MIN_BACKUPS_KEPT, settings.keep)) : [];
      await saveBackupSettings(session, {
        ...(await loadBackupSettings(session)),
        lastAt: now.toISOString(),
        lastPath: path,
        lastError: null,
        lastFailedAt: null,
      });
      await session.store.logEvent({
        action: 'export',
        table: 'vault',
        recordId: 'backup',
        caseId: null,
        fields: [`backup:${bagName}`, `files:${backup.written.files.length}`],
      });
      return { path, backup, rotated };
    } catch (e) {
      await logBackup(isCancelled(e) ? 'cancelled' : 'failed').catch(() => undefined);
      if (!isCancelled(e)) {
        const code = isDiskFull(e) ? 'disk-full' : 'failed';
        await saveBackupSettings(session, {
          ...(await loadBackupSettings(session)),
          lastError: code,
          lastFailedAt: new Date().toISOString(),
        }).catch(() => undefined);
      }
      throw e;
    } finally {
      stopOnClose();
      this.abort = null;
      this.set({ running: false });
    }
  }

  /** Runs a scheduled backup if one is due; errors are recorded in the settings, for the Settings screen to show. */
  async runIfDue(session: VaultSession, now = new Date()): Promise<boolean> {
    if (this.state.running) return false;
    const s = await loadBackupSettings(session);
    if (!s.recoveryPhrase || !backupDue(s.schedule, s.lastAt, now) || !(await platform.backupFolder())) return false;
    if (s.lastFailedAt && now.getTime() - new Date(s.lastFailedAt).getTime() < 3600_000) return false;
    await this.run(session, 'backup-folder', true).catch(() => undefined);
    return true;
  }

  private set(s: RunState): void {
    this.state = s;
    for (const l of this.listeners) l();
  }
}

export class BackupNotReady extends Error {
  constructor(readonly code: 'no-phrase' | 'no-folder') {
    super(code);
    this.name = 'BackupNotReady';
  }
}

export const backupRunner = new BackupRunner();
