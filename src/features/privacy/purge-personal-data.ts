import type { PrivacyDeps } from './privacy-deps';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Applications erased per batch: keeps one run's transactions short on a large backlog. */
const BATCH = 100;

export interface PersonalDataPurge {
  /** Face-check images deleted because their consent was withdrawn. */
  faceImages: number;
  /** Interview face samples deleted because the face consent was withdrawn. */
  faceSamples: number;
  /** Closed applications whose personal data was erased. */
  applications: string[];
  /** Document files removed from the blob store. */
  blobsDeleted: number;
}

/**
 * The daily retention job (docs/personal-data.md; PIPL art. 19 and 47): face data whose consent was
 * withdrawn, and the personal data of applications that were rejected, withdrawn or expired more than
 * `closedApplicationRetentionDays` ago — their applicant and stakeholders, free-text purpose, lookup
 * hashes and uploaded files. The application row, its status history, document hashes, consents and
 * ledger leaves stay as evidence. Files go before the row is rewritten, so a run interrupted half-way
 * is finished by the next one.
 */
export async function purgePersonalData({ deps }: { deps: PrivacyDeps }): Promise<PersonalDataPurge> {
  const { faceImages, faceSamples } = await deps.retention.eraseWithdrawnFaceData({});
  const closedBefore = new Date(deps.clock().getTime() - deps.closedApplicationRetentionDays * DAY_MS);
  const applications: string[] = [];
  let blobsDeleted = 0;
  for (;;) {
    const batch = await deps.retention.closedApplicationsToErase({ closedBefore, limit: BATCH });
    for (const application of batch) {
      for (const key of application.blobKeys) {
        await deps.deleteBlob(key);
        blobsDeleted++;
      }
      if (await deps.retention.eraseApplication({ id: application.id, at: deps.clock() }))
        applications.push(application.id);
    }
    if (batch.length < BATCH) break;
  }
  return { faceImages, faceSamples, applications, blobsDeleted };
}
