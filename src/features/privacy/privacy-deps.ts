import type { PersonalDataRetention } from './personal-data-retention.port';

export interface PrivacyDeps {
  retention: PersonalDataRetention;
  /** Removes a document's bytes from the blob store (idempotent). */
  deleteBlob: (key: string) => Promise<void>;
  clock: () => Date;
  /** Days a rejected, withdrawn or expired application keeps its personal data (CLOSED_APPLICATION_RETENTION_DAYS). */
  closedApplicationRetentionDays: number;
}
