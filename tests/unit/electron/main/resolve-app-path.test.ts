import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppPath } from '../../../../electron/main/protocol/resolve-app-path';

const root = path.resolve('/opt/athar/renderer');

describe('app:// path resolution', () => {
  it('serves files inside the renderer folder', () => {
    expect(resolveAppPath(root, 'app://athar/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://athar/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://athar/assets/app-1.js?v=2#x')).toBe(path.join(root, 'assets/app-1.js'));
  });

  it('stays inside when the URL parser folds dot segments', () => {
    expect(resolveAppPath(root, 'app://athar/../secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(resolveAppPath(root, 'app://athar/%2e%2e/secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(resolveAppPath(root, 'app://athar/assets/%2E%2E/%2E%2E/etc/passwd')).toBe(path.join(root, 'etc/passwd'));
  });

  it('refuses every way out of it', () => {
    for (const url of [
      'app://athar/..%2f..%2fetc%2fpasswd',
      'app://athar/..%5c..%5cwindows',
      'app://athar/%00index.html',
      'app://athar/%E0%A4%A',
      'not a url',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('names content types, with a safe default', () => {
    expect(contentTypeFor('a.js')).toMatch(/javascript/);
    expect(contentTypeFor('a.wasm')).toBe('application/wasm');
    expect(contentTypeFor('a.exe')).toBe('application/octet-stream');
  });
});
