/** The roles of the platform. Borrowers apply; staff work the applications; admins manage accounts. */
export type Role =
  'borrower_individual' | 'borrower_enterprise' | 'loan_officer' | 'risk_officer' | 'approver' | 'admin';

export const borrowerRoles: readonly Role[] = ['borrower_individual', 'borrower_enterprise'];
/** Staff who work loan applications (admins manage accounts and see no applications). */
export const caseworkerRoles: readonly Role[] = ['loan_officer', 'risk_officer', 'approver'];
export const staffRoles: readonly Role[] = [...caseworkerRoles, 'admin'];

export const isBorrower = (role: Role): boolean => borrowerRoles.includes(role);
export const isCaseworker = (role: Role): boolean => caseworkerRoles.includes(role);

/** Who is acting: the logged-in account and its role. */
export interface Actor {
  accountId: string;
  role: Role;
}
