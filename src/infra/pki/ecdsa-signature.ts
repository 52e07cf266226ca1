import { derTlv } from './der-tlv';

/**
 * WebCrypto and PKCS#11 return an ECDSA signature as r‖s (IEEE P1363), but X.509, CMS and RFC 3161
 * carry it as the DER `Ecdsa-Sig-Value` SEQUENCE { r INTEGER, s INTEGER }; this converts the first
 * into the second (minimal positive INTEGERs, so verifiers that insist on DER accept it).
 */
export function ecdsaP1363ToDer(raw: Uint8Array): Buffer {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new Error('ECDSA signature: odd length');
  const half = raw.length / 2;
  return derTlv(0x30, derInteger(raw.subarray(0, half)), derInteger(raw.subarray(half)));
}

function derInteger(bytes: Uint8Array): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  let body = Buffer.from(bytes.subarray(i));
  if ((body[0] ?? 0) & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return derTlv(0x02, body);
}
