import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { rendererConfig } from './vite.shared.ts';
import { syncProxy } from './vite.sync-proxy.ts';

// The app and the benchmark page built together and served from one origin, so both see the same IndexedDB.
const base = rendererConfig('out/bench');
export default defineConfig({
  ...base,
  plugins: [...(base.plugins ?? []), syncProxy()],
  root: import.meta.dirname,
  build: {
    ...base.build,
    rollupOptions: {
      input: {
        app: resolve(import.meta.dirname, 'renderer/index.html'),
        bench: resolve(import.meta.dirname, 'tests/bench/browser/bench.html'),
      },
      output: { entryFileNames: 'assets/[name]-[hash].js' },
    },
  },
  preview: { port: 4318, strictPort: true, host: '127.0.0.1' },
});
