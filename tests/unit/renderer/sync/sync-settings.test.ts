import { describe, expect, it } from 'vitest';
import { serverAddressProblem } from '@shared/sync/server-address';
import { browserSyncFetch } from '../../../../renderer/src/platform/platform';

describe('which sync server addresses the app will talk to', () => {
  it('takes https anywhere and plain http on this computer only, never credentials in the address', () => {
    expect(serverAddressProblem('https://sync.example.org')).toBeNull();
    expect(serverAddressProblem('https://sync.example.org:6984/')).toBeNull();
    expect(serverAddressProblem('http://127.0.0.1:5984')).toBeNull();
    expect(serverAddressProblem('http://localhost:5984')).toBeNull();
    expect(serverAddressProblem('http://[::1]:5984')).toBeNull();
    expect(serverAddressProblem('http://sync.example.org')).toBe('needs-tls');
    expect(serverAddressProblem('http://192.168.1.10:5984')).toBe('needs-tls');
    expect(serverAddressProblem('https://laptop:secret@sync.example.org')).toBe('has-credentials');
    expect(serverAddressProblem('ftp://sync.example.org')).toBe('not-a-url');
    expect(serverAddressProblem('javascript:alert(1)')).toBe('not-a-url');
    expect(serverAddressProblem('sync.example.org')).toBe('not-a-url');
  });

  it('lets the web build carry requests to a loopback port only', async () => {
    await expect(browserSyncFetch('https://sync.example.org/athar')).rejects.toThrow(/this computer/);
    await expect(browserSyncFetch('http://127.0.0.1/athar')).rejects.toThrow(/this computer/);
  });
});
