import type {
  AnswerRevisedTermsBody,
  ApprovalCaseView,
  DecideApprovalBody,
  RevisedTermsView,
} from '../../../../src/contracts/approvals.schema';
import type {
  DisbursementView,
  ReconciliationReport,
  ReconciliationReportList,
  RepaymentScheduleView,
  RequestDisbursementBody,
} from '../../../../src/contracts/disbursement.schema';
import { ApiError, apiRequest, apiUrl, readError } from '../../api/client';
import i18n from '../../i18n';

/** Staff: the application's latest approval case; 404 `APPROVAL_CASE_NOT_FOUND` before submission. */
export const fetchApprovalCase = (applicationId: string) =>
  apiRequest<ApprovalCaseView>('GET', `/staff/applications/${applicationId}/approval`);

/** Loan officers: submit an application in risk control for approval. */
export const submitForApproval = (applicationId: string) =>
  apiRequest<ApprovalCaseView>('POST', `/staff/applications/${applicationId}/approval`, { json: {} });

/** Risk officers and approvers: decide the current step (step-up). */
export const decideApproval = (applicationId: string, body: DecideApprovalBody) =>
  apiRequest<ApprovalCaseView>('POST', `/staff/applications/${applicationId}/approval/decisions`, {
    json: body,
  });

/** Borrowers: the revised terms waiting for an answer; 404 `APPROVAL_NO_PENDING_DISCLOSURE` when none. */
export const fetchRevisedTerms = (applicationId: string) =>
  apiRequest<RevisedTermsView>('GET', `/applications/${applicationId}/revised-terms`);

export const answerRevisedTerms = (applicationId: string, body: AnswerRevisedTermsBody) =>
  apiRequest<{ applicationId: string; caseStatus: string }>(
    'POST',
    `/applications/${applicationId}/revised-terms/answer`,
    { json: body },
  );

/** Staff: the loan's disbursement; 404 `DISBURSEMENT_NOT_FOUND` before one is requested. */
export const fetchDisbursement = (applicationId: string) =>
  apiRequest<DisbursementView>('GET', `/staff/applications/${applicationId}/disbursement`);

/**
 * Approvers: request the disbursement under an Idempotency-Key (the same key again answers the first
 * result). The shared client sends no custom headers, so this one request is made here, with the
 * session's CSRF token passed in by the caller.
 */
export async function requestDisbursement(
  applicationId: string,
  body: RequestDisbursementBody,
  { idempotencyKey, csrfToken }: { idempotencyKey: string; csrfToken: string | undefined },
): Promise<{ disbursement: DisbursementView; isReplay: boolean }> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': i18n.language,
    'Content-Type': 'application/json',
    'Idempotency-Key': idempotencyKey,
  };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(apiUrl(`/staff/applications/${applicationId}/disbursement`), {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : String(e));
  }
  if (!response.ok) throw await readError(response);
  return {
    disbursement: (await response.json()) as DisbursementView,
    isReplay: response.headers.get('idempotent-replayed') === 'true',
  };
}

/** Borrowers: the active repayment schedule; 409 `REPAYMENT_SCHEDULE_NOT_ACTIVE` before disbursement. */
export const fetchRepaymentSchedule = (applicationId: string) =>
  apiRequest<RepaymentScheduleView>('GET', `/applications/${applicationId}/repayment-schedule`);

/** Approvers, risk officers, admins: the day's reconciliation (China calendar day; today when omitted). */
export const fetchReconciliation = (date?: string) =>
  apiRequest<ReconciliationReport>('GET', '/staff/reconciliation/disbursements', { query: { date } });

/** Approvers, risk officers, admins: the reports the daily reconciliation job stored, newest day first. */
export const fetchReconciliationReports = (limit = 14) =>
  apiRequest<ReconciliationReportList>('GET', '/staff/reconciliation/reports', { query: { limit } });
