import { defineConfig } from 'vitest/config';

/**
 * Files that stand in for the file system with vi.mock: the modules they test must be loaded
 * afresh, after the mock, so they run isolated. Every other file shares its worker's modules
 * with the files before it (a module is imported once per worker, not once per file).
 */
const MOCKS_A_MODULE = ['tests/store/disk-full.test.ts', 'tests/store/store-permissions.test.ts'];
// Per project, not inherited from the root (extends): the root's globalSetup would run again for each.
const EACH = { testTimeout: 20_000, hookTimeout: 20_000 };

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    // Two cores is what CI has, but tests spend much of their time waiting on timers, child
    // processes and the network: four workers keep both cores busy (README, How long npm test takes).
    maxWorkers: 4,
    projects: [
      {
        test: {
          ...EACH,
          name: 'shared',
          include: ['tests/**/*.test.ts'],
          exclude: MOCKS_A_MODULE,
          isolate: false,
        },
      },
      { test: { ...EACH, name: 'isolated', include: MOCKS_A_MODULE, isolate: true } },
    ],
  },
});
