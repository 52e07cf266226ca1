import type { Actor } from '../../core/accounts/roles';
import type { ApplicationPage } from '../../contracts/applications.schema';
import type { ApplicationsDeps } from './applications-deps';
import { summariseApplication } from './describe-application';

/** A borrower's own applications, newest first. */
export async function listMyApplications({
  deps,
  actor,
  page = 1,
  pageSize = 20,
}: {
  deps: Pick<ApplicationsDeps, 'applications'>;
  actor: Actor;
  page?: number;
  pageSize?: number;
}): Promise<ApplicationPage> {
  const { items, total } = await deps.applications.listByBorrower({
    borrowerAccountId: actor.accountId,
    page,
    pageSize,
  });
  return { items: items.map(summariseApplication), total, page, pageSize };
}
