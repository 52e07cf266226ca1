import type { ContractData } from '../../core/contract/contract-data';

/** A person's signature request: a certificate for this event, bound to their verified identity. */
export interface PersonSignature {
  fieldName: string;
  role: 'borrower' | 'guarantor';
  name: string;
  idNumberCommitment: string;
  applicationId: string;
}

/** What a signature produced. */
export interface SignedRevision {
  pdf: Buffer;
  certificateSha256: string;
  certificateSerial: string;
}

/** One signature as the verifier found it. */
export interface SignatureCheck {
  fieldName: string | null;
  kind: 'signature' | 'document-timestamp';
  signer: string | null;
  claimedTime: Date | null;
  timestampTime: Date | null;
  integrity: boolean;
  chainValid: boolean;
  timestampValid: boolean;
  coversWholeDocument: boolean;
  problems: string[];
}

/**
 * The contract document's boundary: rendering the PDF (with its embedded CJK font subset) and the
 * platform PKI (per-event signer certificates, the bank's seal, the TSA, DSS and document timestamp,
 * verification against the platform root). The adapter is src/infra/contracts/pdf-contract-documents.ts
 * over src/infra/pdf and src/infra/pki; keys stay behind the PKI's key-store port.
 */
export interface ContractDocuments {
  render(data: ContractData): Promise<{ pdf: Buffer; pageCount: number }>;
  /** `locale` is the contract's: the appearance's labels follow it. */
  signAsPerson(input: {
    pdf: Buffer;
    party: PersonSignature;
    at: Date;
    reason: string;
    locale: 'zh-CN' | 'en';
  }): Promise<SignedRevision>;
  /** `bankName` is the lender as the contract names it (on the seal's arc). */
  signAsBank(input: {
    pdf: Buffer;
    fieldName: string;
    at: Date;
    reason: string;
    locale: 'zh-CN' | 'en';
    bankName: string;
  }): Promise<SignedRevision>;
  /** After the last signature: chain and revocation data (DSS) and a document timestamp (B-LTA). */
  finish(pdf: Buffer): Promise<Buffer>;
  verify(pdf: Buffer): Promise<SignatureCheck[]>;
}
