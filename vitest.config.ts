import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores, but a test waits on Chromium, Java and the disk much of the time: with two
    // workers the run kept 1.2 cores busy; a third keeps them fuller.
    maxWorkers: 3,
    projects: [
      // Fast tests of one module each: no Chromium, no build to disk (`npm run test:unit`).
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/hostile/**/*.test.ts', 'test/dialects/**/*.test.ts'],
          // One Chromium for the whole run, shared by every test that prints or draws a cover.
          globalSetup: ['test/helpers/global-setup.ts'],
          setupFiles: ['test/helpers/use-run-chromium.ts'],
        },
      },
    ],
  },
});
