import { describe, expect, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { appPermissions, hardenWebContents } from '../../../../electron/main/windows/harden-web-contents';

// A fake WebContents that keeps what the guards registered: Electron cannot be loaded outside its own binary.
function fakeContents() {
  const on = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  let reloads = 0;
  const contents = {
    reload: () => void reloads++,
    isDestroyed: () => false,
    on: (name: string, fn: (event: { preventDefault(): void }, url?: string) => void) => on.set(name, fn),
    setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => {
      openHandler = fn;
    },
  } as unknown as WebContents;
  return { contents, on, open: (url: string) => openHandler!({ url }), reloads: () => reloads };
}

describe('window guards', () => {
  it('denies every new window, whatever the URL: nothing leaves the app through a link', () => {
    const { contents, open } = fakeContents();
    // Earlier versions handed https and mailto links to the system browser through this option: none may now.
    const handedOut: string[] = [];
    hardenWebContents(contents, { openExternal: (u: string) => handedOut.push(u) } as never);
    for (const url of [
      'https://example.org/',
      'mailto:someone@example.org',
      'app://athar/index.html',
      'file:///etc/passwd',
    ])
      expect(open(url), url).toEqual({ action: 'deny' });
    expect(handedOut).toEqual([]);
  });

  it('keeps navigation on the app and refuses webviews', () => {
    const { contents, on } = fakeContents();
    hardenWebContents(contents, {});
    const prevented = (event: string, url?: string): boolean => {
      let p = false;
      on.get(event)!({ preventDefault: () => (p = true) }, url);
      return p;
    };
    expect(prevented('will-navigate', 'https://example.org/')).toBe(true);
    expect(prevented('will-navigate', 'app://athar/index.html')).toBe(false);
    expect(prevented('will-redirect', 'https://example.org/')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
  });
});

describe('a renderer that dies', () => {
  it('is loaded again (locked) instead of leaving a white window, but not more than three times a minute', () => {
    const { contents, on, reloads } = fakeContents();
    let now = 1_000_000;
    hardenWebContents(contents, { now: () => now });
    const gone = (reason: string): void =>
      (on.get('render-process-gone') as unknown as (e: unknown, d: { reason: string }) => void)({}, { reason });
    gone('clean-exit');
    expect(reloads()).toBe(0);
    for (const reason of ['crashed', 'killed', 'oom', 'crashed']) gone(reason);
    expect(reloads()).toBe(3);
    now += 61_000;
    gone('crashed');
    expect(reloads()).toBe(4);
  });
});

describe('permissions', () => {
  // A fake Session keeping the handlers, as above.
  function fakeSession() {
    let request!: (c: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl?: string }) => void;
    let check!: (c: unknown, p: string, origin: string) => boolean;
    let device!: () => boolean;
    const session = {
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      setDevicePermissionHandler: (fn: typeof device) => (device = fn),
    } as unknown as Session;
    const asked = (permission: string, url: string): boolean => {
      let granted: boolean | null = null;
      request(null, permission, (ok) => (granted = ok), { requestingUrl: url });
      return granted!;
    };
    return { session, asked, checked: (p: string, o: string) => check(null, p, o), device: () => device() };
  }

  it('grants persistent storage to the app alone, so the engine never evicts the vault under disk pressure', () => {
    const { session, asked, checked } = fakeSession();
    appPermissions(session);
    expect(asked('persistent-storage', 'app://athar/index.html')).toBe(true);
    expect(checked('persistent-storage', 'app://athar')).toBe(true);
    expect(asked('persistent-storage', 'https://example.org/')).toBe(false);
    expect(checked('persistent-storage', 'https://example.org')).toBe(false);
    expect(checked('persistent-storage', 'file:///home')).toBe(false);
  });

  it('refuses every other permission, even to the app', () => {
    const { session, asked, checked, device } = fakeSession();
    appPermissions(session);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'hid']) {
      expect(asked(p, 'app://athar/index.html'), p).toBe(false);
      expect(checked(p, 'app://athar'), p).toBe(false);
    }
    expect(device()).toBe(false);
  });
});
