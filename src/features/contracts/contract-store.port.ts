import type { ContractData } from '../../core/contract/contract-data';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { ContractStatus, ContractSignerRole, SigningOrder } from '../../contracts/loan-contracts.schema';

/** A loan contract and where its signing stands. */
export interface ContractRecord {
  id: string;
  applicationId: string;
  contractNumber: string;
  templateVersion: string;
  locale: 'zh-CN' | 'en';
  signingOrder: SigningOrder;
  status: ContractStatus;
  amount: string;
  termMonths: number;
  nominalAnnualRate: string;
  annualisedRate: string;
  pageCount: number;
  /** SHA-256 of the unsigned PDF (revision 0): what every party reads and agrees to. */
  contentSha256: string;
  /** The newest revision (0 = unsigned) and its SHA-256. */
  revision: number;
  currentSha256: string;
  /** Everything the PDF shows (personal: stored encrypted). */
  data: ContractData;
  createdBy: string;
  createdAt: Date;
  completedAt: Date | null;
}

/** What a signer confirmed, and how they proved it was them, bound to their signature (意愿认证). */
export interface SigningIntent {
  intentVersion: string;
  /** SHA-256 of the statement's text as shown, in the contract's language. */
  statementSha256: string;
  /** "I have read and agree" ticked. */
  agreed: true;
  /** SHA-256 of the unsigned contract the signer read. */
  contentSha256: string;
  /** Pages opened, with when each was first shown. */
  pagesRead: { page: number; at: string }[];
  /** The second factor that authorised the key's use, and when it was proved. */
  authentication: { method: 'totp' | 'passkey' | 'recovery_code'; provedAt: string };
  confirmedAt: string;
}

/** One party who signs. The bank's row has no account: its seal is applied by an approver or an authorisation. */
export interface SignerRecord {
  id: string;
  contractId: string;
  position: number;
  role: ContractSignerRole;
  fieldName: string;
  accountId: string | null;
  displayName: string;
  /** Commitment to the verified ID number (people only), and its salt (kept encrypted, opened for a court). */
  idNumberCommitment: string | null;
  idCommitmentSalt: Buffer | null;
  status: 'pending' | 'signed';
  signedAt: Date | null;
  /** Who applied the bank's seal (an approver), or null under a standing authorisation. */
  signedBy: string | null;
  sealAuthorisationId: string | null;
  certificateSha256: string | null;
  certificateSerial: string | null;
  /** The revision the signature produced. */
  signatureRevision: number | null;
  intent: SigningIntent | null;
  intentSha256: string | null;
}

export interface SealAuthorisationRecord {
  id: string;
  scope: 'loan_contracts';
  maxAmount: string;
  reason: string;
  grantedBy: string;
  grantedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

/** A new revision of the PDF written with the signer it completes, in one transaction. */
export interface SignatureWrite {
  contractId: string;
  /** The revision the signature was made on; the write fails (returns false) if another came first. */
  expectedRevision: number;
  pdf: Buffer;
  sha256: string;
  signer: Pick<
    SignerRecord,
    | 'id'
    | 'signedAt'
    | 'signedBy'
    | 'sealAuthorisationId'
    | 'certificateSha256'
    | 'certificateSerial'
    | 'intent'
    | 'intentSha256'
  >;
  status: ContractStatus;
  completedAt: Date | null;
  evidence: PreparedEvidence[];
}

export interface ContractStore {
  /** Stores a prepared contract, its signers and revision 0; CONTRACT_EXISTS if the application has one. */
  create(input: {
    contract: ContractRecord;
    signers: SignerRecord[];
    pdf: Buffer;
    evidence: PreparedEvidence;
  }): Promise<void>;
  findById(id: string): Promise<ContractRecord | undefined>;
  findByApplication(applicationId: string): Promise<ContractRecord | undefined>;
  /** Contracts the account signs (as borrower or guarantor), newest first. */
  listForAccount(accountId: string): Promise<ContractRecord[]>;
  signers(contractId: string): Promise<SignerRecord[]>;
  /** Pages each account has opened: accountId → [{page, at}] in order of first reading. */
  pagesRead(contractId: string): Promise<Map<string, { page: number; at: Date }[]>>;
  /** Records the first time an account opened a page (later views change nothing). */
  recordPageRead(input: { contractId: string; accountId: string; page: number; at: Date }): Promise<void>;
  /** The PDF of a revision (0 = unsigned). */
  document(contractId: string, revision: number): Promise<Buffer | undefined>;
  /** Appends a signed revision; false when `expectedRevision` is no longer the newest (a concurrent signature). */
  appendSignature(write: SignatureWrite): Promise<boolean>;

  addSealAuthorisation(record: SealAuthorisationRecord, evidence: PreparedEvidence): Promise<void>;
  sealAuthorisations(): Promise<SealAuthorisationRecord[]>;
  findSealAuthorisation(id: string): Promise<SealAuthorisationRecord | undefined>;
  /** Marks it revoked unless it already was; returns the record after the change, or undefined if none changed. */
  revokeSealAuthorisation(input: {
    id: string;
    by: string;
    reason: string;
    at: Date;
    evidence: PreparedEvidence;
  }): Promise<SealAuthorisationRecord | undefined>;
}
