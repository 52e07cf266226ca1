import type { ScreeningPolicy } from '../../core/screening/policy';
import type { ApplicationStore } from './application-store.port';
import type { DocumentBlobs } from './document-blobs.port';
import type { EvidenceRecorder } from './evidence-recorder.port';

export interface ApplicationsDeps {
  applications: ApplicationStore;
  blobs: DocumentBlobs;
  clock: () => Date;
  policy: ScreeningPolicy;
  settings: { maxUploadBytes: number; draftExpiryDays: number };
  /** Every step is anchored in the evidence ledger as it happens. */
  evidence: EvidenceRecorder;
}

/** The calendar date in China (UTC+8) of an instant, YYYY-MM-DD: ages and terms are counted in local days. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
