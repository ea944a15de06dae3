import { defineConfig } from 'vite';
import { rendererConfig } from './vite.shared.ts';

// The renderer alone, for end-to-end tests in Chromium (Electron cannot run here).
export default defineConfig({
  ...rendererConfig('out/web'),
  preview: { port: 4317, strictPort: true, host: '127.0.0.1' },
});
