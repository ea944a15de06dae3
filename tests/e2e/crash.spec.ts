import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { build } from 'vite';
import { rendererConfig } from '../../vite.shared';
import { chromiumArgs, chromiumPath } from '../setup/chromium';

// Twenty times: Chromium is killed with SIGKILL (no chance to flush or close anything) at a random moment of a
// run of 1,000 writes, and started again on the same profile. Every write the store acknowledged must be there,
// and the audit chain, its sealed head and the anchor must agree with the records. The writes go through the
// app's own record store in a real on-disk profile (tests/e2e/crash/harness.ts).
const RUNS = Number(process.env['CRASH_RUNS'] ?? 20);
const executable = chromiumPath ?? chromium.executablePath();
const root = resolve(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'athar-crash-build-'));
const profile = mkdtempSync(join(tmpdir(), 'athar-crash-profile-'));
let server: Server;
let origin = '';

test.beforeAll(async () => {
  const base = rendererConfig(out);
  await build({
    ...base,
    root,
    logLevel: 'warn',
    build: { ...base.build, outDir: out, rollupOptions: { input: join(root, 'tests/e2e/crash/harness.html') } },
  });
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  server = createServer((req, res) => {
    const file = join(out, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(out) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

test.afterAll(() => {
  server?.close();
  rmSync(out, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
});

/** Chromium on the test's profile, as a process this test owns and can kill. */
async function startChromium(): Promise<{ proc: ChildProcess; ws: string }> {
  // Its own process group, so that the kill takes every Chromium process at once, as a crash of the app would.
  const proc = spawn(
    executable,
    ['--headless', ...chromiumArgs, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
    { detached: true },
  );
  const ws = await new Promise<string>((resolveWs, reject) => {
    let text = '';
    proc.stderr!.on('data', (b: Buffer) => {
      text += b.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (m) resolveWs(m[1]!);
    });
    proc.once('exit', () => reject(new Error(`chromium exited: ${text.slice(-500)}`)));
  });
  return { proc, ws };
}

async function openHarness(hash: string, onLine: (line: string) => void): Promise<{ proc: ChildProcess }> {
  const { proc, ws } = await startChromium();
  const browser = await chromium.connectOverCDP(ws);
  const context = browser.contexts()[0]!;
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => onLine(m.text()));
  await page.goto(`${origin}/tests/e2e/crash/harness.html#${hash}`);
  return { proc };
}

/** SIGKILL to the whole group, then wait until no process of it is left holding the profile. */
async function killed(proc: ChildProcess): Promise<void> {
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  process.kill(-proc.pid!, 'SIGKILL');
  await exited;
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-proc.pid!, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('every acknowledged write survives SIGKILL, twenty times, and the audit chain still agrees', async () => {
  test.setTimeout(RUNS * 60_000);
  const acked = new Set<string>();
  for (let run = 0; run < RUNS; run++) {
    const killAt = 5 + Math.floor(Math.random() * 600);
    let seen = 0;
    let stop!: () => void;
    const enough = new Promise<void>((r) => (stop = r));
    const { proc } = await openHarness(`write:${run}`, (line) => {
      if (line.startsWith('ack ')) {
        acked.add(line.slice(4));
        if (++seen >= killAt) stop();
      } else if (line === 'done' || line.startsWith('error ')) stop();
    });
    await enough;
    await killed(proc);

    let report = '';
    const verifier = await openHarness('verify', (line) => {
      if (line.startsWith('verify ') || line.startsWith('error ')) report = line;
    });
    await expect.poll(() => report, { timeout: 30_000 }).not.toBe('');
    await killed(verifier.proc);
    expect(report.startsWith('verify '), report).toBe(true);
    const r = JSON.parse(report.slice('verify '.length)) as {
      ids: string[];
      chain: boolean;
      entries: number;
      problems: unknown[];
      head: unknown[];
    };
    const stored = new Set(r.ids);
    expect(
      [...acked].filter((id) => !stored.has(id)),
      `run ${run}: acknowledged but lost`,
    ).toEqual([]);
    expect(r.chain, `run ${run}: chain`).toBe(true);
    expect(r.entries, `run ${run}: one entry per stored write`).toBe(r.ids.length);
    expect(r.problems, `run ${run}: records against the chain`).toEqual([]);
    expect(r.head, `run ${run}: sealed head and anchor`).toEqual([]);
  }
  expect(acked.size).toBeGreaterThan(RUNS * 5);
});
