import { spawn, type ChildProcess } from 'node:child_process';
import { chromiumArgs } from '../../setup/chromium';

/**
 * Chromium on a profile, as a process a test owns and can kill. Its own process group, so that the kill takes
 * every Chromium process at once, as a crash of the app would.
 */
export async function startChromium(executable: string, dir: string): Promise<{ proc: ChildProcess; ws: string }> {
  const proc = spawn(
    executable,
    ['--headless', ...chromiumArgs, `--user-data-dir=${dir}`, '--remote-debugging-port=0', 'about:blank'],
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

/** SIGKILL to the whole group, then wait until no process of it is left holding the profile. */
export async function killed(proc: ChildProcess): Promise<void> {
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
