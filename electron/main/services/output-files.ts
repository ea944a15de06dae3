import { BACKUP_FILE_PATTERN, backupFileName, MIN_BACKUPS_KEPT } from '@shared/package/file-names';
import { open, rename, rm, writeFile, readdir, stat, readFile, mkdir, link, type FileHandle } from 'node:fs/promises';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';

/**
 * Files the renderer produces as streams (evidence packages, backups),
 * written by the main process. Each is written as "<name>.part" and renamed
 * only once complete and flushed to disk, so an interrupted export never
 * leaves something that looks like a finished package. Paths come from the
 * user's dialogs or the remembered backup folder, never from the renderer.
 *
 * The backup folder is treated as if the renderer were hostile (one bad PDF
 * could make it so): the main process names each backup itself, opens it
 * exclusively and never replaces a file, rotates only the backups it wrote
 * and never below MIN_BACKUPS_KEPT, caps the bytes a handle may write, and
 * forgets handles left idle.
 */
export interface OutputDialogs {
  chooseSavePath(suggestedName: string): Promise<string | null>;
  chooseFolder(): Promise<string | null>;
}

/** The most one handle may write: more than any vault's backup, less than filling a disk by mistake. */
export const MAX_BYTES_PER_HANDLE = 256 * 1024 ** 3;
/** A handle not written to for this long is aborted: its part file removed, its name forgotten. */
export const HANDLE_IDLE_MS = 10 * 60_000;

interface OpenFile {
  file: FileHandle;
  part: string;
  final: string;
  companion?: string;
  inBackupFolder: boolean;
  bytes: number;
  lastUsed: number;
}

interface Config {
  backupFolder?: string;
  /** The backups this process wrote into the folder, by name: the only files rotation may delete. */
  written?: string[];
}

export class OutputFiles {
  private readonly open = new Map<string, OpenFile>();

  private readonly now: () => number;
  private readonly maxBytes: number;
  private readonly idleMs: number;

  constructor(
    private readonly dialogs: OutputDialogs,
    private readonly configPath: string,
    limits: { now?: () => number; maxBytes?: number; idleMs?: number } = {},
  ) {
    this.now = limits.now ?? Date.now;
    this.maxBytes = limits.maxBytes ?? MAX_BYTES_PER_HANDLE;
    this.idleMs = limits.idleMs ?? HANDLE_IDLE_MS;
  }

  private async config(): Promise<Config> {
    try {
      const v = JSON.parse(await readFile(this.configPath, 'utf8')) as Record<string, unknown>;
      return {
        ...(typeof v['backupFolder'] === 'string' ? { backupFolder: v['backupFolder'] } : {}),
        written: Array.isArray(v['written']) ? v['written'].filter((n): n is string => typeof n === 'string') : [],
      };
    } catch {
      return {};
    }
  }

  private async saveConfig(c: Config): Promise<void> {
    await mkdir(path.dirname(this.configPath), { recursive: true });
    await writeFile(this.configPath, JSON.stringify(c));
  }

  async backupFolder(): Promise<string | null> {
    return (await this.config()).backupFolder ?? null;
  }

  async chooseBackupFolder(): Promise<string | null> {
    const folder = await this.dialogs.chooseFolder();
    if (!folder) return null;
    const c = await this.config();
    // A new folder starts a new record of what was written there.
    await this.saveConfig({ backupFolder: folder, written: c.backupFolder === folder ? (c.written ?? []) : [] });
    return folder;
  }

  async begin(
    suggestedName: string,
    where: 'ask' | 'backup-folder',
    companionText?: string,
  ): Promise<{ handle: string; path: string } | null> {
    await this.expireIdle();
    let final: string | null;
    const inBackupFolder = where === 'backup-folder';
    if (inBackupFolder) {
      const folder = await this.backupFolder();
      if (!folder) throw new Error('no backup folder');
      // The page's name is not used here: the main process names the backup, and writes nothing beside it.
      if (companionText !== undefined) throw new Error('no companion file in the backup folder');
      final = path.join(folder, backupFileName(new Date(this.now()), randomBytes(4).toString('hex')));
    } else {
      final = await this.dialogs.chooseSavePath(suggestedName);
    }
    if (!final) return null;
    const part = `${final}.part`;
    // In the backup folder a part is created, never opened if it exists; elsewhere 'w' truncates a part left by an
    // interrupted run at the path the user chose. The finished file is never opened for writing.
    const file = await open(part, inBackupFolder ? 'wx' : 'w', 0o600);
    const handle = randomUUID();
    this.open.set(handle, {
      file,
      part,
      final,
      inBackupFolder,
      bytes: 0,
      lastUsed: this.now(),
      ...(companionText === undefined ? {} : { companion: companionText }),
    });
    return { handle, path: final };
  }

  async write(handle: string, bytes: Uint8Array): Promise<void> {
    await this.expireIdle();
    const o = this.get(handle);
    if (o.bytes + bytes.length > this.maxBytes) {
      await this.abort(handle);
      throw new Error('too large');
    }
    o.bytes += bytes.length;
    o.lastUsed = this.now();
    let off = 0;
    while (off < bytes.length) off += (await o.file.write(bytes, off, bytes.length - off)).bytesWritten;
  }

  async finish(handle: string): Promise<string> {
    await this.expireIdle();
    const o = this.get(handle);
    this.open.delete(handle);
    try {
      await o.file.sync();
      await o.file.close();
      if (o.inBackupFolder) {
        await placeWithoutReplacing(o.part, o.final);
        const c = await this.config();
        await this.saveConfig({ ...c, written: [...(c.written ?? []), path.basename(o.final)] });
      } else await rename(o.part, o.final);
    } catch (e) {
      await o.file.close().catch(() => undefined);
      await rm(o.part, { force: true });
      throw e;
    }
    if (o.companion !== undefined) await writeFile(`${o.final}.README.txt`, o.companion);
    return o.final;
  }

  async abort(handle: string): Promise<void> {
    const o = this.open.get(handle);
    if (!o) return;
    this.open.delete(handle);
    await o.file.close().catch(() => undefined);
    await rm(o.part, { force: true });
  }

  /**
   * Keeps the newest `keep` backups (never fewer than MIN_BACKUPS_KEPT) among those this process wrote into the
   * folder; any other file, whatever its name, is left alone.
   */
  async rotate(keep: number): Promise<string[]> {
    const c = await this.config();
    const folder = c.backupFolder;
    if (!folder) return [];
    const floor = Math.max(MIN_BACKUPS_KEPT, Math.floor(keep));
    const ours = new Set(c.written ?? []);
    const present = (await readdir(folder)).filter((n) => BACKUP_FILE_PATTERN.test(n) && ours.has(n));
    const withTime = await Promise.all(
      present.map(async (n) => ({ n, t: (await stat(path.join(folder, n))).mtimeMs })),
    );
    withTime.sort((a, b) => (a.n < b.n ? 1 : a.n > b.n ? -1 : b.t - a.t));
    const old = withTime.slice(floor).map((x) => x.n);
    for (const n of old) await rm(path.join(folder, n), { force: true });
    const gone = new Set(old);
    const stillThere = new Set(present);
    await this.saveConfig({ ...c, written: (c.written ?? []).filter((n) => stillThere.has(n) && !gone.has(n)) });
    return old;
  }

  /** Handles left idle (a renderer that began and never finished) are aborted, their parts removed. */
  private async expireIdle(): Promise<void> {
    const now = this.now();
    for (const [h, o] of [...this.open]) if (now - o.lastUsed > this.idleMs) await this.abort(h);
  }

  private get(handle: string): OpenFile {
    const o = this.open.get(handle);
    if (!o) throw new Error('unknown handle');
    return o;
  }
}

/**
 * Moves a finished part to its name only if nothing has that name: a hard link fails if the name is taken.
 * Where the folder's file system has no hard links (FAT on a USB drive), the name is checked, then renamed.
 */
async function placeWithoutReplacing(part: string, final: string): Promise<void> {
  let linked = false;
  try {
    await link(part, final);
    linked = true;
    await rm(part, { force: true });
    return;
  } catch (e) {
    // Linked but the part could not be removed (an antivirus holding it): the backup is in place all the same.
    if (linked) return;
    const code = (e as NodeJS.ErrnoException).code;
    // Windows reports a FAT or exFAT drive's missing hard links as EISDIR.
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS', 'EISDIR'].includes(code ?? '')) throw e;
  }
  if (
    await stat(final).then(
      () => true,
      () => false,
    )
  )
    throw Object.assign(new Error('file exists'), { code: 'EEXIST' });
  await rename(part, final);
}
