import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { FaceVerifier } from './face-verifier.port';
import type { IdentityAuthority, IdentityRegistry } from './identity-authority.port';
import type { IdentityStore } from './identity-store.port';
import type { SmsOutbox, SmsSender } from './sms-sender.port';

/**
 * What identity verification needs of the evidence ledger: a leaf per consent and per check, filed
 * under the borrower's account (a verification may come before any application), which the identity
 * store queues in the ledger's outbox in the same transaction as the step.
 */
export interface IdentityEvidence {
  prepare(input: {
    type: 'consent' | 'identity.check';
    /** The account the leaf is filed under (its subject commitment). */
    accountId: string;
    actor: { accountId: string | null; role: string };
    capture?: Capture | undefined;
    record: CanonicalValue;
    at: Date;
  }): Promise<PreparedEvidence>;
  /** Nudges the sequencer after the commit. */
  sequence(): void;
}

/** What identity verification needs of loan applications (wired by the composition root). */
export interface IdentityApplications {
  /** The borrower's account of an application, or undefined when there is none. */
  borrowerOf(applicationId: string): Promise<string | undefined>;
  /**
   * Moves the account's applications in under_review whose applicant (or a stakeholder) has the
   * verified ID number to identity_verified, as the system, each with its event and evidence.
   * Returns the ids moved.
   */
  promoteVerified(input: { accountId: string; idNumber: string; verificationId: string }): Promise<string[]>;
}

export interface IdentityDeps {
  store: IdentityStore;
  authority: IdentityAuthority;
  /** Development mode only: testers add themselves to the local registry. */
  registry: IdentityRegistry | undefined;
  sms: SmsSender;
  /** The development SMS outbox, readable by administrators; undefined with a real gateway or in production. */
  smsOutbox: SmsOutbox | undefined;
  verifyFace: FaceVerifier;
  evidence: IdentityEvidence;
  applications: IdentityApplications;
  /**
   * Deletes the account's face data gathered under a face consent it has withdrawn (wired to the
   * privacy capability's `eraseWithdrawnFaceData`; docs/personal-data.md).
   */
  eraseFaceData: (input: { accountId: string }) => Promise<{ faceImages: number; faceSamples: number }>;
  clock: () => Date;
  /** Uniform in [0, 1), from a CSPRNG: picks the liveness challenge. */
  random: () => number;
  /** A fresh one-time code (6 digits, CSPRNG). */
  newCode: () => string;
  /** Keyed hash of a one-time code, bound to the code's id (a 6-digit code unkeyed is guessed in a blink). */
  hashCode: (input: { codeId: string; code: string }) => string;
  settings: {
    isDevelopment: boolean;
    faceCheckTtlSeconds: number;
    maxFrameBytes: number;
    verificationsPerDay: number;
  };
}

/** The calendar date in China (UTC+8) of an instant, YYYY-MM-DD. */
export function chinaDateOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The device commitment of a prepared leaf (the same value the public log shows). */
export function deviceCommitmentOf(evidence: PreparedEvidence): string | null {
  const leaf = JSON.parse(evidence.entry.toString('utf8')) as { where?: { device?: string | null } };
  return leaf.where?.device ?? null;
}
