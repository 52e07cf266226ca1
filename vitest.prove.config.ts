import { defineConfig } from 'vitest/config';

/**
 * The prove-it suites (tests/prove/): crash durability, exactly-once, the model-based journey, bad
 * input, access, headers, personal data, tamper evidence, backup and restore. `npm test` runs them
 * after the unit and integration tests; `npm run test:prove` (or one of the `test:<name>` scripts)
 * runs them alone. See docs/reliability.md.
 */
export default defineConfig({
  test: {
    include: ['tests/prove/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
