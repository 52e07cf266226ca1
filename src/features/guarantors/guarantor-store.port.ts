import type { GuarantorRelationship, GuarantorStatus, InviterSide } from '../../core/guarantors/guarantee';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';

/** One invitation of a person to guarantee an application, with its answer. */
export interface GuarantorInvitationRecord {
  id: string;
  applicationId: string;
  name: string;
  mobile: string;
  mobileMasked: string;
  relationship: GuarantorRelationship;
  guaranteedAmount: string;
  invitedBySide: InviterSide;
  invitedBy: string;
  invitedAt: Date;
  status: GuarantorStatus;
  version: number;
  answeredAt: Date | null;
  declineReason: string | null;
  consentVersion: string | null;
  consentSha256: string | null;
  consentLocale: string | null;
  guarantorAccountId: string | null;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
  /** The ledger leaf of the invitation. */
  leafHash: string;
}

export type GuarantorInvitationChanges = Partial<
  Pick<
    GuarantorInvitationRecord,
    | 'status'
    | 'answeredAt'
    | 'declineReason'
    | 'consentVersion'
    | 'consentSha256'
    | 'consentLocale'
    | 'guarantorAccountId'
    | 'withdrawnAt'
    | 'withdrawnBy'
  >
>;

/**
 * Guarantor invitations. Names and mobiles are encrypted at rest, the mobile also kept as a keyed
 * HMAC in the accounts' hash space, so an account finds the invitations addressed to its own mobile.
 * Evidence goes to the ledger's outbox in the same transaction as the write it attests.
 */
export interface GuarantorStore {
  /** False when an invitation of this mobile to this application is already open (not withdrawn). */
  create(input: { record: GuarantorInvitationRecord; evidence: PreparedEvidence }): Promise<boolean>;
  findById(id: string): Promise<GuarantorInvitationRecord | undefined>;
  listByApplication(applicationId: string): Promise<GuarantorInvitationRecord[]>;
  /** The invitations addressed to the mobile number of this account (matched by HMAC), newest first. */
  listForAccount(accountId: string): Promise<GuarantorInvitationRecord[]>;
  /** Applies `changes` if the invitation is still at `expectedVersion`; undefined otherwise. */
  update(input: {
    id: string;
    expectedVersion: number;
    changes: GuarantorInvitationChanges;
    evidence: PreparedEvidence;
  }): Promise<GuarantorInvitationRecord | undefined>;
}
