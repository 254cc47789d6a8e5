import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Worker threads (Oxigraph engines) and child-process servers: keep files in separate processes.
    pool: 'forks',
    maxWorkers: 2,
  },
});
