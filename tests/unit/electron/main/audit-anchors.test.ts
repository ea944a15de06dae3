import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contract } from '@shared/ipc/contract';
import { AuditAnchors, MAX_VAULTS } from '../../../../electron/main/services/audit-anchors';

const work = mkdtempSync(join(tmpdir(), 'athar-anchors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const id = (n: number) => `0b6f1d2e-8a47-4c1e-9e53-${String(n).padStart(12, '0')}`;

describe('audit anchors in the main process', () => {
  it('keeps each vault’s sealed anchor in its own file, outside the profile, readable only by the user', async () => {
    const file = join(work, 'a', 'audit-anchors.json');
    const anchors = new AuditAnchors(file);
    expect(await anchors.load(id(1))).toBeNull();
    await Promise.all([anchors.save(id(1), 4, 'QUJD.REVG'), anchors.save(id(2), 9, 'R0hJ.SktM')]);
    await anchors.save(id(1), 5, 'TU5P.UFFS');
    expect(await new AuditAnchors(file).load(id(1))).toBe('TU5P.UFFS');
    expect(await anchors.load(id(2))).toBe('R0hJ.SktM');
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('keeps the most recent vaults only, so a renderer cannot grow the file without end', async () => {
    const file = join(work, 'many.json');
    const anchors = new AuditAnchors(file);
    for (let n = 0; n < MAX_VAULTS + 5; n++) await anchors.save(id(n), n, 'QUJD.REVG', new Date(1_800_000_000_000 + n));
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object)).toHaveLength(MAX_VAULTS);
    expect(await anchors.load(id(0))).toBeNull();
    expect(await anchors.load(id(MAX_VAULTS + 4))).toBe('QUJD.REVG');
  });

  it('refuses at the bridge what is not a vault id, a sequence number or a sealed anchor', () => {
    const save = contract['anchor:save'].input;
    expect(save.safeParse({ vaultId: id(1), seq: 3, sealed: 'QUJD.REVG' }).success).toBe(true);
    for (const bad of [
      { vaultId: '../../etc', seq: 3, sealed: 'QUJD.REVG' },
      { vaultId: id(1), seq: -1, sealed: 'QUJD.REVG' },
      { vaultId: id(1), seq: 1.5, sealed: 'QUJD.REVG' },
      { vaultId: id(1), seq: 3, sealed: '{"json":true}' },
      { vaultId: id(1), seq: 3, sealed: `${'A'.repeat(2000)}.AAAA` },
    ])
      expect(save.safeParse(bad).success, JSON.stringify(bad).slice(0, 60)).toBe(false);
  });
});
