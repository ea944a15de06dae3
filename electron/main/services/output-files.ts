import { BACKUP_FILE_PATTERN } from '@shared/package/file-names';
import { open, rename, rm, writeFile, readdir, stat, readFile, mkdir, type FileHandle } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

/**
 * Files the renderer produces as streams (evidence packages, backups),
 * written by the main process. Each is written as "<name>.part" and renamed
 * only once complete and flushed to disk, so an interrupted export never
 * leaves something that looks like a finished package. Paths come from the
 * user's dialogs or the remembered backup folder, never from the renderer.
 */
export interface OutputDialogs {
  chooseSavePath(suggestedName: string): Promise<string | null>;
  chooseFolder(): Promise<string | null>;
}

export class OutputFiles {
  private readonly open = new Map<string, { file: FileHandle; part: string; final: string; companion?: string }>();

  constructor(
    private readonly dialogs: OutputDialogs,
    private readonly configPath: string,
  ) {}

  async backupFolder(): Promise<string | null> {
    try {
      const v = JSON.parse(await readFile(this.configPath, 'utf8')) as { backupFolder?: unknown };
      return typeof v.backupFolder === 'string' ? v.backupFolder : null;
    } catch {
      return null;
    }
  }

  async chooseBackupFolder(): Promise<string | null> {
    const folder = await this.dialogs.chooseFolder();
    if (!folder) return null;
    await mkdir(path.dirname(this.configPath), { recursive: true });
    await writeFile(this.configPath, JSON.stringify({ backupFolder: folder }));
    return folder;
  }

  async begin(
    suggestedName: string,
    where: 'ask' | 'backup-folder',
    companionText?: string,
  ): Promise<{ handle: string; path: string } | null> {
    let final: string | null;
    if (where === 'backup-folder') {
      const folder = await this.backupFolder();
      if (!folder) throw new Error('no backup folder');
      if (path.basename(suggestedName) !== suggestedName) throw new Error('bad name');
      final = path.join(folder, suggestedName);
    } else {
      final = await this.dialogs.chooseSavePath(suggestedName);
    }
    if (!final) return null;
    const part = `${final}.part`;
    // 'w' truncates a part left by an earlier interrupted run; the finished file is never opened for writing.
    const file = await open(part, 'w', 0o600);
    const handle = randomUUID();
    this.open.set(handle, { file, part, final, ...(companionText === undefined ? {} : { companion: companionText }) });
    return { handle, path: final };
  }

  async write(handle: string, bytes: Uint8Array): Promise<void> {
    const o = this.get(handle);
    let off = 0;
    while (off < bytes.length) off += (await o.file.write(bytes, off, bytes.length - off)).bytesWritten;
  }

  async finish(handle: string): Promise<string> {
    const o = this.get(handle);
    this.open.delete(handle);
    try {
      await o.file.sync();
      await o.file.close();
      await rename(o.part, o.final);
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

  /** Keeps the newest `keep` backups in the backup folder (by name, which starts with the date, then by time). */
  async rotate(keep: number): Promise<string[]> {
    const folder = await this.backupFolder();
    if (!folder) return [];
    const names = (await readdir(folder)).filter((n) => BACKUP_FILE_PATTERN.test(n));
    const withTime = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(folder, n))).mtimeMs })));
    withTime.sort((a, b) => (a.n < b.n ? 1 : a.n > b.n ? -1 : b.t - a.t));
    const old = withTime.slice(keep).map((x) => x.n);
    for (const n of old) {
      await rm(path.join(folder, n), { force: true });
      await rm(path.join(folder, `${n}.README.txt`), { force: true });
    }
    return old;
  }

  private get(handle: string): { file: FileHandle; part: string; final: string; companion?: string } {
    const o = this.open.get(handle);
    if (!o) throw new Error('unknown handle');
    return o;
  }
}
