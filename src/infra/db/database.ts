import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CollateralTables } from './tables/collateral';
import type { ConditionTables } from './tables/conditions';
import type { GuarantorTables } from './tables/guarantors';
import type { NotificationTables } from './tables/notifications';
import type { InterviewTables } from './tables/interviews';
import type { InterviewMediaTables } from './tables/interview-media';
import type { InterviewFaceSampleTables } from './tables/interview-face-samples';

/** Table types for Kysely. Columns ending in `_enc` hold envelope-encrypted text, `_hmac` keyed hashes for lookups. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AccountsTable {
  id: string;
  role: string;
  mobile_hmac: string;
  mobile_enc: string;
  mobile_masked: string;
  display_name_enc: string;
  company_name: string | null;
  credit_code_hmac: string | null;
  acting_as: string | null;
  password_hash: string;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: Timestamp;
  /** Migration 0020: when the owner closed the account (its personal fields were emptied then). */
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface SessionsTable {
  token_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  user_agent: string | null;
  /** When the session last proved a second factor (step-up is fresh for 5 minutes after). Migration 0004. */
  second_factor_at: Generated<Date | null>;
  second_factor_method: Generated<string | null>;
  /** A login whose password was right but whose second factor is still to come. Migration 0004. */
  is_pending_second_factor: Generated<boolean>;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

export interface ApplicationsTable {
  id: string;
  reference: string;
  kind: string;
  product_code: string;
  status: string;
  version: number;
  borrower_account_id: string;
  amount: string | null;
  term_months: number | null;
  applicant_name_enc: string | null;
  applicant_name_hmac: string | null;
  id_number_hmac: string | null;
  credit_code_hmac: string | null;
  company_name: string | null;
  details_enc: string;
  screening_decision: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Date | null;
  /** Migration 0017: when the retention job erased the personal data of this closed application. */
  personal_data_erased_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ApplicationEventsTable {
  id: Generated<string>;
  application_id: string;
  seq: number;
  from_status: string | null;
  to_status: string;
  actor_account_id: string | null;
  actor_role: string;
  reason: string | null;
  at: Timestamp;
}

export interface ScreeningsTable {
  id: string;
  application_id: string;
  policy_version: string;
  decision: string;
  results: ColumnType<unknown, string, string>;
  screened_at: Timestamp;
}

export interface DocumentsTable {
  id: string;
  application_id: string;
  kind: string;
  filename_enc: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  blob_key: string;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface BlocklistTable {
  identifier_hmac: string;
  identifier_kind: string;
  reason: string;
  created_at: Timestamp;
}

/** The evidence ledger (migration 0002). Bytes are bytea (Buffer / Uint8Array); bigints come back as strings. */
type Int8 = ColumnType<string, string | number | bigint, string | number | bigint>;
type Bytes = ColumnType<Buffer, Uint8Array, Uint8Array>;

export interface LedgerSequenceTable {
  id: number;
  next_index: Int8;
}
export interface LedgerQueueTable {
  id: Generated<string>;
  entry: Bytes;
  leaf_hash: Bytes;
  subject: string | null;
  openings_enc: string | null;
  queued_at: Timestamp;
}
export interface LedgerEntriesTable {
  idx: Int8;
  entry: Bytes;
  leaf_hash: Bytes;
  subject: string | null;
  sequenced_at: Timestamp;
}
export interface LedgerTreeTable {
  id: number;
  size: Int8;
  root: Bytes;
}
export interface LedgerTilesTable {
  level: number;
  idx: Int8;
  hashes: Bytes;
}
export interface LedgerCheckpointsTable {
  size: Int8;
  root: Bytes;
  note: string;
  published_note: string | null;
  signed_at: Timestamp;
  published_at: Date | null;
}
export interface LedgerWitnessStateTable {
  witness: string;
  size: Int8;
}
export interface LedgerOpeningsTable {
  commitment: string;
  kind: string;
  opening_enc: string;
  created_at: Timestamp;
}
export interface WitnessedLogsTable {
  origin: string;
  size: Int8;
  root: Bytes;
  updated_at: Timestamp;
}

/** Second factors (migration 0004). */
export interface TotpSecretsTable {
  account_id: string;
  secret_enc: string;
  is_enabled: Generated<boolean>;
  last_used_step: Int8 | null;
  created_at: Timestamp;
  enabled_at: Date | null;
}
export interface RecoveryCodesTable {
  account_id: string;
  code_hmac: string;
  created_at: Timestamp;
}
export interface PasskeysTable {
  id: string;
  account_id: string;
  credential_id: string;
  public_key: Bytes;
  counter: Int8;
  transports: ColumnType<string[], string, string>;
  name: string;
  is_backed_up: Generated<boolean>;
  created_at: Timestamp;
  last_used_at: Date | null;
}
export interface WebauthnChallengesTable {
  session_hash: string;
  purpose: 'registration' | 'authentication';
  account_id: string;
  challenge: string;
  expires_at: Date;
}

/** Identity verification (migration 0005). */
type Json = ColumnType<unknown, string, string>;
export interface IdentityRegistryTable {
  id_number_hmac: string;
  id_number_enc: string;
  name_enc: string;
  name_hmac: string;
  photo_enc: Bytes | null;
  source: 'seed' | 'self_registered' | 'import';
  registered_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface IdentityVerificationsTable {
  id: string;
  account_id: string;
  status: string;
  name_enc: string;
  id_number_enc: string;
  id_number_hmac: string;
  mobile_enc: string | null;
  mobile_hmac: string | null;
  phone_verified_at: Date | null;
  method: 'face' | 'officer_video' | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  verified_at: Date | null;
}
export interface IdentityAuthorityChecksTable {
  id: string;
  verification_id: string;
  provider: string;
  request_kind: 'identity' | 'photo';
  verdict: 'consistent' | 'inconsistent' | 'no_record';
  similarity: number | null;
  has_photo: boolean;
  response_sha256: string;
  provider_reference: string | null;
  requested_at: Date;
  answered_at: Date;
}
export interface PhoneCodesTable {
  id: string;
  verification_id: string;
  account_id: string;
  mobile_hmac: string;
  mobile_enc: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Date;
  consumed_at: Date | null;
  created_at: Date;
}
export interface SmsOutboxTable {
  id: Generated<string>;
  mobile_enc: string;
  mobile_masked: string;
  text_enc: string;
  purpose: string;
  created_at: Timestamp;
}
export interface ConsentsTable {
  id: string;
  account_id: string;
  kind: string;
  text_version: string;
  text_sha256: string;
  locale: string;
  method: string;
  device_commitment: string | null;
  leaf_hash: string;
  given_at: Date;
  withdrawn_at: Date | null;
  withdrawal_method: string | null;
  withdrawal_device_commitment: string | null;
  withdrawal_leaf_hash: string | null;
}
export interface FaceChecksTable {
  id: string;
  verification_id: string;
  account_id: string;
  challenge: string;
  status: 'issued' | 'processing' | 'completed';
  issued_at: Date;
  expires_at: Date;
  completed_at: Date | null;
  passed: boolean | null;
  failures: Json | null;
  similarity: number | null;
  threshold: number | null;
  scores: Json | null;
  model_version: string | null;
  frame_count: number | null;
  frames_sha256: Json | null;
  images_retained: Generated<boolean>;
  authority_check_id: string | null;
}
export interface FaceCheckImagesTable {
  face_check_id: string;
  seq: number;
  image_enc: Bytes;
}

/** Migration 0006: risk assessments; `_enc` columns hold the applicant's values and the bureau's facts. */
export interface RiskAssessmentsTable {
  id: string;
  application_id: string;
  model_id: string;
  model_version: string;
  model_kind: 'trained' | 'expert';
  model_label: Json;
  policy_version: string;
  inputs_sha256: string;
  score: number;
  pd: number;
  grade: string;
  recommendation: string;
  recommended_limit: string;
  recommended_rate: string;
  reasons: Json;
  characteristics_enc: string;
  bureau_provider: string | null;
  bureau_report_id: string | null;
  bureau_retrieved_at: Date | null;
  bureau_response_sha256: string | null;
  bureau_facts_enc: string | null;
  leaf_hash: string;
  override_decision: string | null;
  override_reason_code: string | null;
  override_text_enc: string | null;
  override_by: string | null;
  override_by_role: string | null;
  override_at: Date | null;
  assessed_at: Date;
  last_run_at: Date;
}
export interface RiskMonitoringAttributesTable {
  assessment_id: string;
  sex: string | null;
  age_band: string | null;
}

export interface ContractsTable {
  id: string;
  application_id: string;
  contract_number: string;
  template_version: string;
  locale: 'zh-CN' | 'en';
  signing_order: 'sequential' | 'parallel';
  status: 'signing' | 'awaiting_seal' | 'signed';
  amount: string;
  term_months: number;
  nominal_rate: string;
  annualised_rate: string;
  page_count: number;
  content_sha256: string;
  revision: number;
  current_sha256: string;
  data_enc: string;
  created_by: string;
  created_at: Date;
  completed_at: Date | null;
}

export interface ContractRevisionsTable {
  contract_id: string;
  revision: number;
  sha256: string;
  pdf_enc: Bytes;
  created_at: Date;
}

export interface ContractSignersTable {
  id: string;
  contract_id: string;
  position: number;
  role: 'borrower' | 'guarantor' | 'lender';
  field_name: string;
  account_id: string | null;
  display_name_enc: string;
  id_commitment: string | null;
  id_commitment_salt_enc: string | null;
  status: 'pending' | 'signed';
  signed_at: Date | null;
  signed_by: string | null;
  seal_authorisation_id: string | null;
  certificate_sha256: string | null;
  certificate_serial: string | null;
  signature_revision: number | null;
  intent: ColumnType<unknown, string | null, string | null>;
  intent_sha256: string | null;
}

export interface ContractPageReadsTable {
  contract_id: string;
  account_id: string;
  page: number;
  first_read_at: Date;
}

export interface SealAuthorisationsTable {
  id: string;
  scope: 'loan_contracts';
  max_amount: string;
  reason: string;
  granted_by: string;
  granted_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

/** Disbursement (migration 0009): disbursements, their outbox, Idempotency-Key records. */
export interface DisbursementsTable {
  id: string;
  application_id: string;
  contract_id: string;
  amount: string;
  currency: 'CNY';
  status: 'requested' | 'sent' | 'settled' | 'failed';
  end_to_end_id: string;
  requested_by: string;
  requested_at: Date;
  sent_at: Date | null;
  settled_at: Date | null;
  failed_at: Date | null;
  failure_reason: string | null;
  gateway_reference: string | null;
}

export interface DisbursementOutboxTable {
  id: Generated<string>;
  disbursement_id: string;
  created_at: Date;
  available_at: Date;
  attempts: Generated<number>;
  locked_until: Date | null;
  processed_at: Date | null;
  last_error: string | null;
}

export interface IdempotencyKeysTable {
  account_id: string;
  idempotency_key: string;
  fingerprint: string;
  status: 'in_flight' | 'completed';
  response_status: number | null;
  response_body: ColumnType<unknown, string | null, string | null>;
  created_at: Date;
  locked_at: Date;
  completed_at: Date | null;
}

/** The payments adapter's double-entry ledger (migration 0009). */
export interface GlAccountsTable {
  code: string;
  kind: 'funding' | 'loan_receivable' | 'clearing';
  name: string;
  created_at: Date;
}

export interface PaymentTransfersTable {
  end_to_end_id: string;
  reference: string;
  amount: string;
  currency: 'CNY';
  debtor_account: string;
  creditor_account: string;
  receivable_account: string;
  status: 'accepted' | 'settled' | 'rejected';
  rejection_reason: string | null;
  received_at: Date;
  settled_at: Date | null;
}

export interface GlJournalEntriesTable {
  id: Generated<string>;
  end_to_end_id: string;
  kind: 'transfer_accepted' | 'transfer_settled';
  booked_at: Date;
}

export interface GlJournalLinesTable {
  entry_id: string;
  line: number;
  account: string;
  debit: string;
  credit: string;
}

/**
 * The daily reconciliation's stored reports (migration 0018), one per China calendar day. `day` is a
 * `date`: read it as text (`to_char`), since the drivers would turn it into a local-midnight Date.
 */
export interface ReconciliationReportsTable {
  day: ColumnType<string, string, string>;
  ran_at: Date;
  matched: number;
  mismatches: number;
  is_balanced: boolean;
  report: ColumnType<unknown, string, string>;
}

/** Legal holds (migration 0019): at most one in force per application; reasons encrypted. */
export interface LegalHoldsTable {
  id: string;
  application_id: string;
  reason_enc: string;
  placed_by: string;
  placed_by_role: string;
  placed_at: Date;
  released_by: string | null;
  released_by_role: string | null;
  released_at: Date | null;
  release_reason_enc: string | null;
}

/** Approvals (migration 0008): cases and their decisions (texts encrypted). */
export interface ApprovalCasesTable {
  id: string;
  application_id: string;
  status: string;
  version: number;
  matrix_version: string;
  band_id: string;
  kind: string;
  steps: ColumnType<unknown, string, string>;
  snapshot: ColumnType<unknown, string, string>;
  requested_amount: string;
  requested_rate: string;
  requested_term_months: number;
  repayment_method: string;
  amount: string;
  nominal_rate: string;
  term_months: number;
  terms_version: number;
  pending_disclosure: ColumnType<unknown, string | null, string | null>;
  disclosure_sha256: string | null;
  borrower_decision: string | null;
  borrower_answered_at: Date | null;
  borrower_disclosure_sha256: string | null;
  submitted_by: string;
  submitted_at: Date;
  interviewer_id: string | null;
  completed_at: Date | null;
}

export interface ApprovalDecisionsTable {
  id: string;
  case_id: string;
  seq: number;
  step_index: number;
  step_kind: string;
  outcome: string;
  reason_code: string;
  text_enc: string;
  text_sha256: string;
  decided_by: string;
  decided_by_role: string;
  terms_version: number;
  revised_amount: string | null;
  revised_rate: string | null;
  revised_term_months: number | null;
  decided_at: Date;
  leaf_hash: string;
}

export interface Database
  extends
    CollateralTables,
    GuarantorTables,
    ConditionTables,
    NotificationTables,
    InterviewTables,
    InterviewMediaTables,
    InterviewFaceSampleTables {
  disbursements: DisbursementsTable;
  disbursement_outbox: DisbursementOutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  gl_accounts: GlAccountsTable;
  payment_transfers: PaymentTransfersTable;
  gl_journal_entries: GlJournalEntriesTable;
  gl_journal_lines: GlJournalLinesTable;
  reconciliation_reports: ReconciliationReportsTable;
  legal_holds: LegalHoldsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  screenings: ScreeningsTable;
  documents: DocumentsTable;
  blocklist: BlocklistTable;
  ledger_sequence: LedgerSequenceTable;
  ledger_queue: LedgerQueueTable;
  ledger_entries: LedgerEntriesTable;
  ledger_tree: LedgerTreeTable;
  ledger_tiles: LedgerTilesTable;
  ledger_checkpoints: LedgerCheckpointsTable;
  ledger_witness_state: LedgerWitnessStateTable;
  ledger_openings: LedgerOpeningsTable;
  witnessed_logs: WitnessedLogsTable;
  identity_registry: IdentityRegistryTable;
  identity_verifications: IdentityVerificationsTable;
  identity_authority_checks: IdentityAuthorityChecksTable;
  phone_codes: PhoneCodesTable;
  sms_outbox: SmsOutboxTable;
  consents: ConsentsTable;
  face_checks: FaceChecksTable;
  face_check_images: FaceCheckImagesTable;
  totp_secrets: TotpSecretsTable;
  recovery_codes: RecoveryCodesTable;
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  risk_assessments: RiskAssessmentsTable;
  risk_monitoring_attributes: RiskMonitoringAttributesTable;
  contracts: ContractsTable;
  contract_revisions: ContractRevisionsTable;
  contract_signers: ContractSignersTable;
  contract_page_reads: ContractPageReadsTable;
  seal_authorisations: SealAuthorisationsTable;
  approval_cases: ApprovalCasesTable;
  approval_decisions: ApprovalDecisionsTable;
}

export type AccountRow = Selectable<AccountsTable>;
export type NewAccountRow = Insertable<AccountsTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
