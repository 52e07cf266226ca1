import type { VerificationView } from '../../contracts/identity.schema';
import type { Actor } from '../../core/accounts/roles';
import { requiredConsents } from '../../core/identity/consent-texts';
import { parseIdNumber } from '../../core/identity/id-number';
import { maskIdNumber, maskMobile } from '../../core/identity/mask';
import { missingConsents } from './active-consents';
import { chinaDateOf, type IdentityDeps } from './identity-deps';
import { nextVerificationStep, viewConsent } from './identity-views';

/** The borrower's own verification: where it stands, the consents given, and the next step. */
export async function describeVerification({
  deps,
  actor,
}: {
  deps: Pick<IdentityDeps, 'store' | 'clock' | 'registry'>;
  actor: Actor;
}): Promise<VerificationView> {
  const [verification, consents] = await Promise.all([
    deps.store.latestVerification(actor.accountId),
    deps.store.consentsOf(actor.accountId),
  ]);
  const parsed =
    verification && parseIdNumber({ number: verification.idNumber, today: chinaDateOf(deps.clock()) });
  return {
    verification:
      verification && parsed?.ok
        ? {
            id: verification.id,
            status: verification.status,
            name: verification.name,
            idNumberMasked: maskIdNumber(verification.idNumber),
            birthDate: parsed.info.birthDate,
            sex: parsed.info.sex,
            mobileMasked: verification.mobile ? maskMobile(verification.mobile) : null,
            phoneVerifiedAt: verification.phoneVerifiedAt?.toISOString() ?? null,
            method: verification.method,
            createdAt: verification.createdAt.toISOString(),
            verifiedAt: verification.verifiedAt?.toISOString() ?? null,
          }
        : null,
    consents: consents.map(viewConsent),
    missingConsents: missingConsents(consents, [...requiredConsents, 'face_data']),
    nextStep: nextVerificationStep({ verification, consents }),
    devRegistryAvailable: deps.registry !== undefined,
  };
}
