// npm run bench:sanctions: issue 17's figures alone (tests/bench/sanctions-stage.mjs).
import { rmSync } from 'node:fs';
import { launchBench } from './launch.mjs';
import { printSanctions, sanctionsStage } from './sanctions-stage.mjs';

const { base, browser, page, profileDir, stop } = await launchBench();
await page.goto(`${base}/tests/bench/browser/bench.html`);
const results = await sanctionsStage(page);
await browser.close();
rmSync(profileDir, { recursive: true, force: true });
stop();
const line = (label, value, note = '') => console.log(`${label.padEnd(44)} ${String(value).padStart(12)}  ${note}`);
console.log('\nAthar sanctions benchmarks (Chromium, this machine)');
printSanctions(line, results);
