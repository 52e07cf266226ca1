/**
 * Compile-time check that the API's shapes (contracts) and the domain's (core) agree; `tsc` in
 * `npm test` fails when one changes without the other.
 */
import type {
  ApplicationDetails as ApiDetails,
  ApplicationStatus as ApiStatus,
} from '../../contracts/applications.schema';
import type { ApplicationDetails as CoreDetails } from '../../core/application/application';
import type { ApplicationStatus as CoreStatus } from '../../core/application/lifecycle';
import type { Role as ApiRole } from '../../contracts/accounts.schema';
import type { Role as CoreRole } from '../../core/accounts/roles';

type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assignable<A, B> = [A] extends [B] ? true : false;

// Details: what the API accepts must fit the domain (core keeps industry and purpose as open strings).
export const contractTypesAgree: [
  Assignable<ApiDetails, CoreDetails>,
  MutuallyAssignable<ApiStatus, CoreStatus>,
  MutuallyAssignable<ApiRole, CoreRole>,
] = [true, true, true];
