import type { LegalHoldsView, LegalHoldView } from '../../contracts/legal-holds.schema';
import { AppError } from '../../core/errors';
import type { LegalHoldRecord } from './legal-hold-store.port';
import type { LegalHoldsDeps } from './legal-holds-deps';

export const legalHoldView = (h: LegalHoldRecord): LegalHoldView => ({
  id: h.id,
  applicationId: h.applicationId,
  reason: h.reason,
  placedBy: { accountId: h.placedBy, role: h.placedByRole },
  placedAt: h.placedAt.toISOString(),
  released: h.released && {
    by: { accountId: h.released.by, role: h.released.role },
    at: h.released.at.toISOString(),
    reason: h.released.reason,
  },
});

/** An application's legal holds, newest first, for caseworkers and administrators. */
export async function listLegalHolds({
  deps,
  applicationId,
}: {
  deps: LegalHoldsDeps;
  applicationId: string;
}): Promise<LegalHoldsView> {
  if (!(await deps.applicationExists(applicationId))) throw new AppError('APPLICATION_NOT_FOUND');
  const items = await deps.store.listByApplication(applicationId);
  return { isHeld: items.some((h) => h.released === null), items: items.map(legalHoldView) };
}
