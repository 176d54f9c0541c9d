import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Suites start real HTTP servers and child processes; two cores is what CI has.
    maxWorkers: 2,
  },
});
