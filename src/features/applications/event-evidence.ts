import { createHash } from 'node:crypto';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { ApplicationDetails } from '../../core/application/application';
import type { NewEvent } from './application-store.port';
import type { ApplicationsDeps } from './applications-deps';

/** SHA-256 of the details as stored: what the borrower had filled in at that moment. */
export const detailsDigest = (details: ApplicationDetails) =>
  createHash('sha256').update(JSON.stringify(details)).digest('hex');

/**
 * One ledger leaf per lifecycle event: the record holds the application id, the move, who made it,
 * why and when, plus anything the step adds (a details digest at submission, the screening's rule
 * outcomes). The record stays in the bank (encrypted); the leaf holds its digest.
 */
export function eventEvidence(
  deps: Pick<ApplicationsDeps, 'evidence' | 'clock'>,
  {
    applicationId,
    events,
    capture,
    extra = [],
  }: {
    applicationId: string;
    events: readonly NewEvent[];
    capture?: Capture | undefined;
    /** Per event, fields added to its record. */
    extra?: readonly ({ readonly [key: string]: CanonicalValue } | undefined)[];
  },
): Promise<PreparedEvidence[]> {
  const at = deps.clock();
  return Promise.all(
    events.map((e, i) =>
      deps.evidence.prepare({
        type: 'application.event',
        applicationId,
        actor: { accountId: e.actorAccountId, role: e.actorRole },
        // A system step (screening, expiry) was not captured from anyone's device.
        capture: e.actorAccountId === null ? undefined : capture,
        record: {
          kind: 'application.event',
          applicationId,
          from: e.fromStatus,
          to: e.toStatus,
          actor: { accountId: e.actorAccountId, role: e.actorRole },
          reason: e.reason,
          at: at.toISOString(),
          ...(extra[i] ?? {}),
        },
        at,
      }),
    ),
  );
}
