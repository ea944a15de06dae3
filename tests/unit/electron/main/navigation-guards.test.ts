import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../../electron/main/windows/navigation-guards';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/main/windows/csp';

describe('navigation guards', () => {
  it('knows the app origin and, in development only, the dev server', () => {
    expect(isAppUrl('app://athar/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
  });

  it('has a CSP that forbids remote content, inline scripts and eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|'unsafe-eval'/);
  });
});
