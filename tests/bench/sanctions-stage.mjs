// Issue 17's figures: a 100 MB SDN-format XML imported beside a plain streaming parse of the same bytes, and
// 20,000 designations matched against 10,000 perpetrators. With the rest by `npm run bench`, or alone by
// `npm run bench:sanctions` (BENCH_SDN_MIB, BENCH_DESIGNATIONS, BENCH_PERPETRATORS for other sizes).

/** On a page that has the benchmark page loaded. */
export async function sanctionsStage(page) {
  const mib = Number(process.env.BENCH_SDN_MIB ?? 100);
  const d = Number(process.env.BENCH_DESIGNATIONS ?? 20_000);
  const p = Number(process.env.BENCH_PERPETRATORS ?? 10_000);
  console.log(`Importing a synthetic ${mib} MB SDN list…`);
  const importResult = await page.evaluate((m) => window.atharBench.sanctionsImport(m), mib);
  console.log(`Matching ${d.toLocaleString('en')} designations against ${p.toLocaleString('en')} perpetrators…`);
  const match = await page.evaluate(([x, y]) => window.atharBench.sanctionsMatch(x, y), [d, p]);
  return { import: importResult, match };
}

export function printSanctions(line, r) {
  const i = r.import;
  const m = r.match;
  console.log('\nSanctions lists (issue 17)');
  line(
    `SDN XML import, ${i.mib} MB (${i.entries.toLocaleString('en')} entries), page thread`,
    `${i.atharMs} ms`,
    `peak heap +${i.atharPeakMiB} MiB; plain streaming parse of the same bytes ${i.plainMs} ms, +${i.plainPeakMiB} MiB → ${(i.atharMs / Math.max(1, i.plainMs)).toFixed(2)}×`,
  );
  line(
    '  the same through the app’s worker (with SHA-256)',
    `${i.workerMs} ms`,
    `page heap +${i.workerPagePeakMiB} MiB`,
  );
  line(
    `matching ${m.designations.toLocaleString('en')} designations × ${m.perpetrators.toLocaleString('en')} perpetrators`,
    `${m.ms} ms`,
    `${m.designationsPerSecond.toLocaleString('en')} designations/s, ${m.proposals.toLocaleString('en')} candidates (${m.proposalsPerSecond.toLocaleString('en')}/s); every pair scored (from a 100-designation sample) ${m.bruteForceMsExtrapolated.toLocaleString('en')} ms → ${(m.bruteForceMsExtrapolated / Math.max(1, m.ms)).toFixed(0)}× slower`,
  );
}
