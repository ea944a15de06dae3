import { defineConfig } from 'vite';
import { rendererConfig } from './vite.shared.ts';
import { syncProxy } from './vite.sync-proxy.ts';

// The renderer alone, for end-to-end tests in Chromium (Electron cannot run here).
const base = rendererConfig('out/web');
export default defineConfig({
  ...base,
  plugins: [...(base.plugins ?? []), syncProxy()],
  preview: { port: 4317, strictPort: true, host: '127.0.0.1' },
});
