import { defineConfig } from 'vitest/config';

// One `vitest run` runs every project: core and add-in units in Node, the Worker inside workerd, browser tests.
export default defineConfig({
  test: {
    projects: [
      './vitest.worker.config.ts',
      {
        test: {
          name: 'core',
          include: ['test/core/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'addin',
          include: ['test/addin/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
