#!/usr/bin/env node
// `npm test`: type-check, lint (with the import rules), unit and integration tests on PGlite and —
// when one answers — PostgreSQL and Redis, then the end-to-end tests in Debian's Chromium.
// Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const e2eOnly = process.argv.includes('--e2e-only');
let passed = 0;
let failed = 0;

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function step(label, cmd, args) {
  if (run(label, cmd, args)) passed++;
  else {
    failed++;
    console.error(`✗ ${label} failed`);
  }
}

function vitest(label, args, env) {
  const out = join(mkdtempSync(join(tmpdir(), 'mq-vitest-')), 'results.json');
  const ok = run(
    label,
    'npx',
    ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    env,
  );
  try {
    const results = JSON.parse(readFileSync(out, 'utf8'));
    passed += results.numPassedTests;
    failed += results.numFailedTests + (ok || results.numFailedTests > 0 ? 0 : 1);
  } catch {
    failed++;
    console.error(`✗ ${label}: no results`);
  }
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 1500 });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
  });
}

const env = {};
if (!e2eOnly) {
  // Integration tests also run against a real PostgreSQL server and Redis. Each test creates its own
  // database and drops it afterwards. Set TEST_DATABASE_URL / TEST_REDIS_URL to point elsewhere, or
  // MIANQIAN_TEST_EMBEDDED_ONLY=1 to run on the embedded database alone.
  if (!process.env.MIANQIAN_TEST_EMBEDDED_ONLY) {
    env.TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    env.TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const pgUrl = new URL(env.TEST_DATABASE_URL);
    if (!(await reachable(pgUrl.hostname, Number(pgUrl.port || 5432)))) {
      console.error(
        `PostgreSQL is not answering at ${pgUrl.host}; start it, set TEST_DATABASE_URL, or set MIANQIAN_TEST_EMBEDDED_ONLY=1.`,
      );
      process.exit(1);
    }
    const redisUrl = new URL(env.TEST_REDIS_URL);
    if (!(await reachable(redisUrl.hostname, Number(redisUrl.port || 6379)))) {
      console.error(
        `Redis is not answering at ${redisUrl.host}; start it, set TEST_REDIS_URL, or set MIANQIAN_TEST_EMBEDDED_ONLY=1.`,
      );
      process.exit(1);
    }
  }
  step('type-check (server)', 'npx', ['tsc', '--noEmit', '-p', '.']);
  step('type-check (web)', 'npx', ['tsc', '--noEmit', '-p', 'web/tsconfig.json']);
  step('lint and import rules (eslint)', 'npx', ['eslint', '.']);
  step('format (prettier)', 'npx', ['prettier', '--check', '.']);
}
// Debian packages the tests use (Chromium, the CJK font, poppler's pdfsig/pdffonts/pdftoppm): installed
// when missing, before any test runs, so that no test has to skip.
const havePackages = run('system packages for the tests', 'node', ['scripts/ensure-system-packages.mjs']);
if (!havePackages) failed++;
if (!e2eOnly) vitest('unit and integration tests', [], env);
// The prove-it suites (docs/reliability.md): crash, exactly-once, model, bad input, access, headers,
// personal data, tamper evidence, backup and restore.
if (!e2eOnly) vitest('prove-it suites', ['-c', 'vitest.prove.config.ts'], env);
if (havePackages) vitest('end-to-end tests (Chromium)', ['-c', 'vitest.e2e.config.ts'], {});

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
