import { defineConfig } from 'vitest/config';

// One `vitest run` runs every project: core and add-in units in Node, the Worker inside workerd, browser tests.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          include: ['test/core/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
