import { isCaseworker, type Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { entryView, type EntryView } from './entry-view';
import type { LedgerDeps } from './ledger-deps';
import { subjectOf } from './prepare-evidence';

/**
 * The ledger entries of one application, for its borrower or a caseworker; anyone else gets
 * APPLICATION_NOT_FOUND (the same answer as an unknown id).
 */
export async function listApplicationEntries(
  deps: Pick<LedgerDeps, 'store' | 'secrets' | 'applications'>,
  { actor, applicationId }: { actor: Actor; applicationId: string },
): Promise<{ applicationId: string; reference: string; entries: EntryView[] }> {
  const app = await deps.applications.find(applicationId);
  if (app === undefined || !(app.borrowerAccountId === actor.accountId || isCaseworker(actor.role)))
    throw new AppError('APPLICATION_NOT_FOUND');
  await deps.store.sequenceQueued(); // steps committed a moment ago are shown with their index
  const published = await deps.store.latestPublishedCheckpoint();
  return entriesOf(deps, { applicationId, reference: app.reference, publishedSize: published?.size ?? 0 });
}

/** The entries filed under one application's subject, each marked as checkpointed or not. */
export async function entriesOf(
  deps: Pick<LedgerDeps, 'store' | 'secrets'>,
  {
    applicationId,
    reference,
    publishedSize,
  }: { applicationId: string; reference: string; publishedSize: number },
): Promise<{ applicationId: string; reference: string; entries: EntryView[] }> {
  const entries = await deps.store.entriesBySubject(subjectOf(deps, applicationId));
  return { applicationId, reference, entries: entries.map((e) => entryView(e, publishedSize)) };
}
