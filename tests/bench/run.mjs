// npm run bench: builds the app with the benchmark page, serves both from one
// origin, and drives them in Chromium. Prints figures and ratios against
// baselines measured in the same run; asserts nothing about time.
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, writeSync, closeSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBench } from './launch.mjs';
import { printSync, syncStage } from './sync-stage.mjs';
import { patternsStage, printPatterns } from './patterns-stage.mjs';
import { printSanctions, sanctionsStage } from './sanctions-stage.mjs';

const N = Number(process.env.BENCH_CASES ?? 100_000);
const PASS = 'benchmark passphrase only';

const { base, browser, page, profileDir, stop } = await launchBench();

console.log(`Seeding and measuring ${N.toLocaleString('en')} synthetic cases in Chromium…`);
await page.goto(`${base}/tests/bench/browser/bench.html`);
const core = await page.evaluate(([n, p]) => window.atharBench.run(n, p), [N, PASS]);
// Issue 4: name-matching quality, search and index build on the seeded vault, list import.
const nameQuality = await page.evaluate(() => window.atharBench.names());
console.log('Search and matching on the seeded vault…');
const findResults = await page.evaluate((p) => window.atharBench.find(p), PASS);
console.log(`Importing a ${N.toLocaleString('en')}-row list…`);
const importResults = await page.evaluate((n) => window.atharBench.importList(n), N);
console.log('Members: unlock with 20, a signed seed, a chain of signed commits…');
const teamResults = await page.evaluate(([n, p, seed]) => window.atharBench.team(n, p, seed), [N, PASS, core.seedMs]);
console.log('Verifying a chain of 200,000 entries, each signed alone…');
Object.assign(teamResults, await page.evaluate((p) => window.atharBench.verifyWorst(p), PASS));
const syncResults = await syncStage(page, PASS);
const patternResults = await patternsStage(page);
const sanctionsResults = await sanctionsStage(page);

// The real app on the same origin: unlock, wait for the full list, then scroll it.
await page.goto(`${base}/renderer/index.html`);
await page.getByLabel(/^Passphrase/).fill(PASS);
let t0 = Date.now();
await page.getByRole('button', { name: 'Unlock' }).click();
await page
  .getByText(`Showing ${N.toLocaleString('en')} of`)
  .or(page.getByText(`Showing ${N} of ${N} cases`))
  .first()
  .waitFor();
const unlockToListMs = Date.now() - t0;
// Collect garbage first, so the figure is what the list keeps, not what loading it left behind.
const heapAfterListMB = await page.evaluate(() => {
  window.gc?.();
  return Math.round((performance.memory?.usedJSHeapSize ?? 0) / 1048576);
});

const scroller = page.getByRole('table', { name: 'Case list' });
await scroller.hover();
await page.evaluate(() => {
  window.__frames = [];
  let last = performance.now();
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (window.__frames.length < 100000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
t0 = Date.now();
for (let i = 0; i < 120; i++) {
  await page.mouse.wheel(0, 1600);
  await page.waitForTimeout(16);
}
const frames = await page.evaluate(() => window.__frames.slice(2));
const sorted = [...frames].sort((a, b) => a - b);
const q = (p) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10;
const rowsVisible = await page.getByRole('row').count();

// Evidence intake of a large file (issue 3): the real worker, against raw SHA-256 + AES-GCM of the same bytes.
const INTAKE_MIB = Number(process.env.BENCH_INTAKE_MIB ?? 1024);
const bigPath = '/tmp/athar-bench-intake.bin';
{
  const fd = openSync(bigPath, 'w');
  const block = randomBytes(16 * 1048576);
  for (let i = 0; i < INTAKE_MIB / 16; i++) writeSync(fd, block);
  closeSync(fd);
}
/** Resident memory of Chromium's processes by type (browser, renderer, utility…), in MiB, from /proc (Linux). */
const chromiumRssByType = () => {
  const out = {};
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!/^Name:\s*chrom/m.test(status)) continue;
      const type = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? 'browser';
      out[type] = (out[type] ?? 0) + Number(/^VmRSS:\s*(\d+)/m.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      /* process ended */
    }
  }
  return out;
};
const chromiumRssMiB = () => Math.round(Object.values(chromiumRssByType()).reduce((a, b) => a + b, 0));
const intakePage = await browser.newPage();
intakePage.setDefaultTimeout(30 * 60_000);
await intakePage.goto(`${base}/tests/bench/browser/bench.html`);
await intakePage.getByLabel('Benchmark file').setInputFiles(bigPath);
const rawMs = await intakePage.evaluate(() => window.atharBench.raw());
await intakePage.evaluate(() => window.gc?.());
await new Promise((r) => setTimeout(r, 1000));
const rssBefore = chromiumRssMiB();
let rssPeak = rssBefore;
const byTypeBefore = chromiumRssByType();
const peakByType = { ...byTypeBefore };
const sampler = setInterval(() => {
  const now = chromiumRssByType();
  for (const [k, v] of Object.entries(now)) peakByType[k] = Math.max(peakByType[k] ?? 0, v);
  rssPeak = Math.max(rssPeak, Math.round(Object.values(now).reduce((a, b) => a + b, 0)));
}, 100);
const intakeResult = await intakePage.evaluate((ms) => window.atharBench.intake(ms), rawMs);
clearInterval(sampler);
rmSync(bigPath, { force: true });

// Evidence package export (issue 5): 2 GiB of originals out of the vault into an encrypted package on disk,
// against `gpg -z 0 --encrypt` of the same bytes. The 512 MiB file is taken in EXPORT_MIB / 512 times.
const EXPORT_MIB = Number(process.env.BENCH_EXPORT_MIB ?? 2048);
const exportPath = '/tmp/athar-bench-export.bin';
{
  const fd = openSync(exportPath, 'w');
  const block = randomBytes(16 * 1048576);
  for (let i = 0; i < 512 / 16; i++) writeSync(fd, block);
  closeSync(fd);
}
const gpgHome = mkdtempSync(join(tmpdir(), 'athar-bench-gpg-'));
const gpg = (...a) =>
  execFileSync('gpg', [
    '--homedir',
    gpgHome,
    '--batch',
    '--quiet',
    '--pinentry-mode',
    'loopback',
    '--passphrase',
    '',
    '--trust-model',
    'always',
    ...a,
  ]);
gpg('--quick-gen-key', 'Bench Recipient <bench@mechanism.example>', 'default', 'default', 'never');
const recipientKey = gpg('--armor', '--export', 'bench@mechanism.example').toString();
await intakePage.getByLabel('Benchmark file').setInputFiles(exportPath);
const exportSetup = await intakePage.evaluate(
  (n) => window.atharBench.exportSetup(n),
  Math.max(1, Math.round(EXPORT_MIB / 512)),
);
// gpg on the same bytes, the same number of times, output to disk.
const gpgT0 = Date.now();
for (let i = 0; i < Math.max(1, Math.round(EXPORT_MIB / 512)); i++)
  gpg(
    '-z',
    '0',
    '--yes',
    '-r',
    'bench@mechanism.example',
    '--output',
    '/tmp/athar-bench-export.gpg',
    '--encrypt',
    exportPath,
  );
const gpgMs = Date.now() - gpgT0;
// Opening a package: gpg decrypting (and checking) 512 MiB, against Athar's reader on a package of 512 MiB.
const gpgOpenT0 = Date.now();
gpg('--output', '/dev/null', '--decrypt', '/tmp/athar-bench-export.gpg');
const gpgOpenMiBs = Math.round((512 / (Date.now() - gpgOpenT0)) * 1000);
rmSync('/tmp/athar-bench-export.gpg', { force: true });
const recipientSecret = gpg('--armor', '--export-secret-keys', 'bench@mechanism.example').toString();
await intakePage.evaluate(() => window.gc?.());
await new Promise((r) => setTimeout(r, 1000));
const exportRssBefore = chromiumRssByType();
const exportPeak = { ...exportRssBefore };
const exportSampler = setInterval(() => {
  for (const [k, v] of Object.entries(chromiumRssByType())) exportPeak[k] = Math.max(exportPeak[k] ?? 0, v);
}, 100);
const exportResult = await intakePage.evaluate((k) => window.atharBench.exportRun(k), recipientKey);
clearInterval(exportSampler);
Object.assign(
  exportResult,
  await intakePage.evaluate(([k, sk]) => window.atharBench.exportStages(k, sk), [recipientKey, recipientSecret]),
  { gpgOpenMiBs },
);
rmSync(exportPath, { force: true });
rmSync(gpgHome, { recursive: true, force: true });
const exportGrowth = Object.fromEntries(
  Object.entries(exportPeak).map(([k, v]) => [k, Math.round(v - (exportRssBefore[k] ?? 0))]),
);

await browser.close();
rmSync(profileDir, { recursive: true, force: true });
stop();

const results = {
  ...core,
  team: teamResults,
  sync: syncResults,
  patterns: patternResults,
  sanctions: sanctionsResults,
  unlockToFullListMs: unlockToListMs,
  heapAfterListMB,
  scrollFrames: frames.length,
  scrollFrameMedianMs: q(0.5),
  scrollFrameP95Ms: q(0.95),
  scrollFramesOver50ms: frames.filter((f) => f > 50).length,
  rowsInDomWhileScrolling: rowsVisible,
  scrollSeconds: Math.round((Date.now() - t0) / 100) / 10,
  names: nameQuality,
  find: findResults,
  import: importResults,
  export: {
    ...exportSetup,
    ...exportResult,
    gpgMs,
    gpgMiBs: Math.round((exportResult.payloadMiB / gpgMs) * 1000),
    ratioToGpg: Math.round((gpgMs / exportResult.exportMs) * 100) / 100,
    peakGrowthByProcessMiB: exportGrowth,
    peakGrowthAllMiB: Object.values(exportGrowth).reduce((a, b) => a + b, 0),
  },
  intake: {
    ...intakeResult,
    chromiumRssBeforeMiB: rssBefore,
    chromiumRssPeakGrowthMiB: rssPeak - rssBefore,
    peakGrowthByProcessMiB: Object.fromEntries(
      Object.entries(peakByType).map(([k, v]) => [k, Math.round(v - (byTypeBefore[k] ?? 0))]),
    ),
  },
};
mkdirSync('out', { recursive: true });
writeFileSync('out/bench-results.json', JSON.stringify(results, null, 2));

const line = (label, value, note = '') => console.log(`${label.padEnd(44)} ${String(value).padStart(12)}  ${note}`);
console.log('\nAthar benchmarks (Chromium, this machine)');
line('cases', results.cases.toLocaleString('en'));
line('vault create (Argon2id 64 MiB, t=3) ms', results.vaultCreateMs);
line('unlock (Argon2id) ms', results.unlockArgon2idMs);
line(
  'seed cases (validate, encrypt, audit) ms',
  results.seedMs,
  `baseline raw IndexedDB write of the same rows: ${results.seedBaselineRawIdbMs} ms → ${results.seedRatio}×`,
);
line(
  'case list: read + decrypt summary pages ms',
  results.caseListDecryptMs,
  `${results.caseIndexPages} pages; baseline raw getAll of one row per case, no decryption: ${results.caseListBaselineRawGetAllMs} ms → ${results.caseListRatio}×`,
);
line('filter (status + tag) and sort by Arabic name ms', results.filterSortMs, `${results.filterSortMatches} matches`);
line('sort all by update ms', results.sortAllMs);
line('verify audit chain ms', results.auditVerifyMs, `${results.auditEntries} entries`);
const tm = results.team;
line(
  'unlock, 1 member / 20 members ms',
  `${tm.unlockOneMemberMs} / ${tm.unlockTwentyMembersMs}`,
  `baseline one Argon2id: ${tm.unlockBaselineOneArgon2idMs} ms → 20 members ${tm.unlockTwentyRatio}× (target ≤ one Argon2id and a little)`,
);
line(
  'seed cases as a signing member ms',
  tm.signedSeedMs,
  `unsigned seed of the same cases into a new database just before: ${tm.unsignedSeedMs} ms → ${tm.signedSeedRatio}× (target ≤ 1.2×); the first seed above: ${tm.firstSeedMs} ms`,
);
line(
  'verify signed chain (verify workers) ms',
  tm.signedChainVerifyMs,
  `${tm.signedChainEntries} entries, one signature per commit of 2,000 cases; on the page alone: read ${tm.signedChainReadMs} + hash ${tm.signedChainHashMs} + signatures ${tm.signedChainSignaturesMs}`,
);
line(
  'verify 200,000 entries, each signed alone ms',
  tm.worstTotalMs,
  `as the app does, in ${tm.worstWorkers} verify workers (target ≤ 20,000); on the page alone: read+decrypt ${tm.worstReadMs} + hash ${tm.worstHashMs} + signatures ${tm.worstSignaturesMs} = ${tm.worstOneThreadMs} → ${tm.worstWorkersRatio}×`,
);
printSync(line, results.sync);
printPatterns(line, results.patterns);
printSanctions(line, results.sanctions);
line('app: click Unlock → full list shown ms', results.unlockToFullListMs);
line('JS heap with list loaded (after GC) MB', results.heapAfterListMB);
line(
  'scroll: frame median / p95 ms',
  `${results.scrollFrameMedianMs} / ${results.scrollFrameP95Ms}`,
  `${results.scrollFrames} frames, ${results.scrollFramesOver50ms} over 50 ms, ${results.rowsInDomWhileScrolling} rows in the DOM`,
);
const i = results.intake;
line(
  `evidence intake of ${i.fileMiB} MiB: MiB/s`,
  i.intakeMiBs,
  `${i.intakeMs} ms; raw SHA-256 + AES-GCM of the same bytes: ${i.rawMiBs} MiB/s → ${i.ratio}× of raw (target ≥ 0.7×)`,
);
line(
  'evidence intake: peak renderer memory growth MiB',
  i.peakGrowthByProcessMiB.renderer ?? 0,
  'page + worker, resident, sampled every 100 ms (target ≤ 300)',
);
line(
  'evidence intake: peak growth, all processes MiB',
  i.chromiumRssPeakGrowthMiB,
  `by process: ${JSON.stringify(i.peakGrowthByProcessMiB)} (the browser process holds IndexedDB's backend)`,
);
const ex = results.export;
line(
  `evidence package of ${ex.payloadMiB} MiB: MiB/s`,
  ex.exportMiBs,
  `${ex.exportMs} ms (vault → tar → OpenPGP → disk); gpg -z 0 --encrypt of the same bytes: ${ex.gpgMiBs} MiB/s → ${ex.ratioToGpg}× of gpg (target ≥ 0.5×)`,
);
line(
  '  stages: vault read alone (IDB + AES-GCM), MiB/s',
  ex.vaultReadMiBs,
  `from memory, 512 MiB each: tar alone ${ex.tarMiBs}, OpenPGP stream alone ${ex.encryptMiBs}, disk writes alone ${ex.diskMiBs}, whole package writer ${ex.packFromMemoryMiBs} MiB/s`,
);
line(
  'open a package of 512 MiB (decrypt, check all): MiB/s',
  ex.openMiBs,
  `Athar's reader (openpgp.js, tar, SHA-256 + SHA-512 of every file, the bag, the signature); gpg --decrypt of 512 MiB: ${ex.gpgOpenMiBs} MiB/s → ${Math.round((ex.openMiBs / ex.gpgOpenMiBs) * 100) / 100}×`,
);
line(
  'evidence package: peak memory growth MiB',
  ex.peakGrowthByProcessMiB.renderer ?? 0,
  `renderer, resident, sampled every 100 ms (target ≤ 300); all processes ${ex.peakGrowthAllMiB}: ${JSON.stringify(ex.peakGrowthByProcessMiB)}`,
);
for (const [set, q] of Object.entries(results.names)) {
  line(
    `name pairs (${set}): Athar precision / recall`,
    `${q.athar.precision} / ${q.athar.recall}`,
    `${q.pairs} pairs (${q.matches} matches) at threshold ${q.athar.threshold}; target ≥ 0.95 / ≥ 0.95`,
  );
  line(
    `name pairs (${set}): baseline JW precision / recall`,
    `${q.baselineAtOurThreshold.precision} / ${q.baselineAtOurThreshold.recall}`,
    `Jaro–Winkler on raw lowercased strings at ${q.baselineAtOurThreshold.threshold}; at its best-F1 threshold ${q.baselineBestF1.threshold}: ${q.baselineBestF1.precision} / ${q.baselineBestF1.recall}`,
  );
}
const f = results.find;
line(
  'search index build after unlock ms',
  f.indexBuildWorkerMs,
  `in the worker (decrypt + index ${f.indexDocuments} documents); wall clock ${f.indexBuildWallMs} ms`,
);
line(
  'search latency median / p95 ms',
  `${f.search.atharMedianMs} / ${f.search.atharP95Ms}`,
  `${f.search.queries} queries over ${f.search.persons} persons, through the worker (target p95 ≤ 30); a full-name query found its person in ${f.search.atharFoundTarget} of ${f.search.fullNameQueries}`,
);
line(
  'baseline linear scan median / p95 ms',
  `${f.search.linearScanMedianMs} / ${f.search.linearScanP95Ms}`,
  `substring scan of pre-folded names; found its person in ${f.search.linearScanFoundTarget} of ${f.search.fullNameQueries}`,
);
line('duplicate check against the vault rows/s', f.matchRowsPerSecondAgainstVault);
const im = results.import;
line(
  `import ${im.rows.toLocaleString('en')}-row CSV (${im.fileMB} MB) ms`,
  im.totalMs,
  `read+parse ${im.readParseMs}, check ${im.checkMs}, encrypt+write ${im.writeMs}; raw IndexedDB write of the same stored rows: ${im.rawWriteBaselineMs} ms → ${im.ratioTotal}× (write step alone ${im.ratioWriteOnly}×; target ≤ 1.3×)`,
);
console.log('\n(written to out/bench-results.json)');
