import { AtharDb, DB_NAME } from '../../../renderer/src/db/schema';
import { Vault } from '../../../renderer/src/db/vault';
import { RecordStore } from '../../../renderer/src/db/record-store';
import { CaseRepository } from '../../../renderer/src/db/case-repository';
import { filterCases, NO_FILTERS, sortCases } from '../../../renderer/src/features/cases/case-list-model';
import { prng, syntheticCase } from '../synthetic';
import { createSHA256 } from 'hash-wasm';
import { EvidenceFiles } from '../../../renderer/src/evidence-files/evidence-files';
import { FileStore } from '../../../renderer/src/db/file-store';
import { CHUNK_SIZE, deleteChunks } from '../../../renderer/src/db/file-chunks';
import { aesGcmKey, randomBytes } from '../../../renderer/src/db/webcrypto-key';
import { rawWriteBaseline } from './raw-write';
import { find, importList, names } from './find-bench';
import { exportRun, exportSetup, exportStages } from './export-bench';
import { team, verifyWorst } from './team-bench';
import { syncPush } from './sync-bench';
import { converge } from './converge-bench';
import { mapDraw, patterns } from './patterns-bench';
import { sanctionsImport, sanctionsMatch } from './sanctions-bench';

/**
 * Runs in Chromium on the app's own origin, so the vault it seeds is the one
 * the real app opens afterwards. Every figure is real work on real data; each
 * has a baseline measured here in the same run.
 */
const ms = (t0: number): number => Math.round((performance.now() - t0) * 10) / 10;

async function run(n: number, passphrase: string): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = { cases: n };
  await new Promise((res) => {
    const r = indexedDB.deleteDatabase(DB_NAME);
    r.onsuccess = r.onerror = () => res(null);
  });
  const db = new AtharDb();
  const vault = new Vault({ db });

  let t0 = performance.now();
  const created = await vault.create(passphrase, passphrase);
  out.vaultCreateMs = ms(t0);

  const store = await RecordStore.open(db, created.key, 'bench');
  const repo = new CaseRepository(db, store);
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
  const repo2 = new CaseRepository(db, store2);
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
  const filtered = sortCases(
    filterCases(summaries, { ...NO_FILTERS, status: 'detained', tags: ['checkpoint'] }),
    'name',
    'ar',
  );
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

/** The raw work of intake and nothing else: SHA-256 and AES-256-GCM of the same bytes, read the same way, in this page. */
async function rawHashEncrypt(file: File): Promise<number> {
  const key = await aesGcmKey(randomBytes(32));
  const sha = await createSHA256();
  sha.init();
  const t0 = performance.now();
  for (let off = 0; off < file.size; off += CHUNK_SIZE) {
    const bytes = new Uint8Array(await file.slice(off, off + CHUNK_SIZE).arrayBuffer());
    const sealing = key.encrypt(randomBytes(12), new Uint8Array(0), bytes);
    sha.update(bytes);
    await sealing;
  }
  sha.digest('hex');
  return performance.now() - t0;
}

/** Intake of the file chosen in #file through the app's real worker, against the raw baseline. */
const chosenFile = (): File => (document.getElementById('file') as HTMLInputElement).files![0]!;

async function raw(): Promise<number> {
  return rawHashEncrypt(chosenFile());
}

async function intake(rawMs: number): Promise<Record<string, number | string>> {
  const file = chosenFile();
  const db = new AtharDb();
  const files = new EvidenceFiles(new FileStore(db, await aesGcmKey(randomBytes(32))));
  const t0 = performance.now();
  const { job, result } = await files.intake(file);
  const intakeMs = performance.now() - t0;
  if (!result) throw new Error(`intake failed: ${job.error}`);
  files.dispose();
  await deleteChunks(db, job.documentId);
  db.close();
  const mib = file.size / 1048576;
  return {
    fileMiB: Math.round(mib),
    intakeMs: Math.round(intakeMs),
    intakeMiBs: Math.round((mib / intakeMs) * 1000),
    rawMs: Math.round(rawMs),
    rawMiBs: Math.round((mib / rawMs) * 1000),
    ratio: Math.round((rawMs / intakeMs) * 100) / 100,
    sha256: result.sha256,
  };
}

declare global {
  interface Window {
    atharBench: {
      run: typeof run;
      raw: typeof raw;
      intake: typeof intake;
      names: typeof names;
      find: typeof find;
      importList: typeof importList;
      exportSetup: typeof exportSetup;
      exportRun: typeof exportRun;
      exportStages: typeof exportStages;
      team: typeof team;
      verifyWorst: typeof verifyWorst;
      syncPush: typeof syncPush;
      converge: typeof converge;
      patterns: typeof patterns;
      mapDraw: typeof mapDraw;
      sanctionsImport: typeof sanctionsImport;
      sanctionsMatch: typeof sanctionsMatch;
    };
  }
}
window.atharBench = {
  run,
  raw,
  intake,
  names,
  find,
  importList,
  exportSetup,
  exportRun,
  exportStages,
  team,
  verifyWorst,
  syncPush,
  converge,
  patterns,
  mapDraw,
  sanctionsImport,
  sanctionsMatch,
};
