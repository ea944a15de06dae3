// npm run bench:patterns: issue 16's figures alone (tests/bench/patterns-stage.mjs).
import { rmSync } from 'node:fs';
import { launchBench } from './launch.mjs';
import { patternsStage, printPatterns } from './patterns-stage.mjs';

const { base, browser, page, profileDir, stop } = await launchBench();
await page.goto(`${base}/tests/bench/browser/bench.html`);
const results = await patternsStage(page);
await browser.close();
rmSync(profileDir, { recursive: true, force: true });
stop();
const line = (label, value, note = '') => console.log(`${label.padEnd(44)} ${String(value).padStart(12)}  ${note}`);
console.log('\nAthar pattern benchmarks (Chromium, this machine)');
printPatterns(line, results);
