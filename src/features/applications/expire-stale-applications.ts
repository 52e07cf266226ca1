import { assertTransition, type ApplicationStatus } from '../../core/application/lifecycle';
import type { ApplicationsDeps } from './applications-deps';
import { eventEvidence } from './event-evidence';

/**
 * Expires drafts and reviews that nobody has touched for `draftExpiryDays` (过期). Safe to run on every
 * node at once: each expiry is a versioned transition, so a race is lost quietly, never doubled.
 */
export async function expireStaleApplications({
  deps,
  limit = 100,
}: {
  deps: ApplicationsDeps;
  limit?: number;
}): Promise<number> {
  const before = new Date(deps.clock().getTime() - deps.settings.draftExpiryDays * 86_400_000);
  const statuses: ApplicationStatus[] = ['draft', 'under_review'];
  const stale = await deps.applications.findStale({ statuses, before, limit });
  let expired = 0;
  for (const app of stale) {
    assertTransition({ from: app.status, to: 'expired', actor: 'system' });
    const events = [
      {
        fromStatus: app.status,
        toStatus: 'expired' as const,
        actorAccountId: null,
        actorRole: 'system',
        reason: `no activity for ${deps.settings.draftExpiryDays} days`,
      },
    ];
    const done = await deps.applications.transition({
      id: app.id,
      expectedVersion: app.version,
      status: 'expired',
      events,
      evidence: await eventEvidence(deps, { applicationId: app.id, events }),
    });
    if (done) expired++;
  }
  if (expired > 0) deps.evidence.sequence();
  return expired;
}
