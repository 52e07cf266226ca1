/**
 * Errors that `core` and `features` raise. Each carries a stable string code; the HTTP edge maps codes
 * to statuses in one table (`src/http/error-status.ts`). Core never knows about HTTP.
 *
 * Expected outcomes (a screening decline, a failed check) are returned values, not errors.
 */
export const errorCodes = {
  /** The request body, query or path failed validation (wrong type, missing or unknown field). */
  VALIDATION_FAILED: 'The request is not valid',
  /** The body is not valid JSON. */
  MALFORMED_JSON: 'The request body is not valid JSON',
  /** The body is larger than the route allows. */
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  /** The content type is not one the route accepts. */
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
  /** No route matches the method and path. */
  ROUTE_NOT_FOUND: 'No such endpoint',
  /** The caller is not logged in, or the session has ended. */
  UNAUTHENTICATED: 'Please log in',
  /** The caller is logged in but their role may not do this. */
  FORBIDDEN: 'You are not allowed to do this',
  /** A state-changing request lacked the CSRF token of the session, or had the wrong one. */
  CSRF_TOKEN_INVALID: 'Missing or wrong CSRF token',
  /** Mobile number or password wrong (never says which). */
  INVALID_CREDENTIALS: 'Wrong mobile number or password',
  /** Too many failed logins: the account is locked for a while. */
  ACCOUNT_LOCKED: 'Too many failed attempts; the account is locked for a while',
  /** A password change was refused: the current password given was wrong (counts towards the lockout). */
  CURRENT_PASSWORD_WRONG: 'The current password is wrong',
  /** The account has been disabled by an administrator. */
  ACCOUNT_DISABLED: 'The account is disabled',
  /** Too many requests from this client in the current window. */
  RATE_LIMITED: 'Too many requests; try again later',
  /** Registration with a mobile number that already has an account. */
  ACCOUNT_EXISTS: 'An account with this mobile number already exists',
  /** Closing an account: details.applications / details.guarantees name what is still going on. */
  ACCOUNT_HAS_OPEN_MATTERS: 'The account still has applications, loans or guarantees going on',
  /** The password does not meet the policy (length, not a common password). */
  WEAK_PASSWORD: 'The password is too weak',
  /** No application with that id that the caller may see. */
  APPLICATION_NOT_FOUND: 'Application not found',
  /** The application's state does not allow this transition. */
  ILLEGAL_TRANSITION: 'This action is not allowed in the application’s current state',
  /** The application was changed by someone else since it was read (optimistic concurrency). */
  APPLICATION_CONFLICT: 'The application was changed meanwhile; reload and try again',
  /** The draft lacks fields needed to submit it. */
  APPLICATION_INCOMPLETE: 'The application is incomplete',
  /** The application kind does not fit the account (an individual applying as an enterprise). */
  APPLICATION_KIND_MISMATCH: 'This kind of application does not fit the account',
  /** No such product, or the product does not take this kind of applicant. */
  PRODUCT_NOT_FOUND: 'Unknown loan product',
  /** No document with that id on the application. */
  DOCUMENT_NOT_FOUND: 'Document not found',
  /** The document's file was deleted by the retention job (docs/personal-data.md); its hash stays. */
  DOCUMENT_ERASED: 'The document was deleted when its retention period ended',
  /** The uploaded file's type is not allowed or does not match its content. */
  DOCUMENT_TYPE_NOT_ALLOWED: 'This file type is not allowed',
  /** The uploaded file is larger than allowed. */
  DOCUMENT_TOO_LARGE: 'The file is too large',
  /** The account does not exist. */
  ACCOUNT_NOT_FOUND: 'Account not found',
  /** The login's password was right, but the session waits for its second factor (details.methods). */
  SECOND_FACTOR_PENDING: 'Complete the login with your second factor',
  /** This action needs a second factor proved within the last 5 minutes (details.methods: what the account has). */
  STEP_UP_REQUIRED: 'Confirm it is you with your second factor',
  /** This action needs a second factor, and the account has none: enrol TOTP or a passkey first. */
  SECOND_FACTOR_NOT_ENROLLED: 'Set up an authenticator app or a passkey first',
  /** The TOTP code, recovery code or passkey assertion is wrong, already used or does not verify. */
  SECOND_FACTOR_INVALID: 'The code or passkey was not accepted',
  /** TOTP is already on for this account (turn it off first to enrol a new one). */
  TOTP_ALREADY_ENABLED: 'The authenticator app is already set up',
  /** A TOTP confirmation without an enrolment under way, or TOTP off when it must be on. */
  TOTP_NOT_ENROLLED: 'No authenticator app is being set up',
  /** No passkey with that id on the caller's account. */
  PASSKEY_NOT_FOUND: 'Passkey not found',
  /** The passkey's registration did not verify (or it is registered already). */
  PASSKEY_REGISTRATION_FAILED: 'The passkey could not be registered',
  /** No WebAuthn challenge was issued to this session, or it has expired or been used. */
  WEBAUTHN_CHALLENGE_INVALID: 'The passkey request has expired; start again',
  /** No session with that id among the caller's sessions. */
  SESSION_NOT_FOUND: 'Session not found',
  /** No ledger tile or entry bundle at that path (beyond the tree, or not a tlog-tiles path). */
  LEDGER_TILE_NOT_FOUND: 'No such ledger tile',
  /** No ledger entry with that index or leaf hash in the published tree. */
  LEDGER_ENTRY_NOT_FOUND: 'No such ledger entry in the published tree',
  /** A proof was asked for sizes the published tree does not have (or from > to). */
  LEDGER_SIZE_INVALID: 'The ledger does not have a tree of that size',
  /** The ledger has not published a checkpoint yet. */
  LEDGER_NO_CHECKPOINT: 'The ledger has not published a checkpoint yet',
  /** Witness: the add-checkpoint request is malformed, or its old size is beyond the checkpoint. */
  WITNESS_BAD_REQUEST: 'Malformed add-checkpoint request',
  /** Witness: this node does not witness a log with that origin. */
  WITNESS_UNKNOWN_LOG: 'This witness does not know that log',
  /** Witness: the checkpoint does not carry a valid signature of the log's key. */
  WITNESS_BAD_SIGNATURE: 'The checkpoint is not signed by the log’s key',
  /** Witness: the consistency proof does not prove the checkpoint extends the one it cosigned before. */
  WITNESS_INCONSISTENT: 'The consistency proof does not verify',
  /** Witness: the old size differs from the size the witness has recorded (details.size tells it). */
  WITNESS_CONFLICT: 'The witness has recorded another size for this log',
  /** Face check: the bytes are not a JPEG or PNG image we can decode (or it is too large to decode). */
  FACE_IMAGE_INVALID: 'The image cannot be read as a JPEG or PNG picture',
  /** Face check: too few or too many selfie frames were sent (details.min, details.max). */
  FACE_FRAMES_INVALID: 'Send between 3 and 16 selfie frames',
  /** Face check: one selfie frame or the reference photo is larger than allowed (details.maxBytes). */
  FACE_IMAGE_TOO_LARGE: 'The image is too large',
  /** Identity: the stated name, ID number, birth date or sex do not hold together (details.reasons). */
  IDENTITY_DETAILS_INVALID: 'The identity details are not valid',
  /** Identity: the caller has no identity verification in progress (start with the ID details). */
  IDENTITY_VERIFICATION_NOT_FOUND: 'No identity verification in progress',
  /** Identity: this step needs an earlier one first (details.needs names it). */
  IDENTITY_STEP_OUT_OF_ORDER: 'Complete the earlier verification steps first',
  /** Identity: the identity authority did not answer; nothing was decided, try again later. */
  IDENTITY_AUTHORITY_UNAVAILABLE: 'The identity verification service is not answering; try again later',
  /** Phone code: a new code was asked for too soon after the last one (details.retryAfterSeconds). */
  PHONE_CODE_TOO_SOON: 'Please wait before asking for another code',
  /** Phone code: the hourly number of codes is used up (details.retryAfterSeconds). */
  PHONE_CODE_LIMIT: 'Too many codes requested; try again later',
  /** Phone code: no code has been sent for this verification. */
  PHONE_CODE_NOT_SENT: 'Ask for a code first',
  /** Phone code: the code is wrong (details.attemptsLeft). */
  PHONE_CODE_WRONG: 'The code is wrong',
  /** Phone code: the code has expired or was used; ask for a new one. */
  PHONE_CODE_EXPIRED: 'The code has expired; ask for a new one',
  /** Phone code: too many wrong tries for this code; ask for a new one. */
  PHONE_CODE_ATTEMPTS_EXCEEDED: 'Too many wrong tries; ask for a new code',
  /** Consent: a consent this step needs has not been given (details.missing). */
  CONSENT_REQUIRED: 'Please give the required consents first',
  /** Consent: the consent was given to a text version no longer in force (details.currentVersion). */
  CONSENT_TEXT_OUTDATED: 'The consent text has changed; please read it again',
  /** Consent: no consent with that id of the caller's. */
  CONSENT_NOT_FOUND: 'Consent not found',
  /** Consent: the consent has already been withdrawn. */
  CONSENT_ALREADY_WITHDRAWN: 'The consent has already been withdrawn',
  /** Face check: no face check with that id of the caller's. */
  FACE_CHECK_NOT_FOUND: 'Face check not found',
  /** Face check: the one-time face check has expired; start a new one. */
  FACE_CHECK_EXPIRED: 'The face check has expired; start a new one',
  /** Face check: this one-time face check has already been used. */
  FACE_CHECK_USED: 'This face check has already been used; start a new one',
  /** Face check: the identity authority holds no photo to compare with (verify in the video interview instead). */
  FACE_REFERENCE_UNAVAILABLE:
    'No registered photo to compare with; choose verification in the video interview',
  /** Face check: no face engine is configured on this server. */
  /** Too many failed face checks on this verification: the officer verifies in the video interview. */
  FACE_CHECK_LIMIT:
    'Too many failed face checks; your identity will be checked by the officer in the video interview',
  FACE_ENGINE_UNAVAILABLE: 'Face verification is not available right now',
  /** An endpoint for development and testing only, refused in production mode. */
  /** A risk model is malformed or reads a protected characteristic (sex, marital status, age …). */
  RISK_MODEL_INVALID: 'The risk model is not valid',
  /** An input the risk model needs is missing or has a value no bin holds. */
  RISK_INPUT_INVALID: 'The risk model cannot score these inputs',
  /** The application has no risk assessment yet. */
  RISK_ASSESSMENT_NOT_FOUND: 'No risk assessment for this application',
  /** The credit bureau has no record for this person. */
  CREDIT_REPORT_NOT_FOUND: 'The credit bureau has no record for this person',
  /** The credit bureau did not answer. */
  CREDIT_BUREAU_UNAVAILABLE: 'The credit bureau is not available right now',
  CONTRACT_NOT_FOUND: 'Contract not found',
  /** The application already has a contract, or is not approved. */
  CONTRACT_EXISTS: 'This application already has a contract',
  /** No approval case concluded on terms for this application. */
  CONTRACT_TERMS_UNAVAILABLE: 'The approved terms (amount, term, rate) are not available yet',
  /** A named guarantor or the borrower has no verified identity. */
  SIGNER_NOT_VERIFIED: 'A signer has no verified identity',
  /** The signer has not opened every page of the contract. */
  CONTRACT_NOT_READ: 'Read every page of the contract before signing',
  /** The document the signer read is not the one to be signed. */
  CONTRACT_CHANGED: 'The contract you read is not the current one; reload it',
  /** Another party signs first (sequential order), or the contract is not at the caller's step. */
  NOT_YOUR_TURN: 'It is not your turn to sign',
  /** The caller already signed. */
  ALREADY_SIGNED: 'You have already signed this contract',
  /** The contract is not waiting for the bank's seal. */
  CONTRACT_NOT_AWAITING_SEAL: 'The contract is not waiting for the bank seal',
  SEAL_AUTHORISATION_NOT_FOUND: 'Seal authorisation not found',
  SEAL_AUTHORISATION_REVOKED: 'The seal authorisation was already revoked',
  /** Approval: the application has no approval case. */
  APPROVAL_CASE_NOT_FOUND: 'No approval case for this application',
  /** Approval: the application already has an open approval case. */
  APPROVAL_CASE_OPEN: 'This application is already waiting for approval',
  /** Approval: the case (or the application) is not at a point where this can be done. */
  APPROVAL_NOT_PENDING: 'The approval case is not waiting for this',
  /** Approval: the caller's role may not decide the case's current step (details.step, details.roles). */
  APPROVAL_ROLE_NOT_ALLOWED: 'Your role may not decide this approval step',
  /** Approval: four-eyes (details.rule: FOUR_EYES_PREPARER | FOUR_EYES_INTERVIEWER | FOUR_EYES_ALREADY_DECIDED). */
  APPROVAL_FOUR_EYES: 'Four-eyes rule: you may not decide this case',
  /** Approval: the case moved on since the caller read it (details.currentStep). */
  APPROVAL_STEP_CHANGED: 'The approval case has changed; reload it',
  /** Approval: revised terms outside the product's or the risk policy's limits (details.field). */
  APPROVAL_TERMS_INVALID: 'The revised terms are not within the allowed limits',
  /** Approval: no revised disclosure is waiting for the borrower. */
  APPROVAL_NO_PENDING_DISCLOSURE: 'No revised terms are waiting for your answer',
  /** Approval: the disclosure answered is not the one pending (details.disclosureSha256). */
  APPROVAL_DISCLOSURE_CHANGED: 'The revised terms have changed; read them again',
  /** Approval: something outside the case blocks approving it (details.blockers: [{source, code, message}]). */
  APPROVAL_BLOCKED: 'The application cannot be approved yet',
  // --- collateral codes (added by the collateral work) ---
  /** Collateral: no such item on this application. */
  COLLATERAL_NOT_FOUND: 'No such collateral item on this application',
  /** Collateral: changes only while the application is under review … approved (details.status). */
  COLLATERAL_NOT_EDITABLE:
    'Collateral can only change while the application is under review, in risk control or approved',
  /** Collateral: a valuation report id is not a document of this application (details.documentId). */
  COLLATERAL_DOCUMENT_NOT_FOUND: 'The valuation report is not a document of this application',
  /** Collateral: a valuation dated in the future, or not a real date (details.field). */
  COLLATERAL_VALUATION_INVALID: 'The valuation is not valid',
  /** Collateral: a cash-flow projection for a product that is not project financing. */
  COLLATERAL_PROJECTION_NOT_APPLICABLE: 'Only project financing takes a cash-flow projection',
  /** Collateral: the projection does not give one amount per loan year (details.years). */
  COLLATERAL_PROJECTION_INVALID: 'The projection needs one amount for each year of the loan',
  // --- end collateral codes ---
  // --- guarantor codes (added by the guarantors work) ---
  /** Guarantors: no such invitation, or not one the caller may see (no probing of ids). */
  GUARANTOR_INVITATION_NOT_FOUND: 'No such guarantor invitation',
  /** Guarantors: the move is not allowed from the invitation's status, or not by this side (details.from, to). */
  GUARANTOR_INVITATION_CLOSED: 'This guarantor invitation can no longer be changed',
  /** Guarantors: guarantors are invited from draft up to risk_control (details.status). */
  GUARANTOR_INVITE_NOT_ALLOWED: 'Guarantors can no longer be invited to this application',
  /** Guarantors: the borrower cannot guarantee their own loan, nor be invited twice. */
  GUARANTOR_NOT_ELIGIBLE: 'This person cannot be invited as a guarantor of this application',
  /** Guarantors: accepting needs a verified identity first (/verify). */
  GUARANTOR_IDENTITY_NOT_VERIFIED: 'Verify your identity before accepting a guarantee',
  /** Guarantors: the guarantor's identity verification failed; the invitation is now verification_failed. */
  GUARANTOR_VERIFICATION_FAILED: 'Your identity verification failed, so you cannot give this guarantee',
  /** Guarantors: the consent text accepted is not the current one (details.version, sha256). */
  GUARANTOR_CONSENT_CHANGED: 'The guarantee text has changed; read it again',
  /** Contracts: a named guarantor is not an accepted guarantor of the application (details.phone). */
  GUARANTOR_NOT_ACCEPTED: 'Every guarantor of the contract must have accepted the guarantee invitation',
  // --- end guarantor codes ---
  // --- conditions precedent codes (added by the conditions work) ---
  /** Conditions: the code is not on this application's checklist. */
  CONDITION_NOT_FOUND: 'No such condition precedent on this application',
  /** Conditions: ticks, revocations and waivers only in risk_control, approved and contract_signed, before any disbursement (details.status). */
  CONDITIONS_CLOSED: 'The conditions precedent of this application can no longer be changed',
  /** Conditions: the condition is already met or waived; revoke it first (details.status). */
  CONDITION_ALREADY_RESOLVED: 'This condition is already met or waived',
  /** Conditions: nothing is in force to revoke, or no evidence file to download. */
  CONDITION_NOT_RESOLVED: 'This condition is neither met nor waived',
  /** Conditions: an approver may not waive this condition. */
  CONDITION_NOT_WAIVABLE: 'This condition cannot be waived',
  // --- end conditions precedent codes ---
  // --- notifications and operations codes (added by the operations work) ---
  /** No notification with this id belongs to the caller (someone else's answers the same). */
  NOTIFICATION_NOT_FOUND: 'No such notification',
  // --- end notifications and operations codes ---
  // --- interview codes (added by the interview work) ---
  /** Interview: no such interview, or the caller is not one of its participants (the same answer). */
  INTERVIEW_NOT_FOUND: 'No such interview',
  /** Interview: no such slot, or not the caller's. */
  INTERVIEW_SLOT_NOT_FOUND: 'No such interview slot',
  /** Interview: the slot was taken (or withdrawn) by the time it was picked. */
  INTERVIEW_SLOT_TAKEN: 'This time is no longer available; please pick another',
  /** Interview: the officer already offers a slot starting at one of these times. */
  INTERVIEW_SLOT_CONFLICT: 'A slot at this time is already offered',
  /** Interview: a slot in the past, or of a length not offered (15–120 minutes). */
  INTERVIEW_SLOT_INVALID: 'The slot is not valid',
  /** Interview: the application is not waiting for an interview (it must be identity_verified). */
  INTERVIEW_NOT_SCHEDULABLE: 'The application cannot be scheduled for an interview now',
  /** Interview: the application already has a scheduled interview (cancel it to reschedule). */
  INTERVIEW_ALREADY_SCHEDULED: 'The application already has a scheduled interview',
  /** Interview: the step needs the interview to be live (scheduled or in progress) and not concluded. */
  INTERVIEW_NOT_LIVE: 'The interview is not live',
  /** Interview: only the officer conducting the interview may do this. */
  INTERVIEW_NOT_INTERVIEWER: 'Only the interviewing officer may do this',
  /** Interview: a pass needs every disclosure confirmed and every drawn question answered (details.missing). */
  INTERVIEW_SCRIPT_INCOMPLETE: 'Not every disclosure was confirmed or question answered',
  /** Interview: no nominal rate is known for the application (no decided terms, no risk assessment). */
  INTERVIEW_TERMS_MISSING: 'The loan terms needed for the script are not known yet',
  /** Interview: QC sign-off needs a concluded, passed interview waiting for it. */
  INTERVIEW_QC_NOT_WAITING: 'The interview is not waiting for QC sign-off',
  /** Interview: four-eyes — the interviewer may not sign their own interview's QC off. */
  INTERVIEW_QC_FOUR_EYES: 'QC must be signed off by a staff member other than the interviewer',
  /** Legal holds. */
  LEGAL_HOLD_IN_FORCE: 'This application is already under a legal hold',
  LEGAL_HOLD_NOT_IN_FORCE: 'This application is not under a legal hold',
  LEGAL_HOLD_FOUR_EYES: 'A legal hold must be released by someone other than the person who placed it',
  /** Interview: the interview was changed meanwhile (another tab, another officer); reload and retry. */
  INTERVIEW_CONFLICT: 'The interview was changed meanwhile; reload and try again',
  // --- end interview codes ---
  // --- interview media codes (added by the media work) ---
  /** No composite recording of this interview exists (yet): the call has not ended or produced no media. */
  RECORDING_NOT_FOUND: 'No recording of this interview',
  /** A Range request for bytes the recording does not have (416, with a Content-Range naming the size). */
  RANGE_NOT_SATISFIABLE: 'The requested byte range is outside the recording',
  /** The recording could not be produced (ffmpeg or ffprobe failed); the segments are kept. */
  RECORDING_FAILED: 'The interview recording could not be produced',
  /** Only the interviewer, and risk control's staff once the application reaches them, may watch a recording. */
  RECORDING_ACCESS_DENIED: 'Only staff with a reason may watch this recording',
  // --- end interview media codes ---
  DEVELOPMENT_ONLY: 'This is only available in development mode',
  /** A disbursement request without an Idempotency-Key header, or with a malformed one. */
  IDEMPOTENCY_KEY_REQUIRED: 'Send an Idempotency-Key header (1 to 255 visible ASCII characters)',
  /** A request with this Idempotency-Key is still being processed; retry later. */
  IDEMPOTENCY_KEY_IN_FLIGHT: 'A request with this Idempotency-Key is still in progress',
  /** This Idempotency-Key was used for a different request (another body, route or loan). */
  IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was already used for a different request',
  DISBURSEMENT_NOT_FOUND: 'Disbursement not found',
  /** The loan already has a disbursement requested, sent or settled (at most one live per loan). */
  DISBURSEMENT_EXISTS: 'This loan already has a disbursement',
  /** The application is not contract_signed, or its contract is not signed by every party and sealed. */
  DISBURSEMENT_NOT_READY: 'The loan cannot be disbursed yet: the contract must be fully signed',
  /** The amount confirmed in the request is not the contract's amount. */
  DISBURSEMENT_AMOUNT_MISMATCH: 'The amount does not match the signed contract',
  /** A condition precedent to drawdown (放款前提条件) is still outstanding. */
  CONDITIONS_OUTSTANDING: 'Conditions precedent to disbursement are outstanding',
  /** The repayment schedule becomes active only once the loan is disbursed. */
  REPAYMENT_SCHEDULE_NOT_ACTIVE: 'The repayment schedule is not active: the loan is not disbursed yet',
  /** The payment system did not answer (the dispatcher retries, querying by end-to-end id first). */
  PAYMENT_GATEWAY_UNAVAILABLE: 'The payment system is not available right now',
  /** The server is overloaded or shutting down. */
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable',
  /** An unexpected fault on our side (never caused by the caller's input). */
  INTERNAL_ERROR: 'Internal error',
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** The one error type of `core` and `features`: a stable code, a message, optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? errorCodes[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** True when `e` is an AppError (optionally with the given code). */
export function isAppError(e: unknown, code?: ErrorCode): e is AppError {
  return e instanceof AppError && (code === undefined || e.code === code);
}
