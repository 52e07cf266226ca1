import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlatformPki } from '../infra/pki/load-platform-pki';
import { x509Name } from '../infra/pki/x509-name';

const mianqian = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/mianqian.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('mianqian pki ceremony', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-ceremony-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the PKI into a new directory, says what goes online and what goes offline', async () => {
    const out = join(dir, 'pki');
    // prettier-ignore
    const r = mianqian('pki', 'ceremony', '--out', out, '--bank-name', 'Example Bank Co., Ltd.',
      '--bank-credit-code', '91110000100000000X', '--public-url', 'https://bank.example/');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      [
        'bank.crt.pem',
        'bank.key.pem',
        'issuing.crt.pem',
        'issuing.key.pem',
        'ocsp.crt.pem',
        'ocsp.key.pem',
        'root-OFFLINE.key.pem',
        'root.crl',
        'root.crt.pem',
        'tsa.crt.pem',
        'tsa.key.pem',
      ].sort(),
    );
    expect(statSync(join(out, 'root-OFFLINE.key.pem')).mode & 0o777).toBe(0o600);
    const [online, offline] = r.stdout.split(/^OFFLINE/m);
    expect(online).toContain('PKI_DIR');
    expect(online).toContain('issuing.key.pem');
    expect(online).not.toContain('root-OFFLINE.key.pem');
    expect(offline).toContain('root-OFFLINE.key.pem');
    expect(r.stdout).toContain('PKI_PUBLIC_URL=https://bank.example');

    // The output is a PKI_DIR as production loads it: the bank's name and credit code in its seal.
    rmSync(join(out, 'root-OFFLINE.key.pem'));
    const pki = await loadPlatformPki({ dataDir: join(dir, 'unused'), configured: out });
    expect(x509Name.get(pki.bank.certificate.subject, 'CN')).toBe('Example Bank Co., Ltd.');
    expect(x509Name.format(pki.bank.certificate.subject)).toContain('91110000100000000X');
  });

  it('refuses a directory that is not empty, and changes nothing there', () => {
    const out = join(dir, 'used');
    mkdirSync(out);
    writeFileSync(join(out, 'issuing.key.pem'), 'the key in service');
    const r = mianqian('pki', 'ceremony', '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is not empty/);
    expect(readdirSync(out)).toEqual(['issuing.key.pem']);
  });

  it('refuses a bad public URL and a missing --out', () => {
    const bad = mianqian('pki', 'ceremony', '--out', join(dir, 'x'), '--public-url', 'ftp://bank.example');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--public-url must be an http\(s\) URL/);
    expect(mianqian('pki', 'ceremony').status).toBe(2);
  });
});
