// npm run bench:sync: issue 15's figures alone (tests/bench/sync-stage.mjs), without the hour the whole bench takes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { launchBench } from './launch.mjs';
import { printSync, syncStage } from './sync-stage.mjs';

const { base, browser, page, profileDir, stop } = await launchBench();
await page.goto(`${base}/tests/bench/browser/bench.html`);
const sync = await syncStage(page, 'benchmark passphrase only');
await browser.close();
rmSync(profileDir, { recursive: true, force: true });
stop();
mkdirSync('out', { recursive: true });
writeFileSync('out/bench-sync-results.json', JSON.stringify(sync, null, 2));
const line = (label, value, note = '') => console.log(`${label.padEnd(44)} ${String(value).padStart(12)}  ${note}`);
console.log('\nAthar sync benchmarks (Chromium, this machine, loopback)');
printSync(line, sync);
