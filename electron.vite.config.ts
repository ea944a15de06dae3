import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { rendererConfig, sharedAlias } from './vite.shared.ts';

export default defineConfig({
  main: {
    resolve: { alias: sharedAlias },
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    resolve: { alias: sharedAlias },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron' (and a few builtins): bundle everything else.
      externalizeDeps: false,
      // Sandboxed preloads cannot be ES modules.
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig('out/renderer'),
    build: rendererConfig('out/renderer').build,
  },
});
