import { describe, expect, it } from 'vitest';
import type { WebContents } from 'electron';
import { hardenWebContents } from '../../../../electron/main/windows/harden-web-contents';

// A fake WebContents that keeps what the guards registered: Electron cannot be loaded outside its own binary.
function fakeContents() {
  const on = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (name: string, fn: (event: { preventDefault(): void }, url?: string) => void) => on.set(name, fn),
    setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => {
      openHandler = fn;
    },
  } as unknown as WebContents;
  return { contents, on, open: (url: string) => openHandler!({ url }) };
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
