/**
 * What the retention jobs need of storage (docs/personal-data.md). The adapter works on the rows in
 * place: it deletes face images and interview face samples, and rewrites a closed application without
 * its personal data, keeping the row, its history, its hashes and the ledger as evidence.
 */
export interface PersonalDataRetention {
  /**
   * Deletes the face data gathered before a withdrawal of the consent it was gathered under: the
   * retained face-check images (face_data or face_image_retention withdrawn) and the interview face
   * samples (face_data withdrawn). Data gathered under a consent given again later stays. One
   * account, or every account when `accountId` is undefined (the daily sweep).
   */
  eraseWithdrawnFaceData(input: { accountId?: string | undefined }): Promise<{
    faceImages: number;
    faceSamples: number;
  }>;
  /** Rejected, withdrawn or expired applications closed before `closedBefore` and not erased yet. */
  closedApplicationsToErase(input: { closedBefore: Date; limit: number }): Promise<
    {
      id: string;
      /** The blob keys of its uploaded documents and condition evidence, to delete before the row is rewritten. */
      blobKeys: string[];
    }[]
  >;
  /**
   * Rewrites the application without its personal data (applicant, stakeholders, free-text purpose,
   * name and ID-number lookups, document file names and blob keys, its guarantors' names and mobiles,
   * its collateral's owner, description and location, its risk assessments' applicant values, bureau
   * facts and override texts, its conditions' notes, file names and blob keys) and marks it erased at
   * `at`.
   * False when another run erased it first.
   */
  eraseApplication(input: { id: string; at: Date }): Promise<boolean>;
}
