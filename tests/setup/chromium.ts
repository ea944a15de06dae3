// Debian's Chromium when present (Playwright cannot download its own here), or CHROMIUM_PATH; and the switches
// every test run needs on this closed network: without the background ones, Chromium's own connections are
// refused many at a time. Shared by playwright.config.ts, the benchmarks and the crash test.
import { existsSync } from 'node:fs';

export const chromiumPath =
  process.env['CHROMIUM_PATH'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const chromiumArgs: string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
