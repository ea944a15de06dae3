import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import type { Plugin, UserConfig } from 'vite';

/**
 * The renderer's build, shared by electron-vite (the app) and the plain Vite
 * build that Playwright drives in Chromium, so both test the same bundle.
 */
const devCsp = (): Plugin => ({
  name: 'athar-dev-csp',
  apply: 'serve',
  // The dev server injects an inline React Refresh preamble and uses a websocket.
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'")
      .replace("connect-src 'self' blob:", "connect-src 'self' blob: ws: http://localhost:*"),
});

/** `@shared/…` is the repository's shared/ folder, in every build and in tsconfig.base.json. */
export const sharedAlias = { '@shared': resolve(import.meta.dirname, 'shared') };

export function rendererConfig(outDir: string): UserConfig {
  return {
    root: resolve(import.meta.dirname, 'renderer'),
    base: './',
    plugins: [react(), devCsp()],
    resolve: { alias: sharedAlias },
    build: {
      outDir: resolve(import.meta.dirname, outDir),
      emptyOutDir: true,
      target: 'chrome130',
      sourcemap: false,
      chunkSizeWarningLimit: 4000,
      rollupOptions: {
        // The media service worker must sit at the root: a service worker only controls pages inside its own folder.
        input: {
          index: resolve(import.meta.dirname, 'renderer/index.html'),
          'media-sw': resolve(import.meta.dirname, 'renderer/src/workers/media-sw.ts'),
        },
        output: { entryFileNames: (chunk) => (chunk.name === 'media-sw' ? 'media-sw.js' : 'assets/[name]-[hash].js') },
      },
    },
    worker: { format: 'es' },
  };
}
