import type { IdentityAuthority } from '../../features/identity/identity-authority.port';
import type { IdentityStore } from '../../features/identity/identity-store.port';
import type { FaceReferences } from '../../features/interview-media/interview-media.ports';

/**
 * The borrower's reference face for the live identity check: as in face verification
 * (submit-face-frames.ts), the identity authority's registered photo of the verified name and ID
 * number, asked for when the room opens and never stored. A borrower verified by officer video has no
 * reference (their samples carry no score).
 */
export function createIdentityFaceReferences({
  store,
  authority,
}: {
  store: IdentityStore;
  authority: IdentityAuthority;
}): FaceReferences {
  // The verified identity's face; before there is one, the attempt under way (officer check pending).
  const inForceOrLatest = async (accountId: string) =>
    (await store.verifiedIdentityOf(accountId)) ?? (await store.latestVerification(accountId));
  return {
    async kindOf(accountId) {
      const v = await inForceOrLatest(accountId);
      if (!v) return 'none';
      return v.method === 'officer_video' ? 'officer_video' : 'authority_photo';
    },
    async photoOf(accountId) {
      const v = await inForceOrLatest(accountId);
      if (!v || v.method === 'officer_video') return undefined;
      const answer = await authority.check({ name: v.name, idNumber: v.idNumber, wantsPhoto: true });
      return answer.verdict === 'consistent' ? answer.registeredPhoto : undefined;
    },
  };
}
