import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './tests/setup/chromium';

/**
 * End-to-end tests drive the built renderer in Chromium, the engine Electron
 * runs (the Electron binary cannot be downloaded here). The browser is
 * Debian's /usr/bin/chromium when present, or CHROMIUM_PATH; elsewhere,
 * Playwright's own (npx playwright install chromium).
 */

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // The specs' helpers use the app's own modules (tests/e2e/forge.ts), through the same path aliases.
  tsconfig: './tsconfig.tests.json',
  // Each new screen a test reaches is also checked with axe-core in four variants (tests/e2e/fixtures.ts).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4317',
    trace: 'off',
    screenshot: 'only-on-failure',
    viewport: { width: 1366, height: 860 },
    launchOptions: {
      ...(chromiumPath ? { executablePath: chromiumPath } : {}),
      args: chromiumArgs,
    },
  },
  webServer: {
    command: 'npx vite preview --config vite.web.config.ts',
    url: 'http://127.0.0.1:4317',
    reuseExistingServer: !process.env['CI'],
    // Each new screen a test reaches is also checked with axe-core in four variants (tests/e2e/fixtures.ts).
    timeout: 120_000,
  },
});
