import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { LegalHoldRecord } from './legal-hold-store.port';
import type { LegalHoldsDeps } from './legal-holds-deps';
import { legalHoldEvidence } from './place-legal-hold';

/**
 * Releases the legal hold in force on an application, with a reason: the retention jobs may then
 * delete what is past its period. A risk officer or an administrator; four eyes: not the person who
 * placed it.
 * The hold's row stays (who released it, when, why) and the ledger records the release.
 */
export async function releaseLegalHold({
  deps,
  actor,
  capture,
  applicationId,
  reason,
}: {
  deps: LegalHoldsDeps;
  actor: Actor;
  capture?: Capture | undefined;
  applicationId: string;
  reason: string;
}): Promise<LegalHoldRecord> {
  if (!(await deps.applicationExists(applicationId))) throw new AppError('APPLICATION_NOT_FOUND');
  const hold = (await deps.store.listByApplication(applicationId)).find((h) => h.released === null);
  if (!hold) throw new AppError('LEGAL_HOLD_NOT_IN_FORCE');
  if (hold.placedBy === actor.accountId) throw new AppError('LEGAL_HOLD_FOUR_EYES');
  const at = deps.clock();
  const evidence = await legalHoldEvidence({
    deps,
    actor,
    capture,
    applicationId,
    step: 'released',
    holdId: hold.id,
    reason,
    at,
  });
  const outcome = await deps.store.release({
    id: hold.id,
    by: actor.accountId,
    role: actor.role,
    at,
    reason,
    evidence: [evidence],
  });
  if (outcome === 'not_held') throw new AppError('LEGAL_HOLD_NOT_IN_FORCE');
  deps.evidence.sequence();
  return { ...hold, released: { by: actor.accountId, role: actor.role, at, reason } };
}
