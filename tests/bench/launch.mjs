// The benchmark page and the app, built and served from one origin, driven in Chromium on a profile on disk.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../setup/chromium.ts';

export async function launchBench() {
  const executablePath = chromiumPath;
  execFileSync('npx', ['vite', 'build', '--config', 'vite.bench.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  const server = spawn('npx', ['vite', 'preview', '--config', 'vite.bench.config.ts'], {
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stop);

  const base = 'http://127.0.0.1:4318';
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/renderer/index.html`)).ok) break;
    } catch {
      /* not yet */
    }
    if (i > 100) throw new Error('preview server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }

  // A persistent profile on disk, as the app has: a plain new page would be an off-the-record context,
  // where Chromium keeps IndexedDB in memory (that made intake look like it used gigabytes and hit a quota).
  const profileDir = mkdtempSync(join(tmpdir(), 'athar-bench-profile-'));
  const browser = await chromium.launchPersistentContext(profileDir, {
    ...(executablePath ? { executablePath } : {}),
    viewport: { width: 1366, height: 860 },
    args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(30 * 60_000);
  return { base, browser, page, profileDir, stop };
}
