import type { PrivacyDeps } from './privacy-deps';

/**
 * Deletes a borrower's face data once they withdraw the consent it was gathered under (PIPL art. 47:
 * delete when consent is withdrawn): the identity check's retained frames and the interview's face
 * samples. What stays is what the law and the evidence need and identifies no face: the check's
 * result (passed, similarity, threshold, model version) and the ledger leaf, which holds only the
 * frames' SHA-256 and still verifies. Runs right after the withdrawal and again in the daily sweep
 * (`purgePersonalData`), so a crash in between loses nothing.
 */
export async function eraseWithdrawnFaceData({
  deps,
  accountId,
}: {
  deps: Pick<PrivacyDeps, 'retention'>;
  accountId: string;
}): Promise<{ faceImages: number; faceSamples: number }> {
  return deps.retention.eraseWithdrawnFaceData({ accountId });
}
