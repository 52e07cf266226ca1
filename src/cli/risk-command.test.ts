import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { riskCommand } from './risk-command';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The shared credit data: MIANQIAN_CREDIT_DIR, /work/shared/data/credit, or ../shared/data/credit. */
function creditDir(): string {
  const candidates = [
    process.env.MIANQIAN_CREDIT_DIR,
    '/work/shared/data/credit',
    resolve(root, '../shared/data/credit'),
  ].filter((d): d is string => !!d);
  const found = candidates.find((d) => existsSync(join(d, 'taiwan_default_train.csv')));
  if (!found) throw new Error(`The credit data were not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Runs the real `mianqian` command in a child process, as a user would. */
function mianqian(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['bin/mianqian.mjs', ...args],
      { cwd: root, timeout: 120_000 },
      (error, stdout, stderr) => done({ status: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** Runs the command in-process, capturing what it prints. */
function run(args: string[]): { status: number; stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const status = riskCommand(args);
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

const tmp = mkdtempSync(join(tmpdir(), 'risk-cli-'));
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('mianqian risk evaluate', () => {
  it('prints one JSON line with the shipped model’s AUC, KS and Gini on the Taiwan file (child process)', async () => {
    const r = await mianqian(
      'risk',
      'evaluate',
      '--model',
      'models/retail-taiwan.json',
      '--data',
      join(creditDir(), 'taiwan_default_train.csv'),
      '--target',
      'default_payment_next_month',
    );
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const m = JSON.parse(lines[0]!) as Record<string, number>;
    expect(Object.keys(m)).toEqual(['n', 'auc', 'ks', 'gini']);
    expect(m.n).toBe(24000);
    expect(m.auc).toBeGreaterThan(0.77);
    expect(m.gini).toBeCloseTo(2 * m.auc! - 1, 5);
    expect(m.ks).toBeGreaterThan(0.3);
  });

  it('exits 2 with a message, not a stack trace, on bad input', () => {
    const data = join(creditDir(), 'german_credit.csv');
    const missing = run(['evaluate', '--model', join(tmp, 'nope.json'), '--data', data, '--target', 'bad']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the model/);
    const model = join(root, 'models/retail-taiwan.json');
    const unknownTarget = run(['evaluate', '--model', model, '--data', data, '--target', 'nope']);
    expect(unknownTarget.status).toBe(2);
    expect(unknownTarget.stderr).toMatch(/no column "nope"/);
    const notBinary = run(['evaluate', '--model', model, '--data', data, '--target', 'credit_amount']);
    expect(notBinary.status).toBe(2);
    expect(notBinary.stderr).toMatch(/must be 0 or 1/);
    expect(notBinary.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('mianqian risk train', () => {
  it('trains on German credit, excludes the protected columns itself and writes the artifact', () => {
    const out = join(tmp, 'german.json');
    const r = run([
      'train',
      '--data',
      join(creditDir(), 'german_credit.csv'),
      '--target',
      'bad',
      '--out',
      out,
      '--id',
      'german-test',
      '--version',
      '1',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/personal_status_sex, age_years, foreign_worker/);
    const last = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
      cvAuc: number;
      holdout: { auc: number };
    };
    expect(last.cvAuc).toBeGreaterThanOrEqual(0.78);
    const model = JSON.parse(readFileSync(out, 'utf8')) as {
      protectedInputs: string[];
      characteristics: { name: string }[];
    };
    expect(model.protectedInputs.sort()).toEqual(['age_years', 'foreign_worker', 'personal_status_sex']);
    expect(model.characteristics.map((c) => c.name)).not.toContain('age_years');
  });

  it('refuses a derived characteristic that would read an excluded column (exit 2)', () => {
    const csv = join(tmp, 'tiny.csv');
    writeFileSync(csv, 'PAY_0,y\n1,0\n2,1\n');
    const r = run([
      'train',
      '--data',
      csv,
      '--target',
      'y',
      '--exclude',
      'PAY_0',
      '--derived',
      'taiwan',
      '--out',
      join(tmp, 'x.json'),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PAY_0/);
    expect(existsSync(join(tmp, 'x.json'))).toBe(false);
  });
});
