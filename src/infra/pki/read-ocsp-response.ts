import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OCSP_RESPONSE_STATUS, type OcspResponseStatus } from './ocsp-responder';
import { pkiEncoding } from './pki-encoding';
import { PKI_OIDS } from './pki-oids';

/** One SingleResponse of an OCSP response, as read (the signature is not checked here). */
export interface OcspSingleStatus {
  /** Serial number, lower-case hex without leading zero bytes. */
  serial: string;
  hashAlgorithm: string;
  issuerNameHash: Buffer;
  issuerKeyHash: Buffer;
  status: 'good' | 'revoked' | 'unknown';
  thisUpdate: Date;
  nextUpdate: Date | null;
}

export interface OcspResponseSummary {
  status: OcspResponseStatus | 'unreadable';
  producedAt: Date | null;
  responses: OcspSingleStatus[];
  /** Certificates carried in the response (the delegated responder's). */
  certificates: pkijs.Certificate[];
  /** The echoed nonce extension value, when present. */
  nonce: Buffer | null;
}

/**
 * Read a DER OCSPResponse (from the DSS, or our responder): status, and for a basic response every
 * certificate status. Never throws: garbage reads as `unreadable`. Signatures are not verified; this
 * says what revocation data a document carries, and for which serials.
 */
export function readOcspResponse(der: Uint8Array): OcspResponseSummary {
  const empty: OcspResponseSummary = {
    status: 'unreadable',
    producedAt: null,
    responses: [],
    certificates: [],
    nonce: null,
  };
  try {
    const response = new pkijs.OCSPResponse({ schema: pkiEncoding.parseDer(der, 'OCSP response') });
    const code = response.responseStatus.valueBlock.valueDec;
    const status = (Object.keys(OCSP_RESPONSE_STATUS) as OcspResponseStatus[]).find(
      (k) => OCSP_RESPONSE_STATUS[k] === code,
    );
    if (status === undefined) return empty;
    if (status !== 'successful' || !response.responseBytes) return { ...empty, status };
    if (response.responseBytes.responseType !== PKI_OIDS.ocspBasic) return empty;
    const basic = new pkijs.BasicOCSPResponse({
      schema: pkiEncoding.parseDer(response.responseBytes.response.valueBlock.valueHexView, 'basic response'),
    });
    const data = basic.tbsResponseData;
    const nonce = data.responseExtensions?.find((e) => e.extnID === PKI_OIDS.ocspNonce);
    return {
      status,
      producedAt: data.producedAt,
      responses: data.responses.map((r) => ({
        serial: Buffer.from(r.certID.serialNumber.valueBlock.valueHexView)
          .toString('hex')
          .replace(/^(00)+(?=.)/, ''),
        hashAlgorithm: r.certID.hashAlgorithm.algorithmId,
        issuerNameHash: Buffer.from(r.certID.issuerNameHash.valueBlock.valueHexView),
        issuerKeyHash: Buffer.from(r.certID.issuerKeyHash.valueBlock.valueHexView),
        status: certStatus(r.certStatus as asn1js.BaseBlock),
        thisUpdate: r.thisUpdate,
        nextUpdate: r.nextUpdate ?? null,
      })),
      certificates: basic.certs ?? [],
      nonce: nonce ? Buffer.from(nonce.extnValue.valueBlock.valueHexView) : null,
    };
  } catch {
    return empty;
  }
}

function certStatus(block: asn1js.BaseBlock): OcspSingleStatus['status'] {
  if (block.idBlock.tagClass !== 3) return 'unknown';
  if (block.idBlock.tagNumber === 0) return 'good';
  if (block.idBlock.tagNumber === 1) return 'revoked';
  return 'unknown';
}
