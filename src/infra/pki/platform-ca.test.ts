import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyStore } from './key-store';
import { pkiEncoding } from './pki-encoding';
import { PlatformCa, type CaPem } from './platform-ca';
import { SoftwareKeyStore } from './software-key-store';
import { x509Extensions } from './x509-extensions';

function openssl(...args: string[]) {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('PlatformCa', () => {
  let dir: string;
  let keyStore: SoftwareKeyStore;
  let ca: PlatformCa;
  let rootPem: CaPem;
  let issuingPem: CaPem;
  const now = new Date('2026-03-01T08:00:00Z');
  const write = (name: string, text: string | Buffer) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const pem = (der: Buffer) => pkiEncoding.toPem(der, 'CERTIFICATE');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mianqian-ca-'));
    keyStore = new SoftwareKeyStore();
    ({ ca, rootPem, issuingPem } = await PlatformCa.bootstrap({ keyStore, clock: () => now }));
    write('root.pem', rootPem.certificate);
    write('chain.pem', ca.chainPem());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('issues a one-hour signer certificate bound to a commitment, never the ID number', async () => {
    const key = await keyStore.generate('signer/app-7/borrower');
    const commitment = 'a1'.repeat(32);
    const cert = await ca.issueSignerCertificate({
      name: '张三',
      idNumberCommitment: commitment,
      applicationId: 'app-7',
      role: 'borrower',
      publicKey: await keyStore.publicKey(key),
    });
    expect(cert.notAfter.value.getTime() - cert.notBefore.value.getTime()).toBe(61 * 60_000); // + 1 min skew
    expect(x509Extensions.readSignerBinding(cert)).toEqual({
      idNumberCommitment: commitment,
      applicationId: 'app-7',
      role: 'borrower',
    });
    const file = write('signer.pem', pem(pkiEncoding.der(cert)));
    const text = openssl('x509', '-in', file, '-noout', '-text', '-nameopt', 'utf8').out;
    expect(text).toContain('Subject: CN=张三, serialNumber=' + commitment + ', OU=borrower');
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/Extended Key Usage:\s+E-mail Protection, 1\.3\.6\.1\.5\.5\.7\.3\.36/);
    expect(text).toContain('URI:http://localhost/pki/crl');
    expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    // Validity is checked at the CA's clock, not the machine's.
    const at = String(Math.floor(now.getTime() / 1000));
    expect(openssl('verify', '-attime', at, '-CAfile', join(dir, 'chain.pem'), file).out).toContain(': OK');
  });

  it('refuses a raw ID number in place of the commitment', async () => {
    const key = await keyStore.generate('signer/x');
    await expect(
      ca.issueSignerCertificate({
        name: 'A',
        idNumberCommitment: '110101199003071234',
        applicationId: 'app',
        role: 'borrower',
        publicKey: await keyStore.publicKey(key),
      }),
    ).rejects.toThrow(/idNumberCommitment must be/);
  });

  it('the issuing CA reloads from config PEM and keeps issuing under the same root', async () => {
    const store = new SoftwareKeyStore();
    const issuingKey = await store.import('ca/issuing', 'ECDSA-P256', issuingPem.privateKey);
    const reloaded = PlatformCa.load({
      keyStore: store,
      issuingKey,
      rootCertificate: rootPem.certificate,
      issuingCertificate: issuingPem.certificate,
      clock: () => now,
    });
    const key = await store.generate('org/bank');
    const cert = await reloaded.issueOrganisationCertificate({
      name: 'Example Bank Co., Ltd.',
      organisationId: '91110000100000000X',
      publicKey: await store.publicKey(key),
    });
    const file = write('bank.pem', pem(pkiEncoding.der(cert)));
    const at = String(Math.floor(now.getTime() / 1000));
    expect(openssl('verify', '-attime', at, '-CAfile', join(dir, 'chain.pem'), file).out).toContain(': OK');
    expect(openssl('x509', '-in', file, '-noout', '-subject').out).toContain(
      'organizationIdentifier = 91110000100000000X',
    );
  });

  it('CRLs from the issuing CA and the offline root revoke what they list', async () => {
    const key = await keyStore.generate('signer/revoked');
    const cert = await ca.issueSignerCertificate({
      name: 'Li Si',
      idNumberCommitment: 'b2'.repeat(32),
      applicationId: 'app-8',
      role: 'guarantor',
      publicKey: await keyStore.publicKey(key),
    });
    const file = write('revoked.pem', pem(pkiEncoding.der(cert)));
    const toPem = (der: Buffer) => pkiEncoding.toPem(der, 'X509 CRL');
    const rootCrl = write(
      'root-crl.pem',
      toPem(await PlatformCa.createRootCrl({ keyStore, root: rootPem, now })),
    );
    const empty = write('empty-crl.pem', toPem(await ca.createCrl()));
    const listing = write(
      'crl.pem',
      toPem(await ca.createCrl({ revoked: [{ serial: pkiEncoding.serialHex(cert), date: now, reason: 1 }] })),
    );
    const verify = (crl: string) =>
      // prettier-ignore
      openssl(
        'verify', '-attime', String(Math.floor(now.getTime() / 1000) + 60), '-crl_check_all',
        '-CRLfile', crl, '-CRLfile', rootCrl, '-CAfile', join(dir, 'chain.pem'), file,
      ).out;
    expect(verify(empty)).toContain(': OK');
    expect(verify(listing)).toContain('certificate revoked');
    expect(openssl('crl', '-in', listing, '-noout', '-text').out).toContain('Key Compromise');
  });

  it('the root key does not stay in the key store after the ceremony', async () => {
    const store = new SoftwareKeyStore();
    const destroyed: string[] = [];
    const spy: KeyStore = {
      generate: (label, algorithm) => store.generate(label, algorithm),
      import: (label, algorithm, pkcs8) => store.import(label, algorithm, pkcs8),
      sign: (ref, data) => store.sign(ref, data),
      publicKey: (ref) => store.publicKey(ref),
      destroy: async (ref) => {
        destroyed.push(ref.label);
        await store.destroy(ref);
      },
    };
    await PlatformCa.bootstrap({ keyStore: spy });
    expect(destroyed).toEqual(['ca/root']);
  });
});
