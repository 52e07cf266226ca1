import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';

/**
 * Where a borrower may withdraw, as in the lifecycle's transition table (src/core/application/lifecycle.ts,
 * which the web code may not import): any time until the contract is signed. The server decides anyway.
 */
const withdrawable: readonly ApplicationStatus[] = [
  'draft',
  'under_review',
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'risk_control',
  'approved',
];

export const canWithdraw = (status: ApplicationStatus): boolean => withdrawable.includes(status);
