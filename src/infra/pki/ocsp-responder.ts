import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { derTlv } from './der-tlv';
import type { KeyRef, KeyStore } from './key-store';
import { pkiEncoding } from './pki-encoding';
import { PKI_OIDS } from './pki-oids';
import type { RevocationSource, RevokedEntry } from './platform-ca';
import { signatureAlgorithm } from './signature-algorithm';

/** OCSPResponseStatus (RFC 6960 §4.2.1); 4 is unused. */
export const OCSP_RESPONSE_STATUS = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;
export type OcspResponseStatus = keyof typeof OCSP_RESPONSE_STATUS;

const DAY = 24 * 60 * 60_000;
/** More CertIDs than this in one request is not a client we serve (RFC 5019 clients send one). */
const MAX_REQUESTS = 16;
/** RFC 8954 §2.1: a nonce is 1 to 32 octets; a little slack for older clients. */
const MAX_NONCE_BYTES = 64;

const HASHES: Record<string, string> = {
  [PKI_OIDS.sha1]: 'sha1',
  [PKI_OIDS.sha256]: 'sha256',
  [PKI_OIDS.sha384]: 'sha384',
  [PKI_OIDS.sha512]: 'sha512',
};

/**
 * The platform's OCSP responder (RFC 6960) for certificates of the issuing CA.
 *
 * Answers `good` unless the CA's {@link RevocationSource} — the same one its CRL lists — names the
 * serial, then `revoked` with time and reason; a CertID naming another issuer (or hashed with an
 * algorithm we do not know) gets `unknown`. Input that is not an OCSPRequest gets a `malformedRequest`
 * response, never an exception; a failure while signing gets `internalError`. Responses are signed by
 * `certificate` — the delegated responder certificate (id-kp-OCSPSigning, ocsp-nocheck) issued at the
 * ceremony, carried in the response — or by the issuing CA itself (then no certificate is carried).
 * The responder ID is by key hash, thisUpdate is now (whole seconds) and nextUpdate `validityMs` later,
 * like the CRL; a request nonce is echoed. The responder keeps no record of issued serials, so an
 * unissued serial under our issuer is `good` (RFC 6960 §2.2 permits this without the extended
 * revoked definition).
 */
export class OcspResponder {
  readonly certificate: pkijs.Certificate;
  readonly #keyStore: KeyStore;
  readonly #key: KeyRef;
  readonly #issuer: pkijs.Certificate;
  readonly #revocations: RevocationSource;
  readonly #clock: () => Date;
  readonly #validityMs: number;
  readonly #isDelegated: boolean;
  readonly #responderKeyHash: Buffer;

  constructor({
    keyStore,
    key,
    certificate,
    issuer,
    revocations,
    clock = () => new Date(),
    validityMs = DAY,
  }: {
    keyStore: KeyStore;
    /** The key that signs responses (the delegated responder's or the issuing CA's). */
    key: KeyRef;
    /** Its certificate: the delegated responder certificate, or `issuer` itself. */
    certificate: pkijs.Certificate;
    /** The issuing CA whose certificates this responder answers for. */
    issuer: pkijs.Certificate;
    revocations: RevocationSource;
    clock?: () => Date;
    validityMs?: number;
  }) {
    this.#keyStore = keyStore;
    this.#key = key;
    this.certificate = certificate;
    this.#issuer = issuer;
    this.#revocations = revocations;
    this.#clock = clock;
    this.#validityMs = validityMs;
    this.#isDelegated = !pkiEncoding.der(certificate).equals(pkiEncoding.der(issuer));
    this.#responderKeyHash = createHash('sha1')
      .update(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
      .digest();
  }

  /** Answer a DER OCSPRequest with a DER OCSPResponse. Never throws. */
  async respond(request: Uint8Array): Promise<Buffer> {
    let parsed: pkijs.OCSPRequest;
    try {
      const asn1 = asn1js.fromBER(pkiEncoding.arrayBuffer(request));
      if (asn1.offset !== request.byteLength) return ocspErrorResponse('malformedRequest');
      parsed = new pkijs.OCSPRequest({ schema: asn1.result });
    } catch {
      return ocspErrorResponse('malformedRequest');
    }
    const list = parsed.tbsRequest.requestList;
    if (list.length === 0 || list.length > MAX_REQUESTS) return ocspErrorResponse('malformedRequest');
    const nonce = parsed.tbsRequest.requestExtensions?.find((e) => e.extnID === PKI_OIDS.ocspNonce);
    if (nonce && nonce.extnValue.valueBlock.valueHexView.byteLength > MAX_NONCE_BYTES)
      return ocspErrorResponse('malformedRequest');
    try {
      return await this.#sign(
        list.map((r) => r.reqCert),
        nonce,
      );
    } catch {
      return ocspErrorResponse('internalError');
    }
  }

  /** Whether `certificate` was issued by the CA this responder answers for (name and signature). */
  async answersFor(certificate: pkijs.Certificate): Promise<boolean> {
    if (!certificate.issuer.isEqual(this.#issuer.subject)) return false;
    try {
      return await certificate.verify(this.#issuer);
    } catch {
      return false;
    }
  }

  /**
   * A signed response about one certificate of the issuing CA (SHA-1 CertID, as RFC 5019 clients
   * send), without a request: what goes into a PDF's DSS.
   */
  async responseFor(certificate: pkijs.Certificate): Promise<Buffer> {
    const id = new pkijs.CertID({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: PKI_OIDS.sha1,
        algorithmParams: new asn1js.Null(),
      }),
      issuerNameHash: new asn1js.OctetString({ valueHex: pkiEncoding.arrayBuffer(this.#nameHash('sha1')) }),
      issuerKeyHash: new asn1js.OctetString({ valueHex: pkiEncoding.arrayBuffer(this.#keyHash('sha1')) }),
      serialNumber: certificate.serialNumber,
    });
    return this.#sign([id], undefined);
  }

  async #sign(ids: pkijs.CertID[], nonce: pkijs.Extension | undefined): Promise<Buffer> {
    const now = new Date(Math.floor(this.#clock().getTime() / 1000) * 1000);
    const revoked = new Map((await this.#revocations()).map((r) => [normaliseSerial(r.serial), r]));
    const responses = ids.map(
      (id) =>
        new pkijs.SingleResponse({
          certID: id,
          certStatus: this.#statusOf(id, revoked, now),
          thisUpdate: now,
          nextUpdate: new Date(now.getTime() + this.#validityMs),
        }),
    );
    const data = new pkijs.ResponseData({
      responderID: new asn1js.OctetString({ valueHex: pkiEncoding.arrayBuffer(this.#responderKeyHash) }),
      producedAt: now,
      responses,
      ...(nonce
        ? {
            responseExtensions: [
              new pkijs.Extension({
                extnID: PKI_OIDS.ocspNonce,
                critical: false,
                extnValue: pkiEncoding.arrayBuffer(new Uint8Array(nonce.extnValue.valueBlock.valueHexView)),
              }),
            ],
          }
        : {}),
    });
    const tbs = Buffer.from(data.toSchema(true).toBER(false));
    const signature = await this.#keyStore.sign(this.#key, tbs);
    // BasicOCSPResponse ::= SEQUENCE { tbsResponseData, signatureAlgorithm, signature BIT STRING,
    //   certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
    const basic = derTlv(
      0x30,
      tbs,
      pkiEncoding.der(signatureAlgorithm(this.#key.algorithm)),
      derTlv(0x03, Buffer.from([0]), signature),
      ...(this.#isDelegated ? [derTlv(0xa0, derTlv(0x30, pkiEncoding.der(this.certificate)))] : []),
    );
    const responseType = Buffer.from(new asn1js.ObjectIdentifier({ value: PKI_OIDS.ocspBasic }).toBER(false));
    // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT ResponseBytes }
    return derTlv(
      0x30,
      Buffer.from([0x0a, 0x01, OCSP_RESPONSE_STATUS.successful]),
      derTlv(0xa0, derTlv(0x30, responseType, derTlv(0x04, basic))),
    );
  }

  #statusOf(id: pkijs.CertID, revoked: Map<string, RevokedEntry>, now: Date): asn1js.AsnType {
    const hash = HASHES[id.hashAlgorithm.algorithmId];
    const isOurs =
      hash !== undefined &&
      Buffer.from(id.issuerNameHash.valueBlock.valueHexView).equals(this.#nameHash(hash)) &&
      Buffer.from(id.issuerKeyHash.valueBlock.valueHexView).equals(this.#keyHash(hash));
    // CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT NULL }
    if (!isOurs) return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } });
    const serial = normaliseSerial(Buffer.from(id.serialNumber.valueBlock.valueHexView).toString('hex'));
    const entry = revoked.get(serial);
    if (!entry || entry.date > now) return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
    const at = new Date(Math.floor(entry.date.getTime() / 1000) * 1000);
    return new asn1js.Constructed({
      idBlock: { tagClass: 3, tagNumber: 1 },
      value: [
        new asn1js.GeneralizedTime({ valueDate: at }),
        ...(entry.reason === undefined
          ? []
          : [
              new asn1js.Constructed({
                idBlock: { tagClass: 3, tagNumber: 0 },
                value: [new asn1js.Enumerated({ value: entry.reason })],
              }),
            ]),
      ],
    });
  }

  #nameHash(hash: string): Buffer {
    return createHash(hash)
      .update(new Uint8Array(this.#issuer.subject.toSchema().toBER(false)))
      .digest();
  }

  #keyHash(hash: string): Buffer {
    return createHash(hash)
      .update(this.#issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
      .digest();
  }
}

/** An OCSPResponse with only an error status (no responseBytes), as RFC 6960 §4.2.1 requires. */
export function ocspErrorResponse(status: Exclude<OcspResponseStatus, 'successful'>): Buffer {
  return derTlv(0x30, Buffer.from([0x0a, 0x01, OCSP_RESPONSE_STATUS[status]]));
}

/** Lower-case hex without leading zero bytes, as `pkiEncoding.serialHex` prints serials. */
function normaliseSerial(hex: string): string {
  const even = hex.length % 2 ? `0${hex.toLowerCase()}` : hex.toLowerCase();
  return even.replace(/^(00)+(?=.)/, '');
}
