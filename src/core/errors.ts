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
  /** The account has been disabled by an administrator. */
  ACCOUNT_DISABLED: 'The account is disabled',
  /** Too many requests from this client in the current window. */
  RATE_LIMITED: 'Too many requests; try again later',
  /** Registration with a mobile number that already has an account. */
  ACCOUNT_EXISTS: 'An account with this mobile number already exists',
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
  /** The uploaded file's type is not allowed or does not match its content. */
  DOCUMENT_TYPE_NOT_ALLOWED: 'This file type is not allowed',
  /** The uploaded file is larger than allowed. */
  DOCUMENT_TOO_LARGE: 'The file is too large',
  /** The account does not exist. */
  ACCOUNT_NOT_FOUND: 'Account not found',
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
