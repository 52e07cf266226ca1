import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import type { KeyStore } from './key-store';
import type { PadesSigner } from './pades';
import { pkiEncoding } from './pki-encoding';
import { exportableKeyPem, PlatformCa } from './platform-ca';
import { SoftwareKeyStore } from './software-key-store';
import { PlatformTimestampAuthority } from './timestamp-authority';

/** Everything signing needs: the key store, the online CA, the timestamp authority, the bank's seal and the CRLs. */
export interface PlatformPki {
  keyStore: KeyStore;
  ca: PlatformCa;
  tsa: PlatformTimestampAuthority;
  /** The bank's organisation certificate and key (its seal). */
  bank: PadesSigner;
  /** The root certificate (PEM): what verifiers trust. */
  rootCertificate: string;
  /** DER CRLs of the issuing CA (fresh) and of the root (made at the ceremony). */
  crls(): Promise<Buffer[]>;
}

/**
 * The platform PKI for the embedded set-up: created on first use in `dataDir/keys/pki` (mode 0600) by
 * the key ceremony — root and issuing CA, the root's CRL, the bank's organisation key and certificate —
 * and loaded from there afterwards. The root key is written to `root-OFFLINE.key.pem` only so that a
 * demo can be re-keyed; in production it is taken offline and only the certificates and the issuing
 * key (or its HSM label) are configured. The timestamp authority gets a fresh key and certificate from
 * the issuing CA in each process.
 */
export async function loadPlatformPki({
  dataDir,
  configured,
  bankName = 'Mianqian Demonstration Bank Co., Ltd.',
  bankCreditCode = '91110105MA01C8XK3R',
  clock = () => new Date(),
}: {
  dataDir: string;
  /**
   * Production: the directory holding the ceremony's output without the root key (`root.crt.pem`,
   * `root.crl`, `issuing.crt.pem`, `issuing.key.pem`, `bank.crt.pem`, `bank.key.pem`), e.g. a mounted
   * secret. When set, nothing is ever generated: a missing file is an error.
   */
  configured?: string | undefined;
  bankName?: string;
  bankCreditCode?: string;
  clock?: () => Date;
}): Promise<PlatformPki> {
  const dir = configured ?? join(dataDir, 'keys', 'pki');
  const file = (name: string) => join(dir, name);
  const keyStore = new SoftwareKeyStore({ defaultAlgorithm: 'ECDSA-P256' });
  if (configured === undefined && !existsSync(file('issuing.crt.pem'))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { ca, rootPem, issuingPem } = await PlatformCa.bootstrap({ keyStore, clock });
    const rootCrl = await PlatformCa.createRootCrl({ keyStore, root: rootPem, now: clock() });
    const bankKeyPem = await exportableKeyPem('ECDSA-P256');
    const bankKey = await keyStore.import('org/bank', 'ECDSA-P256', bankKeyPem);
    const bankCert = await ca.issueOrganisationCertificate({
      name: bankName,
      organisationId: bankCreditCode,
      publicKey: await keyStore.publicKey(bankKey),
    });
    const write = (name: string, text: string | Buffer) => writeFileSync(file(name), text, { mode: 0o600 });
    write('root.crt.pem', rootPem.certificate);
    write('root-OFFLINE.key.pem', rootPem.privateKey);
    write('root.crl', Buffer.from(rootCrl));
    write('issuing.key.pem', issuingPem.privateKey);
    write('bank.key.pem', bankKeyPem);
    write('bank.crt.pem', pkiEncoding.toPem(pkiEncoding.der(bankCert), 'CERTIFICATE'));
    write('issuing.crt.pem', issuingPem.certificate); // last: its presence means the ceremony finished
  }
  const read = (name: string) => readFileSync(file(name), 'utf8');
  const issuingKey = await keyStore.import('ca/issuing', 'ECDSA-P256', read('issuing.key.pem'));
  const ca = PlatformCa.load({
    keyStore,
    issuingKey,
    rootCertificate: read('root.crt.pem'),
    issuingCertificate: read('issuing.crt.pem'),
    clock,
  });
  const bankKey = await keyStore.import('org/bank', 'ECDSA-P256', read('bank.key.pem'));
  const bank: PadesSigner = {
    keyRef: bankKey,
    certificate: pkiEncoding.certificate(read('bank.crt.pem')) as pkijs.Certificate,
    chain: ca.chain,
  };
  const tsa = await PlatformTimestampAuthority.create({ ca, keyStore, clock });
  const rootCrl = readFileSync(file('root.crl'));
  return {
    keyStore,
    ca,
    tsa,
    bank,
    rootCertificate: read('root.crt.pem'),
    crls: async () => [Buffer.from(await ca.createCrl()), rootCrl],
  };
}
