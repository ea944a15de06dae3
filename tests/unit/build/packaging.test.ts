import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The packaging rules that keep a shipped build hardened and small.
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const builder = readFileSync('build/electron-builder.yml', 'utf8');

describe('packaging', () => {
  it('sets the Electron fuses', () => {
    for (const line of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'enableEmbeddedAsarIntegrityValidation: true',
      'onlyLoadAppFromAsar: true',
    ]) {
      expect(builder).toContain(line);
    }
    expect(builder).toMatch(/target: \[AppImage, deb\]/);
    expect(builder).toMatch(/target: \[nsis\]/);
    expect(builder).toMatch(/target: \[dmg\]/);
  });

  it('keeps renderer-only libraries out of dependencies (they would be packed into app.asar)', () => {
    const deps = Object.keys(pkg.dependencies ?? {});
    for (const lib of ['react', 'react-dom', 'dexie', '@mantine/core', '@tiptap/react', 'i18next', 'electron'])
      expect(deps).not.toContain(lib);
    expect(pkg.devDependencies?.['electron']).toBe('45.4.1');
  });
});
