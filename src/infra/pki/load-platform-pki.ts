import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import type { KeyStore } from './key-store';
import { OcspResponder } from './ocsp-responder';
import type { PadesSigner } from './pades';
import { pkiEncoding } from './pki-encoding';
import { DEFAULT_BANK, issueServiceFiles, runPkiCeremony, type PkiService } from './pki-ceremony';
import { PlatformCa, type RevocationSource } from './platform-ca';
import { SoftwareKeyStore } from './software-key-store';
import { PlatformTimestampAuthority } from './timestamp-authority';

/** Everything signing needs: the key store, the online CA, the timestamp authority, the bank's seal, CRLs and OCSP. */
export interface PlatformPki {
  keyStore: KeyStore;
  ca: PlatformCa;
  tsa: PlatformTimestampAuthority;
  /** Signs OCSP responses about the issuing CA's certificates. */
  ocspResponder: OcspResponder;
  /** The bank's organisation certificate and key (its seal). */
  bank: PadesSigner;
  /** The root certificate (PEM): what verifiers trust. */
  rootCertificate: string;
  /** The root's CRL (DER), made at the ceremony. */
  rootCrl: Buffer;
  /** DER CRLs of the issuing CA (fresh) and of the root (made at the ceremony). */
  crls(): Promise<Buffer[]>;
  /** Answer a DER OCSPRequest (RFC 6960) with a DER OCSPResponse; never throws. */
  ocsp(requestDer: Uint8Array): Promise<Buffer>;
  /**
   * One fresh OCSP response per certificate the issuing CA issued, for a PDF's DSS; other
   * certificates (the CAs themselves, foreign ones) are skipped — the root's CRL covers the issuing
   * CA. Duplicates are answered once.
   */
  ocspResponsesFor(certificates: pkijs.Certificate[]): Promise<Buffer[]>;
}

/**
 * The platform PKI. Embedded set-up: created on first use in `dataDir/keys/pki` (mode 0600) by the
 * key ceremony ({@link runPkiCeremony}) and loaded from there afterwards; the root key is kept there
 * as `root-OFFLINE.key.pem` only so that a demo can be re-keyed. Production (`configured`, PKI_DIR):
 * the output of `mianqian pki ceremony` without the root key; nothing is ever generated there.
 *
 * The timestamp authority and the OCSP responder use the keys and certificates stored beside the
 * others (`tsa.*.pem`, `ocsp.*.pem`), so every process signs with the same TSA and responder. An
 * embedded directory made before those existed gets them issued once. Should the responder's
 * certificate have expired, responses are signed by the issuing CA itself (RFC 6960 allows both)
 * until a new one is issued.
 */
/** How long an OCSP response for the DSS is reused for the same certificate. */
const OCSP_REUSE_MS = 5 * 60_000;

export async function loadPlatformPki({
  dataDir,
  configured,
  bankName = DEFAULT_BANK.name,
  bankCreditCode = DEFAULT_BANK.creditCode,
  publicUrl,
  revocations,
  clock = () => new Date(),
}: {
  dataDir: string;
  /**
   * Production: the directory holding the ceremony's output without the root key (`root.crt.pem`,
   * `root.crl`, `issuing.crt.pem`, `issuing.key.pem`, `bank.crt.pem`, `bank.key.pem`, `tsa.crt.pem`,
   * `tsa.key.pem`, `ocsp.crt.pem`, `ocsp.key.pem`), e.g. a mounted secret. When set, nothing is ever
   * generated: a missing file is an error.
   */
  configured?: string | undefined;
  bankName?: string;
  bankCreditCode?: string;
  /** The platform's public base URL (PKI_PUBLIC_URL): newly issued certificates carry CDP and AIA there. */
  publicUrl?: string | undefined;
  /** The CA's revocations, read by the CRL and the OCSP responder alike (default: none). */
  revocations?: RevocationSource;
  clock?: () => Date;
}): Promise<PlatformPki> {
  const dir = configured ?? join(dataDir, 'keys', 'pki');
  const file = (name: string) => join(dir, name);
  if (configured === undefined && !existsSync(file('issuing.crt.pem'))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    await runPkiCeremony({ dir, bankName, bankCreditCode, publicUrl, clock });
  }
  const read = (name: string) => {
    try {
      return readFileSync(file(name), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      throw new Error(
        `PKI directory ${dir} has no ${name}: give PKI_DIR the online files of \`mianqian pki ceremony\``,
        { cause: e },
      );
    }
  };
  const keyStore = new SoftwareKeyStore({ defaultAlgorithm: 'ECDSA-P256' });
  const issuingKey = await keyStore.import('ca/issuing', 'ECDSA-P256', read('issuing.key.pem'));
  const ca = PlatformCa.load({
    keyStore,
    issuingKey,
    rootCertificate: read('root.crt.pem'),
    issuingCertificate: read('issuing.crt.pem'),
    clock,
    publicUrl,
    ...(revocations ? { revocations } : {}),
  });

  const missing = (['tsa', 'ocsp'] as const).filter((s: PkiService) => !existsSync(file(`${s}.crt.pem`)));
  if (missing.length > 0) {
    if (configured !== undefined)
      throw new Error(
        `PKI directory ${dir} has no ${missing.map((s) => `${s}.crt.pem`).join(' or ')}: it predates the ` +
          'stored timestamp and OCSP keys; issue them with the issuing CA (or run `mianqian pki ceremony`) ' +
          'and add them to PKI_DIR',
      );
    await issueServiceFiles({ ca, dir, services: missing });
  }

  const bankKey = await keyStore.import('org/bank', 'ECDSA-P256', read('bank.key.pem'));
  const bank: PadesSigner = {
    keyRef: bankKey,
    certificate: pkiEncoding.certificate(read('bank.crt.pem')),
    chain: ca.chain,
  };
  const tsa = new PlatformTimestampAuthority({
    keyStore,
    key: await keyStore.import('tsa/1', 'ECDSA-P256', read('tsa.key.pem')),
    certificate: pkiEncoding.certificate(read('tsa.crt.pem')),
    chain: ca.chain,
    clock,
  });
  const ocspCertificate = pkiEncoding.certificate(read('ocsp.crt.pem'));
  const ocspKey = await keyStore.import('ocsp/1', 'ECDSA-P256', read('ocsp.key.pem'));
  const now = clock();
  const isDelegateValid = ocspCertificate.notBefore.value <= now && now < ocspCertificate.notAfter.value;
  const ocspResponder = new OcspResponder({
    keyStore,
    key: isDelegateValid ? ocspKey : issuingKey,
    certificate: isDelegateValid ? ocspCertificate : ca.issuing,
    issuer: ca.issuing,
    revocations: () => ca.revokedCertificates(),
    clock,
  });
  const rootCrl = readFileSync(file('root.crl'));
  const recentOcsp = new Map<string, { at: number; response: Buffer | undefined }>();
  return {
    keyStore,
    ca,
    tsa,
    ocspResponder,
    bank,
    rootCertificate: read('root.crt.pem'),
    rootCrl,
    crls: async () => [Buffer.from(await ca.createCrl()), rootCrl],
    ocsp: (requestDer) => ocspResponder.respond(requestDer),
    ocspResponsesFor: async (certificates) => {
      const seen = new Set<string>();
      const out: Buffer[] = [];
      const now = clock().getTime();
      for (const cert of certificates) {
        const key = pkiEncoding.der(cert).toString('base64');
        if (seen.has(key)) continue;
        seen.add(key);
        // The bank's seal and the TSA are in every contract: a response made in the last few minutes
        // is handed out again (pre-produced responses, as RFC 5019 responders do), no staler than a CRL.
        const cached = recentOcsp.get(key);
        if (cached && now - cached.at < OCSP_REUSE_MS) {
          if (cached.response) out.push(cached.response);
          continue;
        }
        const response = (await ocspResponder.answersFor(cert))
          ? await ocspResponder.responseFor(cert)
          : undefined;
        if (recentOcsp.size > 256) recentOcsp.clear();
        recentOcsp.set(key, { at: now, response });
        if (response) out.push(response);
      }
      return out;
    },
  };
}
