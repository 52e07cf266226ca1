import type { LegalHoldsView, LegalHoldView } from '../../../../src/contracts/legal-holds.schema';
import { apiRequest } from '../../api/client';

const base = (applicationId: string) => `/staff/applications/${applicationId}/legal-holds`;

/** Caseworkers and administrators: whether a hold is in force, and every hold, newest first. */
export const fetchLegalHolds = (applicationId: string) =>
  apiRequest<LegalHoldsView>('GET', base(applicationId));

/** Risk officers and administrators (step-up): place a legal hold, with its reason. */
export const placeLegalHold = (applicationId: string, reason: string) =>
  apiRequest<LegalHoldView>('POST', base(applicationId), { json: { reason } });

/** Administrators other than the one who placed it (step-up): release the hold in force, with a reason. */
export const releaseLegalHold = (applicationId: string, reason: string) =>
  apiRequest<LegalHoldView>('POST', `${base(applicationId)}/release`, { json: { reason } });
