import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// The packaging rules that keep a shipped build hardened and small, read from the parsed configuration
// (a commented-out line, or a value changed next to the right key, is not mistaken for the setting).
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const builder = parse(readFileSync('build/electron-builder.yml', 'utf8')) as {
  electronFuses?: Record<string, unknown>;
  linux?: { target?: unknown };
  win?: { target?: unknown };
  nsis?: Record<string, unknown>;
  mac?: { target?: unknown };
};

describe('packaging', () => {
  it('sets every Electron fuse, each to its hardened value', () => {
    expect(builder.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(builder.linux?.target).toEqual(['AppImage', 'deb']);
    expect(builder.win?.target).toEqual(['nsis']);
    // Into Program Files, which only an administrator can write: not a folder the user's own processes can change.
    expect(builder.nsis).toMatchObject({ perMachine: true, allowToChangeInstallationDirectory: false });
    expect(builder.mac?.target).toEqual(['dmg']);
  });

  it('keeps renderer-only libraries out of dependencies (they would be packed into app.asar)', () => {
    const deps = Object.keys(pkg.dependencies ?? {});
    for (const lib of ['react', 'react-dom', 'dexie', '@mantine/core', '@tiptap/react', 'i18next', 'electron'])
      expect(deps).not.toContain(lib);
    expect(pkg.devDependencies?.['electron']).toBe('45.4.1');
  });
});
