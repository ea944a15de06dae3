import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { ServerAdmin } from '../../sync-server/admin';

/**
 * A real sync server for a test: `npm run sync-server`'s own entry point, started as its own process on a free
 * loopback port with a data folder of its own, stopped (or killed) by the test.
 */
export interface SyncServer {
  url: string;
  dir: string;
  port: number;
  admin: ServerAdmin;
  process: ChildProcess;
  /** SIGTERM, or SIGKILL for a crash; resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const MAIN = resolve(import.meta.dirname, '../../sync-server/main.ts');

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

export async function startSyncServer(opts: { dir?: string; port?: number } = {}): Promise<SyncServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'athar-sync-'));
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, [MAIN, '--data', dir, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`sync server did not start: ${stderr}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`sync server exited (${code}): ${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const m = JSON.parse(line) as { ready?: boolean; url?: string };
        if (m.ready && m.url) {
          clearTimeout(timer);
          res(m.url);
        }
      } catch {
        /* not ours */
      }
    });
  });
  const settings = JSON.parse(readFileSync(join(dir, 'athar-server.json'), 'utf8')) as {
    admin: { user: string; password: string };
  };
  return {
    url,
    dir,
    port,
    admin: { url, ...settings.admin },
    process: child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        // The server proper is a child of the entry point: a SIGKILL must reach it too.
        if (signal === 'SIGKILL') killTree(child.pid!);
        else child.kill(signal);
      }
      await exited;
    },
  };
}

function killTree(pid: number): void {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const c of children) killTree(Number(c));
  } catch {
    /* gone */
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}
