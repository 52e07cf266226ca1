import { AppError } from '../../core/errors';
import type { StepUpRule } from '../accounts/request-context';
import type { SecondFactorMethod } from '../../contracts/security.schema';
import { stepUpUntil } from './step-up-window';
import type { SecurityAccount, SecuritySession } from './security-session.port';

/**
 * Enforces a route's step-up rule on the server: the session must have proved a second factor within
 * the last 5 minutes. Throws STEP_UP_REQUIRED (details.methods: what the account can prove) or, when
 * the account has no second factor and the rule is strict, SECOND_FACTOR_NOT_ENROLLED.
 */
export async function checkStepUp({
  deps,
  auth,
  rule,
}: {
  deps: { secondFactors: { methodsOf(accountId: string): Promise<SecondFactorMethod[]> }; clock: () => Date };
  auth: { session: SecuritySession; account: SecurityAccount };
  rule: StepUpRule;
}): Promise<void> {
  if (stepUpUntil({ session: auth.session, now: deps.clock() })) return;
  const methods = await deps.secondFactors.methodsOf(auth.account.id);
  if (methods.length === 0) {
    if (rule === 'if-enrolled') return;
    throw new AppError('SECOND_FACTOR_NOT_ENROLLED');
  }
  throw new AppError('STEP_UP_REQUIRED', undefined, { methods });
}
