import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One Chromium for the whole run, shared by every test that prints.
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: more workers only make Chromium and EPUBCheck fight for them.
    maxWorkers: 2,
  },
});
