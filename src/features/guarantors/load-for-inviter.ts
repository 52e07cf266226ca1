import { isCaseworker, type Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { InviterSide } from '../../core/guarantors/guarantee';
import type { GuarantorApplication, GuarantorsDeps } from './guarantors-deps';

/**
 * The application if `actor` works on its guarantors from `side`: the borrower side is its own
 * borrower only, the staff side a caseworker. Anyone else gets APPLICATION_NOT_FOUND, as for an id
 * that does not exist (no probing).
 */
export async function loadForInviter({
  deps,
  actor,
  side,
  applicationId,
}: {
  deps: Pick<GuarantorsDeps, 'applications'>;
  actor: Actor;
  side: InviterSide;
  applicationId: string;
}): Promise<GuarantorApplication> {
  const app = await deps.applications.find(applicationId);
  const may = side === 'borrower' ? app?.borrowerAccountId === actor.accountId : isCaseworker(actor.role);
  if (!app || !may) throw new AppError('APPLICATION_NOT_FOUND');
  return app;
}

/** Who on the inviter side may invite and withdraw: the owning borrower, or a loan officer. */
export const mayInvite = (actor: Actor, side: InviterSide): boolean =>
  side === 'borrower' || actor.role === 'loan_officer';
