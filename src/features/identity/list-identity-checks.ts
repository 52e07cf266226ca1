import type { StaffIdentityChecks } from '../../contracts/identity.schema';
import { isCaseworker, type Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { maskIdNumber, maskMobile, maskName } from '../../core/identity/mask';
import type { IdentityDeps } from './identity-deps';
import { viewAuthorityCheck, viewConsent, viewFaceCheck } from './identity-views';

/**
 * For caseworkers: every identity check of an application's borrower, with the authority's answers,
 * the face checks' scores and the consents. Identifiers are masked; raw images are never shown here.
 */
export async function listIdentityChecks({
  deps,
  actor,
  applicationId,
}: {
  deps: Pick<IdentityDeps, 'store' | 'applications'>;
  actor: Actor;
  applicationId: string;
}): Promise<StaffIdentityChecks> {
  if (!isCaseworker(actor.role)) throw new AppError('FORBIDDEN');
  const borrower = await deps.applications.borrowerOf(applicationId);
  if (!borrower) throw new AppError('APPLICATION_NOT_FOUND');
  const [verifications, consents] = await Promise.all([
    deps.store.verificationsOf(borrower),
    deps.store.consentsOf(borrower),
  ]);
  return {
    applicationId,
    verifications: await Promise.all(
      verifications.map(async (v) => {
        const [authorityChecks, faceChecks] = await Promise.all([
          deps.store.authorityChecks(v.id),
          deps.store.faceChecksOf(v.id),
        ]);
        return {
          id: v.id,
          status: v.status,
          method: v.method,
          nameMasked: maskName(v.name),
          idNumberMasked: maskIdNumber(v.idNumber),
          mobileMasked: v.mobile ? maskMobile(v.mobile) : null,
          phoneVerifiedAt: v.phoneVerifiedAt?.toISOString() ?? null,
          createdAt: v.createdAt.toISOString(),
          verifiedAt: v.verifiedAt?.toISOString() ?? null,
          authorityChecks: authorityChecks.map(viewAuthorityCheck),
          faceChecks: faceChecks.map((c) => ({ ...viewFaceCheck(c), scores: c.scores ?? null })),
        };
      }),
    ),
    consents: consents.map(viewConsent),
  };
}
