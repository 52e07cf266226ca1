import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import { pkiEncoding } from './pki-encoding';
import { exportableKeyPem, PlatformCa } from './platform-ca';
import { SoftwareKeyStore } from './software-key-store';

/** The ceremony's output: what goes online (PKI_DIR) and the one file that must not. */
export const PKI_FILES = {
  /** Read by `loadPlatformPki` from PKI_DIR; the issuing CA certificate is written last. */
  online: [
    'root.crt.pem',
    'root.crl',
    'issuing.key.pem',
    'bank.key.pem',
    'bank.crt.pem',
    'tsa.key.pem',
    'tsa.crt.pem',
    'ocsp.key.pem',
    'ocsp.crt.pem',
    'issuing.crt.pem',
  ],
  /** The root CA's private key: into the safe, never into PKI_DIR. */
  offline: ['root-OFFLINE.key.pem'],
} as const;

export const DEFAULT_BANK = {
  name: 'Mianqian Demonstration Bank Co., Ltd.',
  creditCode: '91110105MA01C8XK3R',
} as const;

/** The online services whose key and certificate the issuing CA issues at the ceremony. */
export type PkiService = 'tsa' | 'ocsp';

/**
 * The key ceremony, the one implementation behind both `mianqian pki ceremony` and the embedded
 * set-up's first start: root and issuing CA, the root's CRL, the bank's organisation key and
 * certificate, the timestamp authority's and the delegated OCSP responder's keys and certificates,
 * all written into `dir` (which must exist) with mode 0600. The root key goes to
 * `root-OFFLINE.key.pem`; `issuing.crt.pem` is written last, so its presence means the ceremony
 * finished. With `publicUrl`, the certificates point at the platform's CRL, OCSP and caIssuers URLs.
 */
export async function runPkiCeremony({
  dir,
  bankName = DEFAULT_BANK.name,
  bankCreditCode = DEFAULT_BANK.creditCode,
  publicUrl,
  clock = () => new Date(),
}: {
  dir: string;
  bankName?: string;
  bankCreditCode?: string;
  publicUrl?: string | undefined;
  clock?: () => Date;
}): Promise<{ online: readonly string[]; offline: readonly string[] }> {
  const keyStore = new SoftwareKeyStore({ defaultAlgorithm: 'ECDSA-P256' });
  const { ca, rootPem, issuingPem } = await PlatformCa.bootstrap({ keyStore, clock, publicUrl });
  const rootCrl = await PlatformCa.createRootCrl({ keyStore, root: rootPem, now: clock() });
  const bankKeyPem = await exportableKeyPem('ECDSA-P256');
  const bankKey = await keyStore.import('org/bank', 'ECDSA-P256', bankKeyPem);
  const bankCert = await ca.issueOrganisationCertificate({
    name: bankName,
    organisationId: bankCreditCode,
    publicKey: await keyStore.publicKey(bankKey),
  });
  const write = (name: string, text: string | Buffer) =>
    writeFileSync(join(dir, name), text, { mode: 0o600 });
  write('root.crt.pem', rootPem.certificate);
  write('root-OFFLINE.key.pem', rootPem.privateKey);
  write('root.crl', Buffer.from(rootCrl));
  write('issuing.key.pem', issuingPem.privateKey);
  write('bank.key.pem', bankKeyPem);
  write('bank.crt.pem', certificatePem(bankCert));
  await issueServiceFiles({ ca, dir, services: ['tsa', 'ocsp'] });
  write('issuing.crt.pem', issuingPem.certificate); // last: its presence means the ceremony finished
  return PKI_FILES;
}

/**
 * Issue and write `<service>.key.pem` and `<service>.crt.pem` for each service, from the online
 * issuing CA: at the ceremony, and once for an embedded directory made before these services had
 * stored keys. The certificate is written after the key, so a present certificate has its key.
 */
export async function issueServiceFiles({
  ca,
  dir,
  services,
}: {
  ca: PlatformCa;
  dir: string;
  services: readonly PkiService[];
}): Promise<void> {
  const keyStore = new SoftwareKeyStore({ defaultAlgorithm: 'ECDSA-P256' });
  for (const service of services) {
    const keyPem = await exportableKeyPem('ECDSA-P256');
    const key = await keyStore.import(`${service}/1`, 'ECDSA-P256', keyPem);
    const publicKey = await keyStore.publicKey(key);
    const certificate =
      service === 'tsa'
        ? await ca.issueTimestampingCertificate({ publicKey })
        : await ca.issueOcspSigningCertificate({ publicKey });
    await keyStore.destroy(key);
    writeFileSync(join(dir, `${service}.key.pem`), keyPem, { mode: 0o600 });
    writeFileSync(join(dir, `${service}.crt.pem`), certificatePem(certificate), { mode: 0o600 });
  }
}

function certificatePem(cert: pkijs.Certificate): string {
  return pkiEncoding.toPem(pkiEncoding.der(cert), 'CERTIFICATE');
}
