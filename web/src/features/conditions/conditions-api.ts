import type { ConditionsView } from '../../../../src/contracts/conditions.schema';
import { apiRequest, apiUrl } from '../../api/client';

const base = (applicationId: string) => `/staff/applications/${applicationId}/conditions`;

/** Caseworkers: the checklist with each condition's status, evidence, who and when. */
export const fetchConditions = (applicationId: string) =>
  apiRequest<ConditionsView>('GET', base(applicationId));

/** Loan officers: tick a condition with its evidence file (the raw body) and a note. */
export const uploadConditionEvidence = (applicationId: string, code: string, file: File, note: string) =>
  apiRequest<ConditionsView>('POST', `${base(applicationId)}/${code}/evidence`, {
    query: { filename: file.name, note },
    file,
  });

/** A plain link: the browser downloads the file with the session cookie. */
export const conditionEvidenceUrl = (applicationId: string, code: string) =>
  apiUrl(`${base(applicationId)}/${code}/evidence`);

/** Loan and risk officers: undo a tick or waiver, with a reason. */
export const revokeCondition = (applicationId: string, code: string, reason: string) =>
  apiRequest<{ ok: true }>('POST', `${base(applicationId)}/${code}/revoke`, { json: { reason } });

/** Approvers (step-up): waive a waivable condition, with a reason. */
export const waiveCondition = (applicationId: string, code: string, reason: string) =>
  apiRequest<{ ok: true }>('POST', `${base(applicationId)}/${code}/waive`, { json: { reason } });
