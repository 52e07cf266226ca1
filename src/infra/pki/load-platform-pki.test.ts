import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlatformPki } from './load-platform-pki';
import { pkiEncoding } from './pki-encoding';
import { PKI_FILES } from './pki-ceremony';

function openssl(...args: string[]) {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return `${r.stdout}\n${r.stderr}`;
}

const der = (cert: Parameters<typeof pkiEncoding.der>[0]) => pkiEncoding.der(cert).toString('hex');

describe('loadPlatformPki: stored TSA and OCSP keys', () => {
  let dir: string;
  const pkiDir = () => join(dir, 'data', 'keys', 'pki');
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-load-pki-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the ceremony writes every file, mode 0600; two loads share the TSA and the OCSP responder', async () => {
    const first = await loadPlatformPki({ dataDir: join(dir, 'data') });
    for (const f of [...PKI_FILES.online, ...PKI_FILES.offline])
      expect(statSync(join(pkiDir(), f)).mode & 0o777, f).toBe(0o600);
    const second = await loadPlatformPki({ dataDir: join(dir, 'data') });
    expect(der(second.tsa.certificate)).toBe(der(first.tsa.certificate));
    expect(der(second.ocspResponder.certificate)).toBe(der(first.ocspResponder.certificate));
    expect(der(second.ca.issuing)).toBe(der(first.ca.issuing));

    // A token from the second process verifies against the chain, with the certificate of the first.
    const imprint = createHash('sha256').update('contract').digest();
    writeFileSync(join(dir, 'token.der'), await second.tsa.token(imprint));
    writeFileSync(join(dir, 'chain.pem'), first.ca.chainPem());
    writeFileSync(
      join(dir, 'tsa.pem'),
      pkiEncoding.toPem(pkiEncoding.der(first.tsa.certificate), 'CERTIFICATE'),
    );
    // prettier-ignore
    const verified = openssl('ts', '-verify', '-digest', imprint.toString('hex'), '-token_in',
      '-in', join(dir, 'token.der'), '-CAfile', join(dir, 'chain.pem'), '-untrusted', join(dir, 'tsa.pem'));
    expect(verified).toContain('Verification: OK');
    const text = openssl('x509', '-in', join(pkiDir(), 'tsa.crt.pem'), '-noout', '-text');
    expect(text).toMatch(/X509v3 Extended Key Usage: critical\s+Time Stamping/);
  });

  it('an embedded directory from before the stored TSA/OCSP keys gets them once', async () => {
    const before = await loadPlatformPki({ dataDir: join(dir, 'data') });
    for (const f of ['tsa.key.pem', 'tsa.crt.pem', 'ocsp.key.pem', 'ocsp.crt.pem']) rmSync(join(pkiDir(), f));
    const upgraded = await loadPlatformPki({ dataDir: join(dir, 'data') });
    expect(existsSync(join(pkiDir(), 'tsa.crt.pem'))).toBe(true);
    expect(der(upgraded.tsa.certificate)).not.toBe(der(before.tsa.certificate));
    expect(der(upgraded.ca.issuing)).toBe(der(before.ca.issuing)); // the CA is not re-keyed
    const again = await loadPlatformPki({ dataDir: join(dir, 'data') });
    expect(der(again.tsa.certificate)).toBe(der(upgraded.tsa.certificate));
    expect(der(again.ocspResponder.certificate)).toBe(der(upgraded.ocspResponder.certificate));
  });

  it('configured (PKI_DIR): a missing TSA or OCSP file is an error that says what to do', async () => {
    const configured = join(dir, 'configured');
    cpSync(pkiDir(), configured, { recursive: true });
    rmSync(join(configured, 'root-OFFLINE.key.pem'));
    await expect(loadPlatformPki({ dataDir: join(dir, 'unused'), configured })).resolves.toBeDefined();
    rmSync(join(configured, 'tsa.crt.pem'));
    await expect(loadPlatformPki({ dataDir: join(dir, 'unused'), configured })).rejects.toThrow(
      /has no tsa\.crt\.pem.*PKI_DIR/,
    );
    expect(existsSync(join(configured, 'tsa.crt.pem'))).toBe(false); // nothing generated
    cpSync(join(pkiDir(), 'tsa.crt.pem'), join(configured, 'tsa.crt.pem'));
    rmSync(join(configured, 'bank.key.pem'));
    await expect(loadPlatformPki({ dataDir: join(dir, 'unused'), configured })).rejects.toThrow(
      /has no bank\.key\.pem: give PKI_DIR/,
    );
  });

  it('publicUrl: new signer, organisation and TSA certificates carry CDP and AIA at the platform', async () => {
    const pki = await loadPlatformPki({ dataDir: join(dir, 'public'), publicUrl: 'https://bank.example' });
    const key = await pki.keyStore.generate('signer/x');
    const signer = await pki.ca.issueSignerCertificate({
      name: 'Zhang San',
      role: 'borrower',
      applicationId: 'A1',
      idNumberCommitment: 'a'.repeat(64),
      publicKey: await pki.keyStore.publicKey(key),
    });
    for (const cert of [signer, pki.bank.certificate, pki.tsa.certificate]) {
      writeFileSync(join(dir, 'cert.pem'), pkiEncoding.toPem(pkiEncoding.der(cert), 'CERTIFICATE'));
      const text = openssl('x509', '-in', join(dir, 'cert.pem'), '-noout', '-text');
      expect(text).toContain('URI:https://bank.example/api/pki/issuing.crl');
      expect(text).toContain('OCSP - URI:https://bank.example/api/pki/ocsp');
      expect(text).toContain('CA Issuers - URI:https://bank.example/api/pki/issuing.crt');
    }
    writeFileSync(join(dir, 'cert.pem'), pkiEncoding.toPem(pkiEncoding.der(pki.ca.issuing), 'CERTIFICATE'));
    expect(openssl('x509', '-in', join(dir, 'cert.pem'), '-noout', '-text')).toContain(
      'URI:https://bank.example/api/pki/root.crl',
    );
    // Without a public URL nothing points at a server nobody runs.
    const plain = await loadPlatformPki({ dataDir: join(dir, 'data') });
    writeFileSync(
      join(dir, 'cert.pem'),
      pkiEncoding.toPem(pkiEncoding.der(plain.bank.certificate), 'CERTIFICATE'),
    );
    expect(openssl('x509', '-in', join(dir, 'cert.pem'), '-noout', '-text')).not.toContain(
      'Authority Information',
    );
  });
});
