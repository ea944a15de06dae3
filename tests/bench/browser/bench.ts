import { AtharDb, DB_NAME } from '../../../renderer/src/db/schema';
import { Vault } from '../../../renderer/src/db/vault';
import { RecordStore } from '../../../renderer/src/db/record-store';
import { CaseRepository } from '../../../renderer/src/db/case-repository';
import { filterCases, NO_FILTERS, sortCases } from '../../../renderer/src/features/cases/case-list-model';
import { prng, syntheticCase } from '../synthetic';

/**
 * Runs in Chromium on the app's own origin, so the vault it seeds is the one
 * the real app opens afterwards. Every figure is real work on real data; each
 * has a baseline measured here in the same run.
 */
const ms = (t0: number): number => Math.round((performance.now() - t0) * 10) / 10;

async function rawWriteBaseline(rows: Array<{ id: string; enc: unknown }>, tableCount: number): Promise<number> {
  // The same rows (same sizes) written to plain IndexedDB in one transaction per batch, without validation, crypto or audit.
  const name = `bench-raw-${Date.now()}`;
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const r = indexedDB.open(name, 1);
    r.onupgradeneeded = () => { for (let i = 0; i < tableCount; i++) r.result.createObjectStore(`t${i}`, { keyPath: 'id' }); };
    r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error);
  });
  const t0 = performance.now();
  const batch = 10_000;
  for (let b = 0; b < rows.length; b += batch) {
    await new Promise<void>((res, rej) => {
      const tx = db.transaction(Array.from({ length: tableCount }, (_, i) => `t${i}`), 'readwrite');
      rows.slice(b, b + batch).forEach((row, i) => tx.objectStore(`t${i % tableCount}`).put(row));
      tx.oncomplete = () => res(); tx.onerror = () => rej(tx.error);
    });
  }
  const took = ms(t0);
  db.close();
  await new Promise((res) => { const r = indexedDB.deleteDatabase(name); r.onsuccess = r.onerror = () => res(null); });
  return took;
}

async function run(n: number, passphrase: string): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = { cases: n };
  await new Promise((res) => { const r = indexedDB.deleteDatabase(DB_NAME); r.onsuccess = r.onerror = () => res(null); });
  const db = new AtharDb();
  const vault = new Vault({ db });

  let t0 = performance.now();
  const created = await vault.create(passphrase, passphrase);
  out.vaultCreateMs = ms(t0);

  const store = await RecordStore.open(db, created.key, 'bench');
  const repo = new CaseRepository(db, store, () => 'bench');
  await repo.seedGazetteer();
  const rand = prng(42);
  const at = new Date().toISOString();
  t0 = performance.now();
  const batch = 2000;
  for (let i = 0; i < n; i += batch) {
    await repo.createMany(Array.from({ length: Math.min(batch, n - i) }, () => syntheticCase(rand, at)));
  }
  out.seedMs = ms(t0);

  // Baseline: the very rows the seed wrote (5 per case), re-written raw.
  const stored: Array<{ id: string; enc: unknown }> = [];
  for (const t of ['cases', 'persons', 'caseIndex'] as const) stored.push(...(await db.table(t).toArray()));
  for (const a of await db.audit.toArray()) stored.push({ id: String(a.seq), enc: a.enc });
  out.seedBaselineRawIdbMs = await rawWriteBaseline(stored, 4);
  out.seedRatio = Math.round((Number(out.seedMs) / Number(out.seedBaselineRawIdbMs)) * 100) / 100;

  t0 = performance.now();
  const unlocked = await vault.unlock(passphrase);
  out.unlockArgon2idMs = ms(t0);

  const store2 = await RecordStore.open(db, unlocked.key, 'bench');
  const repo2 = new CaseRepository(db, store2, () => 'bench');
  t0 = performance.now();
  const summaries = await repo2.summaries();
  out.caseListDecryptMs = ms(t0);
  // Baseline: only reading one row per case, as a list built from the case records would have to, without decrypting.
  t0 = performance.now();
  const raw = await db.cases.toArray();
  out.caseListBaselineRawGetAllMs = ms(t0);
  out.caseIndexPages = await db.caseIndex.count();
  out.caseListRatio = Math.round((Number(out.caseListDecryptMs) / Number(out.caseListBaselineRawGetAllMs)) * 100) / 100;
  if (raw.length !== n || summaries.length !== n) throw new Error(`expected ${n} cases, got ${summaries.length}`);

  t0 = performance.now();
  const filtered = sortCases(filterCases(summaries, { ...NO_FILTERS, status: 'detained', tags: ['checkpoint'] }), 'name', 'ar');
  out.filterSortMs = ms(t0);
  out.filterSortMatches = filtered.length;
  t0 = performance.now();
  sortCases(summaries, 'updated', 'en');
  out.sortAllMs = ms(t0);

  t0 = performance.now();
  const verdict = await store2.verifyAudit();
  out.auditVerifyMs = ms(t0);
  out.auditEntries = verdict.count;
  if (!verdict.ok) throw new Error('audit chain broken in benchmark');
  db.close();
  return out;
}

declare global { interface Window { atharBench: { run: typeof run } } }
window.atharBench = { run };
