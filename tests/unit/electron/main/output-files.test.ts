import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutputFiles } from '../../../../electron/main/services/output-files';

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

  it('backups go only to the folder the user chose, and rotation keeps the newest', async () => {
    const dir = tmp();
    const folder = tmp();
    const files = new OutputFiles(
      { chooseSavePath: async () => null, chooseFolder: async () => folder },
      join(dir, 'cfg.json'),
    );
    await expect(files.begin('athar-backup-1.tar.gpg', 'backup-folder')).rejects.toThrow('no backup folder');
    expect(await files.chooseBackupFolder()).toBe(folder);
    expect(
      await new OutputFiles(
        { chooseSavePath: async () => null, chooseFolder: async () => null },
        join(dir, 'cfg.json'),
      ).backupFolder(),
    ).toBe(folder);
    await expect(files.begin('../escape.tar.gpg', 'backup-folder')).rejects.toThrow('bad name');
    for (const d of ['2026-11-20', '2026-11-21', '2026-11-22']) {
      const o = (await files.begin(`athar-backup-${d}T0900.tar.gpg`, 'backup-folder', 'readme'))!;
      await files.finish(o.handle);
    }
    writeFileSync(join(folder, 'unrelated.txt'), 'keep me');
    expect(await files.rotate(2)).toEqual(['athar-backup-2026-11-20T0900.tar.gpg']);
    expect(readdirSync(folder).sort()).toEqual([
      'athar-backup-2026-11-21T0900.tar.gpg',
      'athar-backup-2026-11-21T0900.tar.gpg.README.txt',
      'athar-backup-2026-11-22T0900.tar.gpg',
      'athar-backup-2026-11-22T0900.tar.gpg.README.txt',
      'unrelated.txt',
    ]);
  });
});
