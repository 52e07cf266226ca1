import type {
  AuthorityCheckView,
  ConsentView,
  FaceCheckView,
  VerificationStep,
} from '../../contracts/identity.schema';
import { requiredConsents } from '../../core/identity/consent-texts';
import type {
  AuthorityCheckRecord,
  ConsentRecord,
  FaceCheckRecord,
  VerificationRecord,
} from './identity-store.port';
import { missingConsents } from './active-consents';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function viewConsent(c: ConsentRecord): ConsentView {
  return {
    id: c.id,
    kind: c.kind,
    textVersion: c.textVersion,
    textSha256: c.textSha256,
    locale: c.locale,
    method: c.method,
    givenAt: c.givenAt.toISOString(),
    withdrawnAt: iso(c.withdrawnAt),
    leafHash: c.leafHash,
  };
}

export function viewFaceCheck(c: FaceCheckRecord): FaceCheckView {
  return {
    id: c.id,
    challenge: c.challenge,
    status: c.status,
    passed: c.passed,
    failures: c.failures,
    similarity: c.similarity,
    threshold: c.threshold,
    modelVersion: c.modelVersion,
    frameCount: c.frameCount,
    imagesRetained: c.imagesRetained,
    issuedAt: c.issuedAt.toISOString(),
    completedAt: iso(c.completedAt),
  };
}

export function viewAuthorityCheck(c: AuthorityCheckRecord): AuthorityCheckView {
  return {
    provider: c.provider,
    requestKind: c.requestKind,
    verdict: c.verdict,
    similarity: c.similarity,
    hasPhoto: c.hasPhoto,
    responseSha256: c.responseSha256,
    providerReference: c.providerReference,
    answeredAt: c.answeredAt.toISOString(),
  };
}

/** Where the borrower goes next, from the verification's status and the consents in force. */
export function nextVerificationStep({
  verification,
  consents,
}: {
  verification: VerificationRecord | undefined;
  consents: readonly ConsentRecord[];
}): VerificationStep {
  switch (verification?.status) {
    case undefined:
    case 'authority_failed':
      return 'id_details';
    case 'authority_passed':
      return 'phone';
    case 'phone_verified':
      return missingConsents(consents, [...requiredConsents, 'face_data']).length ? 'consents' : 'face';
    case 'verified':
      return 'done';
    case 'officer_video_pending':
      return 'officer_video';
  }
}
