import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['core/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/src/**/*.test.{ts,tsx}'],
          exclude: ['core/test/**', 'node_modules/**', 'dist/**'],
          environment: 'node',
          // Property tests and big-file tests take seconds; a loaded machine must not turn them into
          // timeouts. Speed is asserted in benchmarks, never here.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['core/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['renderer/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
