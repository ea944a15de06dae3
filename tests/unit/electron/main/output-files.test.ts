import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutputFiles } from '../../../../electron/main/services/output-files';
import { BACKUP_FILE_PATTERN } from '@shared/package/file-names';

/** Every file in a folder with its bytes, to show nothing changed. */
const snapshot = (dir: string): Map<string, string> =>
  new Map(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n)).toString('hex')]));

// Real files in a temporary folder; only the dialogs are fakes (they need the Electron binary).
const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'athar-out-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('OutputFiles (main process)', () => {
  it('writes "<name>.part", renames it only when finished, and writes the instructions beside it', async () => {
    const dir = tmp();
    const files = new OutputFiles(
      { chooseSavePath: async (n) => join(dir, n), chooseFolder: async () => null },
      join(dir, 'cfg.json'),
    );
    const o = (await files.begin('pkg.tar.gpg', 'ask', 'How to decrypt'))!;
    await files.write(o.handle, new Uint8Array([1, 2, 3]));
    expect(readdirSync(dir).sort()).toEqual(['pkg.tar.gpg.part']);
    await files.write(o.handle, new Uint8Array([4]));
    expect(await files.finish(o.handle)).toBe(join(dir, 'pkg.tar.gpg'));
    expect(readdirSync(dir).sort()).toEqual(['pkg.tar.gpg', 'pkg.tar.gpg.README.txt']);
    expect([...readFileSync(join(dir, 'pkg.tar.gpg'))]).toEqual([1, 2, 3, 4]);
    expect(readFileSync(join(dir, 'pkg.tar.gpg.README.txt'), 'utf8')).toBe('How to decrypt');
    await expect(files.write(o.handle, new Uint8Array([5]))).rejects.toThrow('unknown handle');
  });

  it('an aborted or cancelled output leaves nothing behind', async () => {
    const dir = tmp();
    let answer: string | null = null;
    const files = new OutputFiles(
      { chooseSavePath: async () => answer, chooseFolder: async () => null },
      join(dir, 'cfg.json'),
    );
    expect(await files.begin('x.tar.gpg', 'ask')).toBeNull();
    answer = join(dir, 'x.tar.gpg');
    const o = (await files.begin('x.tar.gpg', 'ask'))!;
    await files.write(o.handle, new Uint8Array(1000));
    await files.abort(o.handle);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('backups go only to the folder the user chose, named by the main process, never over another file', async () => {
    const dir = tmp();
    const folder = tmp();
    let clock = Date.parse('2026-12-01T09:00:00Z');
    const files = new OutputFiles(
      { chooseSavePath: async () => null, chooseFolder: async () => folder },
      join(dir, 'cfg.json'),
      { now: () => clock },
    );
    await expect(files.begin('athar-backup-1.tar.gpg', 'backup-folder')).rejects.toThrow('no backup folder');
    expect(await files.chooseBackupFolder()).toBe(folder);
    expect(
      await new OutputFiles(
        { chooseSavePath: async () => null, chooseFolder: async () => null },
        join(dir, 'cfg.json'),
      ).backupFolder(),
    ).toBe(folder);
    writeFileSync(join(folder, '.bashrc'), 'export PATH');
    writeFileSync(join(folder, 'existing.tar.gpg'), 'someone else');
    const before = snapshot(folder);
    // Whatever name the page sends, the backup gets Athar's own.
    for (const asked of ['..', '.bashrc', 'existing.tar.gpg', '../escape.tar.gpg']) {
      const o = (await files.begin(asked, 'backup-folder'))!;
      expect(o.path.startsWith(folder)).toBe(true);
      expect(basename(o.path)).toMatch(BACKUP_FILE_PATTERN);
      await files.write(o.handle, new Uint8Array([7]));
      await files.finish(o.handle);
      clock += 60_000;
    }
    const after = snapshot(folder);
    for (const [name, bytes] of before) expect(after.get(name), name).toBe(bytes);
    expect([...after.keys()].filter((n) => BACKUP_FILE_PATTERN.test(n))).toHaveLength(4);
    expect(readdirSync(dir)).toEqual(['cfg.json']);
    await expect(files.begin('x', 'backup-folder', 'a readme')).rejects.toThrow('no companion');
  });

  it("never replaces a file that took the backup's name meanwhile", async () => {
    const dir = tmp();
    const folder = tmp();
    const files = new OutputFiles(
      { chooseSavePath: async () => null, chooseFolder: async () => folder },
      join(dir, 'c.json'),
    );
    await files.chooseBackupFolder();
    const o = (await files.begin('b', 'backup-folder'))!;
    await files.write(o.handle, new Uint8Array([1, 2]));
    writeFileSync(o.path, 'arrived first');
    await expect(files.finish(o.handle)).rejects.toThrow();
    expect(readFileSync(o.path, 'utf8')).toBe('arrived first');
    expect(readdirSync(folder)).toEqual([basename(o.path)]);
  });

  it('rotates only the backups it wrote, never below three, and a keep of 1 is refused at the bridge', async () => {
    const dir = tmp();
    const folder = tmp();
    let clock = Date.parse('2026-12-01T09:00:00Z');
    const files = new OutputFiles(
      { chooseSavePath: async () => null, chooseFolder: async () => folder },
      join(dir, 'cfg.json'),
      { now: () => clock },
    );
    await files.chooseBackupFolder();
    // Named like a backup, but not written by this process: never deleted.
    const planted = 'athar-backup-20200101-0000-00000000.tar.gpg';
    writeFileSync(join(folder, planted), 'not ours');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const o = (await files.begin('b', 'backup-folder'))!;
      await files.finish(o.handle);
      made.push(basename(o.path));
      clock += 24 * 3600_000;
    }
    expect(await files.rotate(1)).toEqual([made[1], made[0]]);
    expect(readdirSync(folder).sort()).toEqual([planted, ...made.slice(2)].sort());
    expect(await files.rotate(0)).toEqual([]);

    const { handle } = await import('../../../../electron/main/ipc/handle');
    const registered = new Map<string, (e: unknown, input: unknown) => Promise<unknown>>();
    const ipc = {
      handle: (ch: string, fn: (e: unknown, input: unknown) => Promise<unknown>) => registered.set(ch, fn),
    };
    handle(ipc as never, 'backup:rotate', async ({ keep }) => ({ deleted: await files.rotate(keep) }));
    const app = { senderFrame: { url: 'app://athar/index.html' } };
    expect(await registered.get('backup:rotate')!(app, { keep: 1 })).toEqual({ ok: false, error: 'invalid-input' });
    expect(readdirSync(folder)).toHaveLength(4);
  });

  it('caps what one handle may write, and forgets a handle left idle', async () => {
    const dir = tmp();
    let clock = 0;
    const files = new OutputFiles(
      { chooseSavePath: async (n) => join(dir, n), chooseFolder: async () => null },
      join(dir, 'cfg.json'),
      { now: () => clock, maxBytes: 8, idleMs: 1000 },
    );
    const big = (await files.begin('big.tar.gpg', 'ask'))!;
    await files.write(big.handle, new Uint8Array(8));
    await expect(files.write(big.handle, new Uint8Array(1))).rejects.toThrow('too large');
    expect(readdirSync(dir)).toEqual([]);
    const idle = (await files.begin('idle.tar.gpg', 'ask'))!;
    clock += 1001;
    await expect(files.write(idle.handle, new Uint8Array(1))).rejects.toThrow('unknown handle');
    expect(readdirSync(dir)).toEqual([]);
  });
});
