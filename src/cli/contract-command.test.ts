import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePdfsigOutput } from '../infra/pki/parse-pdfsig-output';

const mianqian = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/mianqian.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
const pdfsig = (file: string) => spawnSync('pdfsig', [file], { encoding: 'utf8' });

/**
 * The deployment smoke test end to end: `mianqian contract sample` renders the three-party contract and
 * signs it through the real signing path; pdfsig and our `contract verify` both accept every
 * signature, and both catch a one-byte change in a signed revision.
 */
describe('mianqian contract sample / verify', () => {
  let dir: string;
  let pdf: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-contract-'));
    pdf = join(dir, 'contract.pdf');
    const made = mianqian('contract', 'sample', '--out', pdf, '--data-dir', join(dir, 'data'));
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('signs all three parties so that pdfsig and our verifier accept them', () => {
    const report = pdfsig(pdf);
    const signatures = parsePdfsigOutput(report.stdout).filter(
      (s) => s.signatureType === 'ETSI.CAdES.detached',
    );
    expect(signatures.map((s) => s.signatureValidation)).toEqual([
      'Signature is Valid.',
      'Signature is Valid.',
      'Signature is Valid.',
    ]);
    const verified = mianqian('contract', 'verify', pdf, '--root', `${pdf}.root.pem`);
    expect(verified.status).toBe(0);
    expect(verified.stdout.match(/^OK {3}#\d/gm)).toHaveLength(4);
    expect(verified.stdout).toContain('张三');
    expect(verified.stdout).toContain('document-timestamp');
  });

  it('reports a one-byte change in the first signed revision', () => {
    const bytes = readFileSync(pdf);
    const at = bytes.indexOf('借款合同') >= 0 ? bytes.indexOf('/Producer') : 200;
    const copy = Buffer.from(bytes);
    copy[at + 2] = copy[at + 2]! ^ 0x01;
    const tampered = join(dir, 'tampered.pdf');
    writeFileSync(tampered, copy);
    const report = parsePdfsigOutput(pdfsig(tampered).stdout).filter(
      (s) => s.signatureType === 'ETSI.CAdES.detached',
    );
    expect(report.every((s) => s.signatureValidation === 'Digest Mismatch.')).toBe(true);
    const verified = mianqian('contract', 'verify', tampered, '--root', `${pdf}.root.pem`);
    expect(verified.status).toBe(1);
    expect(verified.stdout).toMatch(/FAIL #1 .*digest-mismatch/);
  });

  it('refuses another root and bad usage', () => {
    const other = mkdtempSync(join(tmpdir(), 'mq-contract-other-'));
    try {
      const otherRoot = join(other, 'other.pdf');
      expect(
        mianqian('contract', 'sample', '--out', otherRoot, '--data-dir', join(other, 'data')).status,
      ).toBe(0);
      const verified = mianqian('contract', 'verify', pdf, '--root', `${otherRoot}.root.pem`);
      expect(verified.status).toBe(1);
      expect(verified.stdout).toContain('chain: untrusted');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    expect(mianqian('contract', 'sample').status).toBe(2);
    expect(mianqian('contract', 'verify', join(dir, 'missing.pdf'), '--root', `${pdf}.root.pem`).status).toBe(
      2,
    );
  });
});
