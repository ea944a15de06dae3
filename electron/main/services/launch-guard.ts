/**
 * Command-line switches that let another program drive, inspect or debug the running app (read the unlocked
 * vault from the renderer's memory, call into the page). No fuse covers the remote-debugging ones, so the main
 * process refuses to start with any of them. Chromium reads switches written with "--" or "-" (and "/" on Windows).
 */
const FORBIDDEN = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
] as const;

export function forbiddenSwitches(argv: readonly string[], platform: string): string[] {
  const prefix = platform === 'win32' ? /^(?:--?|\/)/ : /^--?/;
  return argv.filter((arg) => {
    const m = prefix.exec(arg);
    if (!m) return false;
    const name = arg.slice(m[0].length).split('=')[0]!.toLowerCase();
    return (FORBIDDEN as readonly string[]).includes(name);
  });
}
