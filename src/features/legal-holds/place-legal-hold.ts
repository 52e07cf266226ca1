import { createHash } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { LegalHoldRecord } from './legal-hold-store.port';
import type { LegalHoldsDeps } from './legal-holds-deps';

/** The ledger leaf of a hold's placing or release: who, when, and the reason's SHA-256 (never its text). */
export function legalHoldEvidence({
  deps,
  actor,
  capture,
  applicationId,
  step,
  holdId,
  reason,
  at,
}: {
  deps: LegalHoldsDeps;
  actor: Actor;
  capture?: Capture | undefined;
  applicationId: string;
  step: 'placed' | 'released';
  holdId: string;
  reason: string;
  at: Date;
}) {
  return deps.evidence.prepare({
    type: 'legal.hold',
    applicationId,
    actor,
    capture,
    record: {
      kind: `legal_hold.${step}`,
      applicationId,
      holdId,
      reasonSha256: createHash('sha256').update(reason, 'utf8').digest('hex'),
      at: at.toISOString(),
    },
    at,
  });
}

/**
 * Places a legal hold (证据保全) on an application: while it is in force, the retention jobs keep the
 * application's personal data, documents and interview recordings past their retention periods (a
 * dispute, a court's order, a regulator's inquiry). A risk officer or an administrator places it,
 * with a reason; the ledger records who, when and the reason's SHA-256. One hold at a time.
 */
export async function placeLegalHold({
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
  const at = deps.clock();
  const id = deps.newId();
  const evidence = await legalHoldEvidence({
    deps,
    actor,
    capture,
    applicationId,
    step: 'placed',
    holdId: id,
    reason,
    at,
  });
  const hold = {
    id,
    applicationId,
    reason,
    placedBy: actor.accountId,
    placedByRole: actor.role,
    placedAt: at,
  };
  if ((await deps.store.place(hold, [evidence])) === 'held') throw new AppError('LEGAL_HOLD_IN_FORCE');
  deps.evidence.sequence();
  return { ...hold, released: null };
}
