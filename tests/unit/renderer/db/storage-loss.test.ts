import { describe, expect, it } from 'vitest';
import { AtharDb } from '../../../../renderer/src/db/schema';
import { probeStorage } from '../../../../renderer/src/db/storage-loss';

// The engine's own report of a deleted database is proven in real Chromium (tests/e2e/crash.spec.ts); here,
// that asking leaves no trace and does not disturb a vault that is there.
describe('asking the engine about the vault database', () => {
  it('creates nothing where there is no database', async () => {
    const name = `probe-${Math.random()}`;
    expect(await probeStorage(name)).toEqual({ exists: false, dataLoss: 'none', message: '' });
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
  });

  it('finds an existing vault database and leaves it as it was', async () => {
    const db = new AtharDb(`probe-${Math.random()}`);
    await db.meta.put({ id: 'vault', value: 'header' });
    db.close();
    expect(await probeStorage(db.name)).toEqual({ exists: true, dataLoss: 'none', message: '' });
    await db.open();
    expect(await db.meta.get('vault')).toEqual({ id: 'vault', value: 'header' });
    await db.delete();
  });
});
