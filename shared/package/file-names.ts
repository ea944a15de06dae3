/** A package's or backup's name, from its kind and the minute it was made (UTC), e.g. athar-export-20261201-2314. */
export function packageFileName(kind: 'export' | 'backup', now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `athar-${kind}-${stamp}`;
}

/**
 * The name a backup gets in the backup folder, given by whoever owns the folder (the main process, or the
 * browser's private storage) and never by the page: the minute it was made and a random suffix, so no name
 * the page sends can reach another file, and two backups in one minute never meet.
 */
export function backupFileName(now: Date, randomHex8: string): string {
  if (!/^[0-9a-f]{8}$/.test(randomHex8)) throw new Error('bad suffix');
  return `${packageFileName('backup', now)}-${randomHex8}.tar.gpg`;
}

/** Athar's own backups, by their name: rotation counts and deletes nothing else. */
export const BACKUP_FILE_PATTERN = /^athar-backup-\d{8}-\d{4}-[0-9a-f]{8}\.tar\.gpg$/;

/** Rotation never keeps fewer than this many backups, whatever it is asked. */
export const MIN_BACKUPS_KEPT = 3;
