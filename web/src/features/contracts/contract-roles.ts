import type { Role } from '../../../../src/contracts/accounts.schema';
import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';

/** The application has reached the contract: approved (to prepare or sign), signed, or paid out. */
export const isContractStage = (status: ApplicationStatus): boolean =>
  status === 'approved' || status === 'contract_signed' || status === 'disbursed';

/** Who prepares a contract for an approved application (the server checks the same). */
export const canPrepareContract = (role: Role | undefined): boolean => role === 'loan_officer';

/** Who applies the bank's seal by hand when no standing authorisation covers the contract. */
export const canApplySeal = (role: Role | undefined): boolean => role === 'approver';
