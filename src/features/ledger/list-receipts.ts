import type { Actor } from '../../core/accounts/roles';
import type { EntryView } from './entry-view';
import type { LedgerDeps } from './ledger-deps';
import { entriesOf } from './list-application-entries';

/** A borrower's receipts: the ledger entries of each of their own applications. */
export async function listReceipts(
  deps: Pick<LedgerDeps, 'store' | 'secrets' | 'applications'>,
  { actor }: { actor: Actor },
): Promise<{ applicationId: string; reference: string; entries: EntryView[] }[]> {
  // Only the borrower's own applications are listed, so no per-application access check is needed.
  const apps = await deps.applications.ofBorrower(actor.accountId);
  await deps.store.sequenceQueued(); // steps committed a moment ago are shown with their index
  const published = await deps.store.latestPublishedCheckpoint();
  const publishedSize = published?.size ?? 0;
  return Promise.all(
    apps.map((a) => entriesOf(deps, { applicationId: a.id, reference: a.reference, publishedSize })),
  );
}
