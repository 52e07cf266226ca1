/** One "Signature #N" block of `pdfsig` (poppler-utils) output. */
export interface PdfsigSignature {
  index: number;
  fieldName?: string;
  signerCommonName?: string;
  signingTime?: string;
  signatureType?: string;
  /** e.g. "Signature is Valid.", "Digest Mismatch.", "Signature has not yet been verified." */
  signatureValidation?: string;
  /** e.g. "Certificate issuer isn't Trusted." */
  certificateValidation?: string;
  totalDocumentSigned?: boolean;
}

const KEYS: Record<string, keyof PdfsigSignature> = {
  'Signature Field Name': 'fieldName',
  'Signer Certificate Common Name': 'signerCommonName',
  'Signing Time': 'signingTime',
  'Signature Type': 'signatureType',
  'Signature Validation': 'signatureValidation',
  'Certificate Validation': 'certificateValidation',
};

/**
 * Parse pdfsig's text report (poppler 22.12 format). The CI check must read the text: pdfsig exits 0
 * even when it prints "Digest Mismatch", so its exit code proves nothing.
 */
export function parsePdfsigOutput(stdout: string): PdfsigSignature[] {
  const out: PdfsigSignature[] = [];
  let current: PdfsigSignature | undefined;
  for (const line of stdout.split('\n')) {
    const header = /^Signature #(\d+):/.exec(line);
    if (header) {
      current = { index: Number(header[1]) };
      out.push(current);
      continue;
    }
    const item = /^\s+- (.*)$/.exec(line)?.[1];
    if (!current || item === undefined) continue;
    if (item === 'Total document signed') current.totalDocumentSigned = true;
    else if (item === 'Not total document signed') current.totalDocumentSigned = false;
    else {
      const at = item.indexOf(': ');
      const key = at === -1 ? undefined : KEYS[item.slice(0, at)];
      if (key) (current as unknown as Record<string, string>)[key] = item.slice(at + 2);
    }
  }
  return out;
}
