// Issue 16's figures: the Patterns screen's counts over 100,000 cases and 300,000 events, beside a plain loop
// over the same records. Run with the rest by `npm run bench`, or alone by `npm run bench:patterns`.

/** On a page that has the benchmark page loaded. */
export async function patternsStage(page) {
  const cases = Number(process.env.BENCH_PATTERN_CASES ?? 100_000);
  const events = cases * 3;
  console.log(`Counting patterns over ${cases.toLocaleString('en')} cases and ${events.toLocaleString('en')} events…`);
  const stats = await page.evaluate(([n, f]) => window.atharBench.patterns(n, 3, f), [cases, 500]);
  console.log('Drawing the map with 500 facilities…');
  const map = await page.evaluate((f) => window.atharBench.mapDraw(f), 500);
  return { ...stats, map };
}

export function printPatterns(line, r) {
  console.log('\nPatterns (issue 16)');
  line(
    `statistics, ${r.cases.toLocaleString('en')} cases / ${r.events.toLocaleString('en')} events`,
    `${r.statsMs} ms`,
    `target ≤ 1,000 ms; runs ${r.statsRuns.join(', ')} ms; ${r.people.toLocaleString('en')} people after merges`,
  );
  line(
    '  plain loop over the same records',
    `${r.plainLoopMs} ms`,
    `→ ${(r.statsMs / Math.max(1, r.plainLoopMs)).toFixed(1)}× (events by place and year, cases by status)`,
  );
  line(
    `map with ${r.map.facilities} facilities drawn`,
    `${r.map.mapMs} ms`,
    `target ≤ 500 ms; runs ${r.map.mapRuns.join(', ')} ms`,
  );
  line(
    '  the outlines alone',
    `${r.map.outlineMs} ms`,
    `→ ${(r.map.mapMs / Math.max(1, r.map.outlineMs)).toFixed(1)}×`,
  );
}
