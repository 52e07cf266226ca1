import type { ApplicationStatus } from '../../src/core/application/lifecycle';
import type { NewEvent } from '../../src/features/applications/application-store.port';
import { eventEvidence } from '../../src/features/applications/event-evidence';
import { composeApplicationsDeps } from '../../src/http/compose-deps';
import type { TestPlatform } from './test-platform';

/**
 * Moves an application straight to a later stage for a test that starts there, through the store's
 * own transition (events, version check and ledger leaves as a real move writes them): one event per
 * step, each by its actor, reason "test set-up". Throws if the application did not move.
 */
export async function moveForSetUp({
  platform: p,
  applicationId,
  steps,
}: {
  platform: TestPlatform;
  applicationId: string;
  steps: { to: ApplicationStatus; by: { accountId: string | null; role: string } }[];
}): Promise<void> {
  const deps = composeApplicationsDeps({ infra: p.infra, config: p.config });
  const current = await p.infra.applications.findById(applicationId);
  if (!current) throw new Error(`no application ${applicationId}`);
  let from: ApplicationStatus = current.status;
  const events: NewEvent[] = steps.map(({ to, by }) => {
    const event: NewEvent = {
      fromStatus: from,
      toStatus: to,
      actorAccountId: by.accountId,
      actorRole: by.role,
      reason: 'test set-up',
    };
    from = to;
    return event;
  });
  const moved = await deps.applications.transition({
    id: applicationId,
    expectedVersion: current.version,
    status: from,
    events,
    evidence: await eventEvidence(deps, { applicationId, events }),
  });
  if (moved?.status !== from) throw new Error(`application ${applicationId} did not move to ${from}`);
}
