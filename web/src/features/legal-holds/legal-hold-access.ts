import type { Role } from '../../../../src/contracts/accounts.schema';
import type { LegalHoldsView, LegalHoldView } from '../../../../src/contracts/legal-holds.schema';

/** Who may see an application's legal holds (the server checks the same). */
export const legalHoldReaderRoles = [
  'loan_officer',
  'risk_officer',
  'approver',
  'admin',
] as const satisfies readonly Role[];
/** Who may place or release a legal hold (the server checks the same, and asks for a second factor). */
export const legalHoldPlacerRoles = ['risk_officer', 'admin'] as const satisfies readonly Role[];

/** The server accepts a reason of 2 to 500 characters. */
export const reasonMinLength = 2;
export const reasonMaxLength = 500;

export const canReadLegalHolds = (role: Role | undefined): boolean =>
  (legalHoldReaderRoles as readonly (Role | undefined)[]).includes(role);

export const canPlaceLegalHold = (role: Role | undefined): boolean =>
  (legalHoldPlacerRoles as readonly (Role | undefined)[]).includes(role);

/** The hold in force, if any: the one not released. */
export const holdInForce = (view: LegalHoldsView): LegalHoldView | undefined =>
  view.items.find((h) => h.released === null);

/**
 * Whether the reader may release the hold in force: `none` without one, `notPermitted` for roles that
 * may not (only risk officers and administrators may), `placedByYou` for the person who placed it
 * (four eyes), else `allowed`.
 */
export type ReleaseAccess = 'allowed' | 'none' | 'notPermitted' | 'placedByYou';

export function releaseAccess({
  hold,
  role,
  accountId,
}: {
  hold: LegalHoldView | undefined;
  role: Role | undefined;
  accountId: string | undefined;
}): ReleaseAccess {
  if (!hold) return 'none';
  if (!canPlaceLegalHold(role)) return 'notPermitted';
  if (hold.placedBy.accountId === accountId) return 'placedByYou';
  return 'allowed';
}

/**
 * A reason as sent: the server refuses control characters, so line breaks (and any run of spaces)
 * become one space; undefined when it is then too short or too long.
 */
export function cleanReason(text: string): string | undefined {
  const reason = text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
  // The server counts characters (code points), not UTF-16 units.
  const length = Array.from(reason).length;
  return length >= reasonMinLength && length <= reasonMaxLength ? reason : undefined;
}
