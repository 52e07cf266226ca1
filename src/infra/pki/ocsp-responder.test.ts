import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlatformPki, type PlatformPki } from './load-platform-pki';
import { pkiEncoding } from './pki-encoding';
import { PlatformCa, type RevokedEntry } from './platform-ca';
import { readOcspResponse } from './read-ocsp-response';
import { SoftwareKeyStore } from './software-key-store';

function openssl(...args: string[]) {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, all: `${r.stdout}\n${r.stderr}` };
}

describe('OCSP responder (RFC 6960), checked by openssl ocsp', () => {
  let dir: string;
  let pki: PlatformPki;
  let good: pkijs.Certificate;
  let revokedCert: pkijs.Certificate;
  const revoked: RevokedEntry[] = [];
  const at = (name: string) => join(dir, name);
  const pem = (name: string, cert: pkijs.Certificate) =>
    writeFileSync(at(name), pkiEncoding.toPem(pkiEncoding.der(cert), 'CERTIFICATE'));
  const signer = async (name: string) => {
    const key = await pki.keyStore.generate(`signer/${name}`);
    return pki.ca.issueSignerCertificate({
      name,
      role: 'borrower',
      applicationId: 'app-1',
      idNumberCommitment: 'c'.repeat(64),
      publicKey: await pki.keyStore.publicKey(key),
    });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mq-ocsp-'));
    pki = await loadPlatformPki({ dataDir: join(dir, 'data'), revocations: async () => revoked });
    good = await signer('Zhang San');
    revokedCert = await signer('Li Si');
    revoked.push({
      serial: pkiEncoding.serialHex(revokedCert),
      date: new Date(Date.now() - 60_000),
      reason: 1,
    });
    pem('good.pem', good);
    pem('revoked.pem', revokedCert);
    pem('issuing.pem', pki.ca.issuing);
    writeFileSync(at('chain.pem'), pki.ca.chainPem());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers an openssl request: signed by the delegated responder, nonce echoed, good and revoked', async () => {
    // prettier-ignore
    openssl('ocsp', '-issuer', at('issuing.pem'), '-cert', at('good.pem'), '-cert', at('revoked.pem'), '-reqout', at('req.der'));
    writeFileSync(at('resp.der'), await pki.ocsp(readFileSync(at('req.der'))));
    // With -reqin, openssl checks the response against that request, nonce included.
    const verified = openssl(
      'ocsp',
      '-reqin',
      at('req.der'),
      '-respin',
      at('resp.der'),
      '-CAfile',
      at('chain.pem'),
    );
    expect(verified.all).toContain('Response verify OK');
    expect(verified.all).not.toMatch(/nonce/i);
    // prettier-ignore
    const statuses = openssl('ocsp', '-issuer', at('issuing.pem'), '-cert', at('good.pem'), '-cert', at('revoked.pem'),
      '-respin', at('resp.der'), '-CAfile', at('chain.pem'), '-no_nonce');
    expect(statuses.all).toContain('Response verify OK');
    expect(statuses.all).toContain(`${at('good.pem')}: good`);
    expect(statuses.all).toContain(`${at('revoked.pem')}: revoked`);
    expect(statuses.all).toContain('Reason: keyCompromise');
    const text = openssl('ocsp', '-respin', at('resp.der'), '-resp_text', '-noverify').all;
    expect(text).toContain('OCSP Signing'); // the delegated certificate travels in the response
    expect(text).toContain('OCSP No Check');
    expect(text).toMatch(/Next Update: /);
  });

  it('uses the same revocations as the CRL', async () => {
    const [crl] = await pki.crls();
    writeFileSync(at('issuing.crl'), crl!);
    const text = openssl('crl', '-inform', 'DER', '-in', at('issuing.crl'), '-noout', '-text').all;
    expect(text).toContain(pkiEncoding.serialHex(revokedCert).toUpperCase());
    expect(text).not.toContain(pkiEncoding.serialHex(good).toUpperCase());
  });

  it('answers unknown for a certificate of another issuer', async () => {
    const keyStore = new SoftwareKeyStore();
    const { ca: other } = await PlatformCa.bootstrap({ keyStore, organisation: 'Other Platform' });
    const key = await keyStore.generate('x');
    const foreign = await other.issueOrganisationCertificate({
      name: 'Foreign Co.',
      publicKey: await keyStore.publicKey(key),
    });
    pem('foreign.pem', foreign);
    pem('other-issuing.pem', other.issuing);
    // prettier-ignore
    openssl('ocsp', '-issuer', at('other-issuing.pem'), '-cert', at('foreign.pem'), '-reqout', at('foreign-req.der'));
    writeFileSync(at('foreign-resp.der'), await pki.ocsp(readFileSync(at('foreign-req.der'))));
    // prettier-ignore
    const r = openssl('ocsp', '-issuer', at('other-issuing.pem'), '-cert', at('foreign.pem'),
      '-respin', at('foreign-resp.der'), '-CAfile', at('chain.pem'), '-no_nonce');
    expect(r.all).toContain(`${at('foreign.pem')}: unknown`);
  });

  it('answers garbage with malformedRequest, never an exception', async () => {
    const request = readFileSync(at('req.der'));
    const inputs = [
      Buffer.alloc(0),
      Buffer.from('hello'),
      request.subarray(0, request.length - 3),
      Buffer.concat([request, Buffer.from([0])]),
      Buffer.from([0x30, 0x00]),
      Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]),
    ];
    for (const input of inputs) {
      const response = await pki.ocsp(input);
      expect(readOcspResponse(response).status).toBe('malformedRequest');
    }
    writeFileSync(at('garbage-resp.der'), await pki.ocsp(Buffer.from('hello')));
    expect(openssl('ocsp', '-respin', at('garbage-resp.der'), '-resp_text').all).toMatch(
      /Responder Error: malformedrequest/i,
    );
  });

  it('ocspResponsesFor: one response per certificate the issuing CA issued, each verifiable', async () => {
    const responses = await pki.ocspResponsesFor([
      good,
      good,
      pki.ca.issuing,
      pki.ca.root,
      pki.tsa.certificate,
    ]);
    expect(responses).toHaveLength(2);
    expect(responses.map((r) => readOcspResponse(r).responses.map((s) => [s.serial, s.status]))).toEqual([
      [[pkiEncoding.serialHex(good), 'good']],
      [[pkiEncoding.serialHex(pki.tsa.certificate), 'good']],
    ]);
    writeFileSync(at('dss-resp.der'), responses[0]!);
    // prettier-ignore
    const r = openssl('ocsp', '-issuer', at('issuing.pem'), '-cert', at('good.pem'), '-respin', at('dss-resp.der'),
      '-CAfile', at('chain.pem'), '-no_nonce');
    expect(r.all).toContain('Response verify OK');
    expect(r.all).toContain(`${at('good.pem')}: good`);
  });
});
