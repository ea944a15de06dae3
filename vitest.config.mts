import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'tests/unit/shared/**/*.test.ts',
            'tests/unit/electron/**/*.test.ts',
            'tests/unit/build/**/*.test.ts',
            'tests/unit/sync-server/**/*.test.ts',
            'tests/unit/sync/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          // Property-based fuzzing (fast-check): a smoke run here, the full run with `npm run fuzz`.
          name: 'fuzz',
          environment: 'happy-dom',
          include: ['tests/fuzz/**/*.fuzz.ts'],
          setupFiles: ['tests/unit/renderer/setup.ts'],
          testTimeout: 60 * 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['tests/unit/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/unit/renderer/setup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
