/** Guarantor invitations and their answers. (migration 0011-guarantors). */
export interface GuarantorInvitationsTable {
  id: string;
  application_id: string;
  name_enc: string;
  mobile_enc: string;
  mobile_hmac: string;
  mobile_masked: string;
  relationship: string;
  guaranteed_amount: string;
  invited_by_side: 'borrower' | 'officer';
  invited_by: string;
  invited_at: Date;
  status: 'invited' | 'accepted' | 'declined' | 'verification_failed' | 'withdrawn';
  version: number;
  answered_at: Date | null;
  decline_reason_enc: string | null;
  consent_version: string | null;
  consent_sha256: string | null;
  consent_locale: string | null;
  guarantor_account_id: string | null;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  leaf_hash: string;
}

export interface GuarantorTables {
  guarantor_invitations: GuarantorInvitationsTable;
}
