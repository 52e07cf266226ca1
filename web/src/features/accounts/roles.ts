import { staffRoles, type Role } from '../../../../src/contracts/accounts.schema';

export function isStaff(role: Role): boolean {
  return (staffRoles as readonly Role[]).includes(role);
}

/** Where each role starts after logging in. */
export function homePath(role: Role): string {
  if (role === 'admin') return '/admin/accounts';
  return isStaff(role) ? '/staff/queue' : '/applications';
}
