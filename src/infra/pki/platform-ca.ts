import { webcrypto } from 'node:crypto';
import type * as pkijs from 'pkijs';
import { issueCertificate } from './issue-certificate';
import type { KeyRef, KeyStore, SigningKeyAlgorithm } from './key-store';
import { pkiEncoding } from './pki-encoding';
import { PKI_OIDS } from './pki-oids';
import { signCrl, type RevokedEntry } from './sign-crl';
import { x509Extensions } from './x509-extensions';
import { x509Name, type NameAttribute } from './x509-name';

export type { RevokedEntry } from './sign-crl';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const YEAR = 365 * DAY;
/** notBefore is backdated this much so a verifier whose clock is slightly behind still accepts. */
const CLOCK_SKEW = MINUTE;

/** PEM material of a CA: what goes into config (issuing CA) or into the safe (root). */
export interface CaPem {
  certificate: string;
  privateKey: string;
}

/**
 * Where the CA's revocation knowledge comes from: every certificate it has revoked. The CRL and the
 * OCSP responder both read it, so they can never disagree. None is stored yet (no revocation
 * workflow exists), so the default is the empty list.
 */
export type RevocationSource = () => Promise<readonly RevokedEntry[]>;

/** The URLs written into certificates this CA issues (CDP, and AIA when the platform is reachable). */
export interface CaUrls {
  /** CRL distribution point of the issuing CA's CRL. */
  crl: string;
  /** AIA id-ad-ocsp: the platform's OCSP responder. */
  ocsp?: string;
  /** AIA id-ad-caIssuers: the issuing CA's certificate (DER). */
  caIssuers?: string;
}

/**
 * The platform's public trust-service URLs under `publicUrl` (e.g. https://bank.example): the paths
 * `src/features/trust/trust.routes.ts` serves.
 */
export function trustServiceUrls(publicUrl: string): CaUrls & { rootCrl: string } {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    crl: `${base}/api/pki/issuing.crl`,
    ocsp: `${base}/api/pki/ocsp`,
    caIssuers: `${base}/api/pki/issuing.crt`,
    rootCrl: `${base}/api/pki/root.crl`,
  };
}

/** Who a signer certificate is issued to; the raw ID number never reaches this layer. */
export interface SignerIdentity {
  /** Verified legal name (CN). */
  name: string;
  /** Hex SHA-256 commitment to the ID number (salted; computed by the identity feature). */
  idNumberCommitment: string;
  applicationId: string;
  /** borrower, guarantor, co-borrower, enterprise ... */
  role: string;
}

/**
 * The platform CA: an offline root and an online issuing CA.
 *
 * The root signs only the issuing CA certificate and its own CRL, so its key lives in a safe (PEM from
 * {@link PlatformCa.bootstrap}) and is loaded only for a ceremony. The issuing CA, whose key is held
 * by a {@link KeyStore}, issues: a short-lived certificate per signing event for every person who
 * signs (bound to the verified identity by a commitment, never the ID number), the bank's organisation
 * seal certificate, and the timestamp authority's certificate; and it signs the CRL that the platform
 * serves at `crlUrl`. AIA (OCSP and caIssuers URLs) is written only when the platform has a public
 * URL (`publicUrl`): verifiers such as pdfsig and Acrobat fetch it online, so a URL nobody answers
 * would only slow them down; revocation data (CRLs and OCSP responses) reaches verifiers through the
 * PDF's DSS in any case. Revocations come from one {@link RevocationSource}, read by the CRL and by
 * the OCSP responder alike.
 */
export class PlatformCa {
  readonly root: pkijs.Certificate;
  readonly issuing: pkijs.Certificate;
  readonly #keyStore: KeyStore;
  readonly #issuingKey: KeyRef;
  readonly #clock: () => Date;
  readonly #urls: CaUrls;
  readonly #revocations: RevocationSource;

  private constructor(options: {
    keyStore: KeyStore;
    issuingKey: KeyRef;
    root: pkijs.Certificate;
    issuing: pkijs.Certificate;
    clock: () => Date;
    urls: CaUrls;
    revocations: RevocationSource;
  }) {
    this.#keyStore = options.keyStore;
    this.#issuingKey = options.issuingKey;
    this.root = options.root;
    this.issuing = options.issuing;
    this.#clock = options.clock;
    this.#urls = options.urls;
    this.#revocations = options.revocations;
  }

  /**
   * The key ceremony: create the root and the issuing CA. Returns the CA ready to use plus the PEM to
   * store — `root` goes offline (only its certificate is configured), `issuing` goes into config (or
   * its key into the HSM). The root key is removed from the key store before returning.
   */
  static async bootstrap({
    keyStore,
    clock = () => new Date(),
    algorithm = 'ECDSA-P256',
    organisation = 'Mianqian Platform',
    crlUrl = 'http://localhost/pki/crl',
    rootCrlUrl = 'http://localhost/pki/root-crl',
    publicUrl,
    revocations = noRevocations,
    rootYears = 20,
    issuingYears = 10,
  }: {
    keyStore: KeyStore;
    clock?: () => Date;
    algorithm?: SigningKeyAlgorithm;
    organisation?: string;
    crlUrl?: string;
    rootCrlUrl?: string;
    /** The platform's public base URL; when set it replaces both CRL URLs and adds AIA. */
    publicUrl?: string | undefined;
    revocations?: RevocationSource;
    rootYears?: number;
    issuingYears?: number;
  }): Promise<{ ca: PlatformCa; rootPem: CaPem; issuingPem: CaPem }> {
    const now = clock();
    const urls = caUrls({ publicUrl, crlUrl });
    const rootCrlPoint = publicUrl === undefined ? rootCrlUrl : trustServiceUrls(publicUrl).rootCrl;
    const rootPem = await exportableKeyPem(algorithm);
    const rootKey = await keyStore.import('ca/root', algorithm, rootPem);
    const rootSubject = x509Name.build([
      ['CN', `${organisation} Root CA`],
      ['O', organisation],
      ['C', 'CN'],
    ]);
    const root = await issueCertificate({
      keyStore,
      issuerKey: rootKey,
      subject: rootSubject,
      subjectPublicKey: await keyStore.publicKey(rootKey),
      notBefore: new Date(now.getTime() - CLOCK_SKEW),
      notAfter: new Date(now.getTime() + rootYears * YEAR),
      extensions: [x509Extensions.basicConstraints(true), x509Extensions.keyUsage('keyCertSign', 'cRLSign')],
    });
    const issuingKeyPem = await exportableKeyPem(algorithm);
    const issuingKey = await keyStore.import('ca/issuing', algorithm, issuingKeyPem);
    const issuing = await issueCertificate({
      keyStore,
      issuerKey: rootKey,
      issuer: root,
      subject: x509Name.build([
        ['CN', `${organisation} Signing CA`],
        ['O', organisation],
        ['C', 'CN'],
      ]),
      subjectPublicKey: await keyStore.publicKey(issuingKey),
      notBefore: new Date(now.getTime() - CLOCK_SKEW),
      notAfter: new Date(now.getTime() + issuingYears * YEAR),
      extensions: [
        x509Extensions.basicConstraints(true, 0),
        x509Extensions.keyUsage('digitalSignature', 'keyCertSign', 'cRLSign'),
        x509Extensions.crlDistributionPoint(rootCrlPoint),
        x509Extensions.certificatePolicy(PKI_OIDS.certificatePolicy),
      ],
    });
    await keyStore.destroy(rootKey);
    const toPem = (cert: pkijs.Certificate) => pkiEncoding.toPem(pkiEncoding.der(cert), 'CERTIFICATE');
    return {
      ca: new PlatformCa({ keyStore, issuingKey, root, issuing, clock, urls, revocations }),
      rootPem: { certificate: toPem(root), privateKey: rootPem },
      issuingPem: { certificate: toPem(issuing), privateKey: issuingKeyPem },
    };
  }

  /** The online CA from config: both certificates as PEM, the issuing key already in the key store. */
  static load({
    keyStore,
    issuingKey,
    rootCertificate,
    issuingCertificate,
    clock = () => new Date(),
    crlUrl = 'http://localhost/pki/crl',
    publicUrl,
    revocations = noRevocations,
  }: {
    keyStore: KeyStore;
    issuingKey: KeyRef;
    rootCertificate: string;
    issuingCertificate: string;
    clock?: () => Date;
    crlUrl?: string;
    /** The platform's public base URL: CDP and AIA of newly issued certificates point there. */
    publicUrl?: string | undefined;
    revocations?: RevocationSource;
  }): PlatformCa {
    return new PlatformCa({
      keyStore,
      issuingKey,
      root: pkiEncoding.certificate(rootCertificate),
      issuing: pkiEncoding.certificate(issuingCertificate),
      clock,
      urls: caUrls({ publicUrl, crlUrl }),
      revocations,
    });
  }

  /** Every certificate this CA has revoked (what its CRL lists and its OCSP responder answers). */
  async revokedCertificates(): Promise<readonly RevokedEntry[]> {
    return this.#revocations();
  }

  /** [issuing CA, root]: what goes after the end-entity certificate in CMS and the DSS. */
  get chain(): pkijs.Certificate[] {
    return [this.issuing, this.root];
  }

  /** The chain as one PEM text (issuing CA then root), e.g. for `openssl -CAfile`. */
  chainPem(): string {
    return this.chain.map((c) => pkiEncoding.toPem(pkiEncoding.der(c), 'CERTIFICATE')).join('');
  }

  /**
   * A certificate for one signing event (default one hour): CN = verified name, subject serialNumber
   * = the ID-number commitment, OU = role, and the signer-binding extension (commitment, application,
   * role). Key usage digitalSignature + nonRepudiation; EKU emailProtection (what NSS/pdfsig check for
   * document signers) plus RFC 9336 documentSigning.
   */
  async issueSignerCertificate({
    name,
    idNumberCommitment,
    applicationId,
    role,
    publicKey,
    validityMs = 60 * MINUTE,
  }: SignerIdentity & { publicKey: Uint8Array; validityMs?: number }): Promise<pkijs.Certificate> {
    if (!/^[0-9a-f]{64}$/.test(idNumberCommitment))
      throw new Error('idNumberCommitment must be a lower-case hex SHA-256 value');
    if (!name.trim() || !applicationId.trim() || !role.trim())
      throw new Error('name, applicationId and role are required');
    return this.#issueEndEntity({
      subject: [
        ['CN', name],
        ['serialNumber', idNumberCommitment],
        ['OU', role],
        ['O', this.#organisation()],
      ],
      publicKey,
      validityMs,
      extra: [
        x509Extensions.signerBinding({
          idNumberCommitment: Buffer.from(idNumberCommitment, 'hex'),
          applicationId,
          role,
        }),
      ],
    });
  }

  /**
   * The bank's (or an enterprise borrower's) organisation seal certificate: CN and O = the registered
   * name, organizationIdentifier = the unified social credit code. Default validity one year.
   */
  async issueOrganisationCertificate({
    name,
    organisationId,
    publicKey,
    validityMs = YEAR,
  }: {
    name: string;
    /** 统一社会信用代码 (unified social credit code), written as organizationIdentifier. */
    organisationId?: string;
    publicKey: Uint8Array;
    validityMs?: number;
  }): Promise<pkijs.Certificate> {
    const subject: NameAttribute[] = [
      ['CN', name],
      ['O', name],
    ];
    if (organisationId) subject.push(['organizationIdentifier', organisationId]);
    return this.#issueEndEntity({ subject, publicKey, validityMs, extra: [] });
  }

  /**
   * The timestamp authority's certificate: EKU timeStamping only and critical (RFC 3161 §2.3, which
   * `openssl ts -verify` enforces). Default validity five years, capped by the issuing CA.
   */
  async issueTimestampingCertificate({
    name = `${this.#organisation()} Timestamp Authority`,
    publicKey,
    validityMs = 5 * YEAR,
  }: {
    name?: string;
    publicKey: Uint8Array;
    validityMs?: number;
  }): Promise<pkijs.Certificate> {
    return this.#issue({
      subject: [
        ['CN', name],
        ['O', this.#organisation()],
      ],
      publicKey,
      validityMs,
      extensions: [
        x509Extensions.basicConstraints(false),
        x509Extensions.keyUsage('digitalSignature', 'nonRepudiation'),
        x509Extensions.extendedKeyUsage([PKI_OIDS.timeStamping], true),
        ...this.#revocationPointers(),
        x509Extensions.certificatePolicy(PKI_OIDS.certificatePolicy),
      ],
    });
  }

  /**
   * A delegated OCSP responder's certificate (RFC 6960 §4.2.2.2): EKU id-kp-OCSPSigning and
   * id-pkix-ocsp-nocheck, so clients do not ask for its own status. No CDP or AIA for that reason.
   * Default validity one year: nocheck certificates should not live long (RFC 6960 §4.2.2.2.1).
   */
  async issueOcspSigningCertificate({
    name = `${this.#organisation()} OCSP Responder`,
    publicKey,
    validityMs = YEAR,
  }: {
    name?: string;
    publicKey: Uint8Array;
    validityMs?: number;
  }): Promise<pkijs.Certificate> {
    return this.#issue({
      subject: [
        ['CN', name],
        ['O', this.#organisation()],
      ],
      publicKey,
      validityMs,
      extensions: [
        x509Extensions.basicConstraints(false),
        x509Extensions.keyUsage('digitalSignature'),
        x509Extensions.extendedKeyUsage([PKI_OIDS.ocspSigning]),
        x509Extensions.ocspNoCheck(),
        x509Extensions.certificatePolicy(PKI_OIDS.certificatePolicy),
      ],
    });
  }

  /**
   * The issuing CA's CRL (DER), served at `crlUrl` and embedded in each contract's DSS. The CRL number
   * is the issue time in milliseconds, so it increases without stored state.
   */
  async createCrl({
    revoked,
    validityMs = DAY,
  }: {
    /** Defaults to the CA's {@link RevocationSource}; given explicitly only by tests. */
    revoked?: readonly RevokedEntry[];
    validityMs?: number;
  } = {}): Promise<Buffer> {
    return signCrl({
      keyStore: this.#keyStore,
      key: this.#issuingKey,
      issuer: this.issuing,
      now: this.#clock(),
      revoked: [...(revoked ?? (await this.#revocations()))],
      validityMs,
    });
  }

  /**
   * The root's CRL (revocations of issuing CAs), signed in a ceremony with the offline root key,
   * which is imported into `keyStore` only for the duration of the call.
   */
  static async createRootCrl({
    keyStore,
    root,
    algorithm = 'ECDSA-P256',
    revoked = [],
    now = new Date(),
    validityMs = YEAR,
  }: {
    keyStore: KeyStore;
    root: CaPem;
    algorithm?: SigningKeyAlgorithm;
    revoked?: RevokedEntry[];
    now?: Date;
    validityMs?: number;
  }): Promise<Buffer> {
    const key = await keyStore.import('ca/root', algorithm, root.privateKey);
    try {
      const issuer = pkiEncoding.certificate(root.certificate);
      return await signCrl({ keyStore, key, issuer, now, revoked, validityMs });
    } finally {
      await keyStore.destroy(key);
    }
  }

  async #issueEndEntity({
    subject,
    publicKey,
    validityMs,
    extra,
  }: {
    subject: NameAttribute[];
    publicKey: Uint8Array;
    validityMs: number;
    extra: pkijs.Extension[];
  }): Promise<pkijs.Certificate> {
    return this.#issue({
      subject,
      publicKey,
      validityMs,
      extensions: [
        x509Extensions.basicConstraints(false),
        x509Extensions.keyUsage('digitalSignature', 'nonRepudiation'),
        x509Extensions.extendedKeyUsage([PKI_OIDS.emailProtection, PKI_OIDS.documentSigning]),
        ...this.#revocationPointers(),
        x509Extensions.certificatePolicy(PKI_OIDS.certificatePolicy),
        ...extra,
      ],
    });
  }

  /** An end-entity certificate from the issuing CA: valid from now (less clock skew), capped by the CA. */
  async #issue({
    subject,
    publicKey,
    validityMs,
    extensions,
  }: {
    subject: NameAttribute[];
    publicKey: Uint8Array;
    validityMs: number;
    extensions: pkijs.Extension[];
  }): Promise<pkijs.Certificate> {
    const now = this.#clock();
    return issueCertificate({
      keyStore: this.#keyStore,
      issuerKey: this.#issuingKey,
      issuer: this.issuing,
      subject: x509Name.build(subject),
      subjectPublicKey: publicKey,
      notBefore: new Date(now.getTime() - CLOCK_SKEW),
      notAfter: capped(new Date(now.getTime() + validityMs), this.issuing),
      extensions,
    });
  }

  /** CDP, plus AIA when the platform has public OCSP / caIssuers URLs. */
  #revocationPointers(): pkijs.Extension[] {
    const { crl, ocsp, caIssuers } = this.#urls;
    return [
      x509Extensions.crlDistributionPoint(crl),
      ...(ocsp || caIssuers
        ? [
            x509Extensions.authorityInfoAccess({
              ...(ocsp ? { ocsp } : {}),
              ...(caIssuers ? { caIssuers } : {}),
            }),
          ]
        : []),
    ];
  }

  #organisation(): string {
    return x509Name.get(this.issuing.subject, 'O') ?? 'Mianqian Platform';
  }
}

const noRevocations: RevocationSource = async () => [];

function caUrls({ publicUrl, crlUrl }: { publicUrl: string | undefined; crlUrl: string }): CaUrls {
  if (publicUrl === undefined) return { crl: crlUrl };
  const { crl, ocsp, caIssuers } = trustServiceUrls(publicUrl);
  return { crl, ocsp, caIssuers };
}

function capped(notAfter: Date, issuer: pkijs.Certificate): Date {
  return notAfter > issuer.notAfter.value ? issuer.notAfter.value : notAfter;
}

/** A fresh key as PKCS#8 PEM, for keys that must be stored (CA keys at the ceremony, the bank's key in the software set-up). */
export async function exportableKeyPem(algorithm: SigningKeyAlgorithm): Promise<string> {
  const params =
    algorithm === 'ECDSA-P256'
      ? { name: 'ECDSA', namedCurve: 'P-256' }
      : {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: 'SHA-256',
        };
  const keys = (await webcrypto.subtle.generateKey(params, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return pkiEncoding.toPem(new Uint8Array(pkcs8), 'PRIVATE KEY');
}
