import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustRoutes } from '../../features/trust/trust.routes';
import { loadPlatformPki, type PlatformPki } from './load-platform-pki';
import { pkiEncoding } from './pki-encoding';
import { createPlatformTrustServices } from './platform-trust-services';
import { readOcspResponse } from './read-ocsp-response';

const run = promisify(execFile);

/** The trust routes over the real PKI, listening, asked by openssl as a relying party would. */
describe('trust services over HTTP (openssl as the client)', () => {
  let dir: string;
  let pki: PlatformPki;
  let app: FastifyInstance;
  let base: string;
  const at = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mq-trust-'));
    pki = await loadPlatformPki({ dataDir: join(dir, 'data') });
    app = fastify({ routerOptions: { maxParamLength: 200 } });
    await app.register(trustRoutes, {
      deps: createPlatformTrustServices({ pki, isTimestampingPublic: true }),
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    const key = await pki.keyStore.generate('signer/x');
    const signer = await pki.ca.issueSignerCertificate({
      name: 'Zhang San',
      role: 'borrower',
      applicationId: 'A1',
      idNumberCommitment: 'a'.repeat(64),
      publicKey: await pki.keyStore.publicKey(key),
    });
    writeFileSync(at('signer.pem'), pkiEncoding.toPem(pkiEncoding.der(signer), 'CERTIFICATE'));
    writeFileSync(at('issuing.pem'), pkiEncoding.toPem(pkiEncoding.der(pki.ca.issuing), 'CERTIFICATE'));
    writeFileSync(at('chain.pem'), pki.ca.chainPem());
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('openssl ocsp -url: good, signature and nonce verified', async () => {
    // prettier-ignore
    const { stdout, stderr } = await run('openssl', ['ocsp', '-url', `${base}/api/pki/ocsp`,
      '-issuer', at('issuing.pem'), '-cert', at('signer.pem'), '-CAfile', at('chain.pem')]);
    expect(`${stdout}${stderr}`).toContain('Response verify OK');
    expect(stdout).toContain(`${at('signer.pem')}: good`);
    expect(`${stdout}${stderr}`).not.toMatch(/nonce/i);
  });

  it('GET form and garbage: a verifiable response, and malformedRequest', async () => {
    spawnSync('openssl', [
      'ocsp',
      '-issuer',
      at('issuing.pem'),
      '-cert',
      at('signer.pem'),
      '-reqout',
      at('req.der'),
    ]);
    const request = readFileSync(at('req.der'));
    const res = await app.inject({
      method: 'GET',
      url: `/api/pki/ocsp/${encodeURIComponent(request.toString('base64'))}`,
    });
    expect(res.headers['content-type']).toBe('application/ocsp-response');
    writeFileSync(at('resp.der'), res.rawPayload);
    // prettier-ignore
    const checked = spawnSync('openssl', ['ocsp', '-reqin', at('req.der'), '-respin', at('resp.der'),
      '-CAfile', at('chain.pem')], { encoding: 'utf8' });
    expect(`${checked.stdout}${checked.stderr}`).toContain('Response verify OK');
    expect(readOcspResponse(res.rawPayload).responses.map((r) => r.status)).toEqual(['good']);
    const garbage = await app.inject({
      method: 'POST',
      url: '/api/pki/ocsp',
      headers: { 'content-type': 'application/ocsp-request' },
      payload: Buffer.from('garbage'),
    });
    expect(garbage.statusCode).toBe(200);
    expect(readOcspResponse(garbage.rawPayload).status).toBe('malformedRequest');
  });

  it('certificates, CRL and timestamps as openssl reads them', async () => {
    const crl = await app.inject({ method: 'GET', url: '/api/pki/issuing.crl' });
    writeFileSync(at('issuing.crl'), crl.rawPayload);
    const crlText = spawnSync(
      'openssl',
      ['crl', '-inform', 'DER', '-in', at('issuing.crl'), '-noout', '-issuer'],
      {
        encoding: 'utf8',
      },
    ).stdout;
    expect(crlText).toContain('Mianqian Platform Signing CA');
    const root = await app.inject({ method: 'GET', url: '/api/pki/root.crt' });
    expect(root.rawPayload.equals(pkiEncoding.der(pki.ca.root))).toBe(true);

    writeFileSync(at('data.txt'), 'contract bytes');
    const query = spawnSync('openssl', ['ts', '-query', '-data', at('data.txt'), '-sha256', '-cert']).stdout;
    writeFileSync(at('req.tsq'), query);
    const reply = await app.inject({
      method: 'POST',
      url: '/api/pki/tsa',
      headers: { 'content-type': 'application/timestamp-query' },
      payload: query,
    });
    expect(reply.headers['content-type']).toBe('application/timestamp-reply');
    writeFileSync(at('resp.tsr'), reply.rawPayload);
    // prettier-ignore
    const verified = spawnSync('openssl', ['ts', '-verify', '-in', at('resp.tsr'), '-queryfile', at('req.tsq'),
      '-CAfile', at('chain.pem')], { encoding: 'utf8' });
    expect(verified.stdout).toContain('Verification: OK');
  });
});
