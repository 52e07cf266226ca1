import type { Role } from '../../../../src/contracts/accounts.schema';

/** Who may run an assessment and override it (the server checks the same). */
export const assessorRoles = ['loan_officer', 'risk_officer'] as const satisfies readonly Role[];
/** Who may see the models' monitoring (metrics, fairness, stability, overrides). */
export const monitoringRoles = ['risk_officer', 'approver', 'admin'] as const satisfies readonly Role[];

export const canAssess = (role: Role | undefined): boolean =>
  (assessorRoles as readonly (Role | undefined)[]).includes(role);

export const canMonitor = (role: Role | undefined): boolean =>
  (monitoringRoles as readonly (Role | undefined)[]).includes(role);
