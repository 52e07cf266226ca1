import type { Actor } from '../../core/accounts/roles';
import type { EntryView } from './entry-view';
import type { LedgerDeps } from './ledger-deps';
import { listApplicationEntries } from './list-application-entries';

/** A borrower's receipts: the ledger entries of each of their own applications. */
export async function listReceipts(
  deps: Pick<LedgerDeps, 'store' | 'secrets' | 'applications'>,
  { actor }: { actor: Actor },
): Promise<{ applicationId: string; reference: string; entries: EntryView[] }[]> {
  const apps = await deps.applications.ofBorrower(actor.accountId);
  return Promise.all(apps.map((a) => listApplicationEntries(deps, { actor, applicationId: a.id })));
}
