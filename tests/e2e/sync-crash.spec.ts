import type { ChildProcess } from 'node:child_process';
import { request, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { expect, test } from './fixtures';
import { chromiumPath } from '../setup/chromium';
import { serveHarness } from './crash/harness-server';
import { addDevice } from '../../sync-server/admin';
import { startSyncServer, type SyncServer } from '../sync/server-process';
import { killed, startChromium } from './crash/chromium-process';

// A laptop killed with SIGKILL (no chance to flush or close anything) three times while it receives 1,000 commits
// from a real sync server, and started again on the same profile: it ends with every record once, every entry
// of the other laptop's chain applied once and in order, and nothing quarantined (tests/e2e/crash/sync-harness.ts).
const executable = chromiumPath ?? chromium.executablePath();
const out = mkdtempSync(join(tmpdir(), 'athar-sync-crash-build-'));
const profile = mkdtempSync(join(tmpdir(), 'athar-sync-crash-profile-'));
let web: Server;
let sync: SyncServer;
let origin = '';

test.beforeAll(async () => {
  sync = await startSyncServer();
  // The page reaches the sync server through its own origin, and this one server only.
  ({ server: web, origin } = await serveHarness('tests/e2e/crash/sync-harness.html', out, (req, res) => {
    const via = /^\/_sync\/(\d+)(\/.*)$/.exec(req.url ?? '');
    if (!via) return false;
    if (Number(via[1]) !== sync.port) {
      res.writeHead(403).end();
      return true;
    }
    const up = request(
      {
        host: '127.0.0.1',
        port: sync.port,
        path: via[2],
        method: req.method,
        headers: { ...req.headers, host: `127.0.0.1:${sync.port}` },
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.headersSent || res.writeHead(502).end());
    req.pipe(up);
    return true;
  }));
});

test.afterAll(async () => {
  web?.close();
  await sync?.stop();
  rmSync(out, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
});

async function openHarness(hash: string, onLine: (line: string) => void): Promise<ChildProcess> {
  const { proc, ws } = await startChromium(executable, profile);
  const browser = await chromium.connectOverCDP(ws);
  const cdp = await browser.newBrowserCDPSession();
  await cdp.send('Browser.grantPermissions', { origin, permissions: ['durableStorage'] });
  const context = browser.contexts()[0]!;
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.text().startsWith('progress ')) console.log(`sync-crash: ${m.text()}`);
    onLine(m.text());
  });
  await page.goto(`${origin}/tests/e2e/crash/sync-harness.html#${hash}`);
  return proc;
}

/** Runs the harness until `done` says a line is the one awaited; the process is then killed. */
async function run(hash: string, done: (line: string) => boolean, jitterMs = 0): Promise<string> {
  let last = '';
  let stop!: () => void;
  const finished = new Promise<void>((r) => (stop = r));
  const proc = await openHarness(hash, (line) => {
    if (line.startsWith('error ')) {
      last = line;
      stop();
    } else if (done(line)) {
      last = line;
      stop();
    }
  });
  await finished;
  // At a moment the test does not choose: the next page may be half judged, half applied, or its place unsaved.
  if (jitterMs) await new Promise((r) => setTimeout(r, Math.random() * jitterMs));
  await killed(proc);
  expect(last.startsWith('error '), last).toBe(false);
  return last;
}

test('a laptop killed three times while it receives, and started again, holds everything once and in order', async () => {
  test.setTimeout(180_000);
  const a = await addDevice(sync.admin, 'laptop-a');
  const b = await addDevice(sync.admin, 'laptop-b');
  const setup = encodeURIComponent(
    JSON.stringify({
      server: sync.url,
      a: { user: a.user, password: a.password },
      b: { user: b.user, password: b.password },
    }),
  );
  const began = Date.now();
  const phase = (what: string): void =>
    console.log(`sync-crash: ${what} at ${Math.round((Date.now() - began) / 1000)} s`);
  const prepared = await run(`prepare:${setup}`, (l) => l.startsWith('prepared '));
  phase('prepared');
  const sent = Number(prepared.slice('prepared '.length));
  expect(sent).toBeGreaterThan(1000);

  const atKill: number[] = [];
  for (let i = 0; i < 3; i++) {
    const floor = [50, 250, 450][i]!;
    const line = await run('pull', (l) => l.startsWith('count ') && Number(l.slice(6)) >= floor, 400);
    atKill.push(Number(line.slice(6)));
    phase(`killed with ${atKill.at(-1)} places`);
  }
  // Killed mid-transfer each time, not after it (1,000 commits leave room above the last floor, however fast it receives).
  for (const n of atKill) expect(n).toBeLessThan(1000);

  const verified = await run('verify', (l) => l.startsWith('verify '));
  phase('verified');
  const report = JSON.parse(verified.slice('verify '.length)) as {
    count: number;
    applied: number[];
    records: unknown[];
    others: unknown[];
    quarantined: number;
    waiting: number;
  };
  expect(report.count).toBe(1000);
  expect(report.applied).toEqual(Array.from({ length: sent }, (_, i) => i));
  expect(report.records).toEqual([]);
  expect(report.others).toEqual([]);
  expect(report.quarantined).toBe(0);
  expect(report.waiting).toBe(0);
  test.info().annotations.push({ type: 'killed at', description: atKill.join(', ') });
  console.log(`killed with ${atKill.join(', ')} of 1000 places received; ${sent} entries applied once each`);
});
