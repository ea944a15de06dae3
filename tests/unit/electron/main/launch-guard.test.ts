import { describe, expect, it } from 'vitest';
import { forbiddenSwitches } from '../../../../electron/main/services/launch-guard';

describe('launch guard', () => {
  it('refuses every switch that would let another program debug or drive the app', () => {
    const argv = [
      '/opt/Athar/athar',
      '--remote-debugging-port=9222',
      '-remote-debugging-pipe',
      '--inspect',
      '--inspect-brk=127.0.0.1:9229',
      '--INSPECT-PORT=1',
      '--remote-allow-origins=*',
    ];
    expect(forbiddenSwitches(argv, 'linux')).toEqual(argv.slice(1));
    expect(forbiddenSwitches(['C:\\Athar\\athar.exe', '/remote-debugging-port=9222'], 'win32')).toEqual([
      '/remote-debugging-port=9222',
    ]);
  });

  it('lets ordinary starts through, including a path that merely contains the words', () => {
    expect(
      forbiddenSwitches(['/opt/Athar/athar', '--no-sandbox-is-not-here', '/home/u/inspect/file'], 'linux'),
    ).toEqual([]);
    expect(forbiddenSwitches(['/usr/bin/athar', '--lang=ar', '--enable-logging'], 'linux')).toEqual([]);
  });
});
