/** A package's or backup's name, from its kind and the minute it was made (UTC), e.g. athar-export-20261201-2314. */
export function packageFileName(kind: 'export' | 'backup', now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `athar-${kind}-${stamp}`;
}

/** The files in a backup folder that rotation may count and delete: Athar's backups, by their name. */
export const BACKUP_FILE_PATTERN = /^athar-backup-.+\.tar\.gpg$/;
