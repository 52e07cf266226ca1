import type { ConsentKind } from '../../core/identity/consent-texts';
import type { LivenessChallenge } from '../../core/identity/liveness-challenge';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { AuthorityVerdict } from './identity-authority.port';

/**
 * Where a verification stands. `authority_failed` ends it (the borrower may start again);
 * `verified` and `officer_video_pending` are its two good endings.
 */
export type VerificationStatus =
  'authority_failed' | 'authority_passed' | 'phone_verified' | 'verified' | 'officer_video_pending';

export interface VerificationRecord {
  id: string;
  accountId: string;
  status: VerificationStatus;
  name: string;
  idNumber: string;
  mobile: string | null;
  phoneVerifiedAt: Date | null;
  method: 'face' | 'officer_video' | null;
  createdAt: Date;
  updatedAt: Date;
  verifiedAt: Date | null;
}

export interface AuthorityCheckRecord {
  id: string;
  verificationId: string;
  provider: string;
  requestKind: 'identity' | 'photo';
  verdict: AuthorityVerdict;
  similarity: number | null;
  hasPhoto: boolean;
  responseSha256: string;
  providerReference: string | null;
  requestedAt: Date;
  answeredAt: Date;
}

export interface PhoneCodeRecord {
  id: string;
  verificationId: string;
  mobile: string;
  codeHash: string;
  attempts: number;
  expiresAt: Date;
  consumedAt: Date | null;
  createdAt: Date;
}

export interface ConsentRecord {
  id: string;
  accountId: string;
  kind: ConsentKind;
  textVersion: string;
  textSha256: string;
  locale: 'zh-CN' | 'en';
  method: string;
  /** The ledger leaf's commitment to the device (user agent), openable from the ledger's openings. */
  deviceCommitment: string | null;
  leafHash: string;
  givenAt: Date;
  withdrawnAt: Date | null;
  withdrawalMethod: string | null;
  withdrawalDeviceCommitment: string | null;
}

export interface FaceCheckRecord {
  id: string;
  verificationId: string;
  accountId: string;
  challenge: LivenessChallenge;
  status: 'issued' | 'processing' | 'completed';
  issuedAt: Date;
  expiresAt: Date;
  completedAt: Date | null;
  passed: boolean | null;
  failures: string[] | null;
  similarity: number | null;
  threshold: number | null;
  /** Anti-spoofing, liveness and per-frame measurements as the verifier reported them. */
  scores: unknown;
  modelVersion: string | null;
  frameCount: number | null;
  framesSha256: string[] | null;
  imagesRetained: boolean;
}

/**
 * Identity verifications and everything recorded on the way. Names, ID numbers and mobiles are
 * encrypted by the adapter and looked up by keyed hash; each write that carries evidence queues it in
 * the ledger's outbox in the same transaction.
 */
export interface IdentityStore {
  startVerification(input: {
    verification: Pick<VerificationRecord, 'id' | 'accountId' | 'status' | 'name' | 'idNumber' | 'createdAt'>;
    authorityCheck: AuthorityCheckRecord;
    evidence: PreparedEvidence;
  }): Promise<VerificationRecord>;
  /** The newest attempt, whatever its status (the one the borrower is working on). */
  latestVerification(accountId: string): Promise<VerificationRecord | undefined>;
  /**
   * The identity in force: the newest verification that ended verified (verified-identity.ts). A
   * newer attempt still under way, or failed, does not replace it: a borrower who mistypes their name
   * on a second attempt stays verified as before.
   */
  verifiedIdentityOf(accountId: string): Promise<VerificationRecord | undefined>;
  /** Newest first. */
  verificationsOf(accountId: string): Promise<VerificationRecord[]>;
  authorityChecks(verificationId: string): Promise<AuthorityCheckRecord[]>;

  /** Codes sent to this account or this mobile since `since`, and when the last one went. */
  phoneCodeUsage(input: {
    accountId: string;
    mobile: string;
    since: Date;
  }): Promise<{ count: number; firstSentAt: Date | null; lastSentAt: Date | null }>;
  addPhoneCode(input: PhoneCodeRecord & { accountId: string }): Promise<void>;
  latestPhoneCode(verificationId: string): Promise<PhoneCodeRecord | undefined>;
  /** Counts one try; undefined when the code already had `maxAttempts` tries (nothing counted). */
  countPhoneCodeAttempt(input: { id: string; maxAttempts: number }): Promise<number | undefined>;
  /** Uses the code and marks the mobile verified; false when the code was used meanwhile. */
  completePhoneVerification(input: {
    verificationId: string;
    codeId: string;
    mobile: string;
    at: Date;
    evidence: PreparedEvidence;
  }): Promise<boolean>;

  addConsent(consent: ConsentRecord, evidence: PreparedEvidence): Promise<void>;
  consentsOf(accountId: string): Promise<ConsentRecord[]>;
  /** Undefined when there is no such consent of the account's, or it was withdrawn already. */
  withdrawConsent(input: {
    id: string;
    accountId: string;
    at: Date;
    method: string;
    deviceCommitment: string | null;
    leafHash: string;
    evidence: PreparedEvidence;
  }): Promise<ConsentRecord | undefined>;

  issueFaceCheck(
    check: Pick<
      FaceCheckRecord,
      'id' | 'verificationId' | 'accountId' | 'challenge' | 'issuedAt' | 'expiresAt'
    >,
  ): Promise<void>;
  findFaceCheck(id: string): Promise<FaceCheckRecord | undefined>;
  /** Takes the one-time check for processing; false when it was taken already. */
  claimFaceCheck(id: string): Promise<boolean>;
  /** Gives a claimed check back when processing failed before any result (the engine threw). */
  releaseFaceCheck(id: string): Promise<void>;
  completeFaceCheck(input: {
    id: string;
    at: Date;
    passed: boolean;
    failures: readonly string[];
    similarity: number | null;
    threshold: number | null;
    scores: unknown;
    modelVersion: string | null;
    framesSha256: string[];
    /** Kept encrypted only under the retention consent; otherwise undefined and nothing is written. */
    images: Uint8Array[] | undefined;
    authorityCheck: AuthorityCheckRecord;
    /** Set when the check completes the verification. */
    verified: { verificationId: string } | undefined;
    evidence: readonly PreparedEvidence[];
  }): Promise<void>;
  faceChecksOf(verificationId: string): Promise<FaceCheckRecord[]>;
  /** Records a failed authority answer at face time (no photo, or the person is unknown by now). */
  addAuthorityCheck(check: AuthorityCheckRecord, evidence: PreparedEvidence): Promise<void>;

  chooseOfficerVideo(input: {
    verificationId: string;
    at: Date;
    evidence: PreparedEvidence;
  }): Promise<VerificationRecord | undefined>;
  /**
   * The interviewing officer confirmed the face: officer_video_pending → verified. Undefined when the
   * verification was not pending any more (nothing changed).
   */
  confirmOfficerVideo(input: {
    verificationId: string;
    at: Date;
    evidence: PreparedEvidence;
  }): Promise<VerificationRecord | undefined>;
}
