import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { buildSignedData } from './build-signed-data';
import type { KeyRef, KeyStore } from './key-store';
import { pkiEncoding } from './pki-encoding';
import { PKI_OIDS } from './pki-oids';
import type { PlatformCa } from './platform-ca';
import { sha256Algorithm } from './signature-algorithm';

/**
 * The platform's own RFC 3161 timestamp authority, in process.
 *
 * Signature timestamps (PAdES B-T) and document timestamps (B-LTA) come from here rather than from a
 * public TSA because the platform must run without outbound network and the evidence ledger already
 * anchors time independently; a second, external TSA can be added behind the same method. Tokens are
 * CMS SignedData over a TSTInfo (policy {@link PKI_OIDS.timestampPolicy}, random 128-bit serial, genTime
 * from the injected clock truncated to whole seconds with accuracy ±1 s — DER forbids trailing zeros
 * in fractional seconds, and a second is ample for ordering signatures), signed through the key store
 * with signing-certificate-v2 (RFC 5816) and carrying the TSA certificate and its chain.
 */
export class PlatformTimestampAuthority {
  readonly certificate: pkijs.Certificate;
  readonly #keyStore: KeyStore;
  readonly #key: KeyRef;
  readonly #chain: pkijs.Certificate[];
  readonly #clock: () => Date;

  constructor({
    keyStore,
    key,
    certificate,
    chain,
    clock = () => new Date(),
  }: {
    keyStore: KeyStore;
    key: KeyRef;
    certificate: pkijs.Certificate;
    /** The TSA certificate's issuers, nearest first. */
    chain: pkijs.Certificate[];
    clock?: () => Date;
  }) {
    this.#keyStore = keyStore;
    this.#key = key;
    this.certificate = certificate;
    this.#chain = chain;
    this.#clock = clock;
  }

  /** A new TSA key in `keyStore` and its certificate from the platform CA. */
  static async create({
    ca,
    keyStore,
    clock = () => new Date(),
  }: {
    ca: PlatformCa;
    keyStore: KeyStore;
    clock?: () => Date;
  }): Promise<PlatformTimestampAuthority> {
    const key = await keyStore.generate('tsa/1');
    const certificate = await ca.issueTimestampingCertificate({ publicKey: await keyStore.publicKey(key) });
    return new PlatformTimestampAuthority({ keyStore, key, certificate, chain: ca.chain, clock });
  }

  /** A DER TimeStampResp (status granted) for a SHA-256 message imprint. */
  async timestamp(messageImprint: Uint8Array, nonce?: bigint): Promise<Buffer> {
    const token = await this.token(messageImprint, nonce);
    return granted(token);
  }

  /** Just the DER TimeStampToken (a CMS ContentInfo), as embedded in PDFs. */
  async token(messageImprint: Uint8Array, nonce?: bigint): Promise<Buffer> {
    if (messageImprint.length !== 32) throw new Error('message imprint must be a SHA-256 digest');
    const genTime = new Date(Math.floor(this.#clock().getTime() / 1000) * 1000);
    const serial = randomBytes(16);
    serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy: PKI_OIDS.timestampPolicy,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: sha256Algorithm(),
        hashedMessage: new asn1js.OctetString({ valueHex: pkiEncoding.arrayBuffer(messageImprint) }),
      }),
      serialNumber: new asn1js.Integer({ valueHex: pkiEncoding.arrayBuffer(serial) }),
      genTime,
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
      ...(nonce === undefined ? {} : { nonce: asn1js.Integer.fromBigInt(nonce) }),
      tsa: new pkijs.GeneralName({ type: 4, value: this.certificate.subject }),
    });
    const content = pkiEncoding.der(tstInfo);
    const { der } = await buildSignedData({
      keyStore: this.#keyStore,
      key: this.#key,
      signer: this.certificate,
      certificates: [this.certificate, ...this.#chain],
      contentDigest: createHash('sha256').update(content).digest(),
      eContentType: PKI_OIDS.tstInfo,
      eContent: content,
    });
    return der;
  }

  /**
   * Answer a DER TimeStampReq (RFC 3161 §3.4 over HTTP, `application/timestamp-query`): SHA-256 only,
   * our policy only; anything else gets a rejection response, never an exception.
   */
  async respond(request: Uint8Array): Promise<Buffer> {
    let req: pkijs.TimeStampReq;
    try {
      req = new pkijs.TimeStampReq({ schema: pkiEncoding.parseDer(request, 'TimeStampReq') });
    } catch {
      return rejected(5, 'badDataFormat'); // PKIFailureInfo bit 5
    }
    if (req.messageImprint.hashAlgorithm.algorithmId !== PKI_OIDS.sha256)
      return rejected(0, 'badAlg: only SHA-256 is accepted');
    if (req.reqPolicy && req.reqPolicy !== PKI_OIDS.timestampPolicy) return rejected(15, 'unacceptedPolicy');
    const imprint = Buffer.from(req.messageImprint.hashedMessage.valueBlock.valueHexView);
    if (imprint.length !== 32) return rejected(2, 'badDataFormat: imprint is not 32 bytes');
    const nonce = req.nonce ? req.nonce.toBigInt() : undefined;
    return this.timestamp(imprint, nonce);
  }
}

function granted(token: Buffer): Buffer {
  const resp = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
    timeStampToken: new pkijs.ContentInfo({ schema: pkiEncoding.parseDer(token, 'token') }),
  });
  return pkiEncoding.der(resp);
}

function rejected(failBit: number, text: string): Buffer {
  const bytes = new Uint8Array(Math.floor(failBit / 8) + 1);
  bytes[failBit >> 3] = 0x80 >> (failBit & 7);
  const resp = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({
      status: pkijs.PKIStatus.rejection,
      statusStrings: [new asn1js.Utf8String({ value: text })],
      failInfo: new asn1js.BitString({ valueHex: bytes, unusedBits: 7 - (failBit % 8) }),
    }),
  });
  return pkiEncoding.der(resp);
}
