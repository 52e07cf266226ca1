import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { RiskGrade, RiskRecommendation } from '../../core/risk/decision-policy';
import type { CharacteristicResult, ReasonCode } from '../../core/risk/score-applicant';
import type { LocalisedLabel } from '../../core/risk/scorecard-model';

export type OverrideReasonCode =
  | 'site_visit'
  | 'interview_finding'
  | 'documents_verified'
  | 'additional_collateral'
  | 'adverse_information'
  | 'relationship_history'
  | 'other';

export interface BureauSummary {
  provider: string;
  reportId: string;
  retrievedAt: Date;
  responseSha256: string;
  facts: { label: LocalisedLabel; value: string }[];
}

export interface RiskOverride {
  decision: RiskRecommendation;
  reasonCode: OverrideReasonCode;
  text: string;
  byAccountId: string;
  byRole: string;
  at: Date;
}

export interface RiskAssessmentRecord {
  id: string;
  applicationId: string;
  model: { id: string; version: string; kind: 'trained' | 'expert'; label: LocalisedLabel };
  policyVersion: string;
  inputsSha256: string;
  score: number;
  probabilityOfDefault: number;
  grade: RiskGrade;
  recommendation: RiskRecommendation;
  /** Yuan, two places. */
  recommendedLimit: string;
  /** Decimal fraction, four places. */
  recommendedAnnualRate: string;
  reasons: ReasonCode[];
  /** With the applicant's values: personal, stored encrypted. */
  characteristics: CharacteristicResult[];
  /** Facts are personal and stored encrypted; provider, ids and hash are not. */
  bureau: BureauSummary | null;
  override: RiskOverride | null;
  /** The ledger leaf anchoring the assessment. */
  leafHash: string;
  assessedAt: Date;
  /** Last time a run arrived at this same assessment (idempotent re-runs). */
  lastRunAt: Date;
}

/**
 * Protected attributes kept for fairness monitoring only, beside the assessment and never given to a
 * model: sex and age band derived from the applicant's ID number (null for enterprises).
 */
export interface MonitoringAttributes {
  sex: 'male' | 'female' | null;
  ageBand: string | null;
}

/** One application's latest assessment as monitoring sees it. */
export interface MonitoringRow {
  modelId: string;
  modelVersion: string;
  score: number;
  recommendation: RiskRecommendation;
  finalRecommendation: RiskRecommendation;
  overrideReason: OverrideReasonCode | null;
  sex: 'male' | 'female' | null;
  ageBand: string | null;
}

/**
 * Risk assessments. Personal parts (the applicant's characteristic values, the bureau's facts, an
 * override's text) are encrypted by the adapter; evidence is queued in the ledger's outbox in the
 * same transaction as the write it attests.
 */
export interface RiskStore {
  /** The assessment with exactly this application, model, policy and inputs, if one was made. */
  findSame(key: {
    applicationId: string;
    modelId: string;
    modelVersion: string;
    policyVersion: string;
    inputsSha256: string;
  }): Promise<RiskAssessmentRecord | undefined>;
  /**
   * Stores a new assessment with its monitoring attributes and evidence; when the same assessment
   * was stored meanwhile (a concurrent run), stores nothing and returns that one.
   */
  add(input: {
    assessment: RiskAssessmentRecord;
    monitoring: MonitoringAttributes;
    evidence: PreparedEvidence;
  }): Promise<RiskAssessmentRecord>;
  /** Marks an existing assessment as the application's latest again (a re-run with the same inputs). */
  touch(input: { id: string; at: Date }): Promise<void>;
  /** The application's latest assessment. */
  latestOf(applicationId: string): Promise<RiskAssessmentRecord | undefined>;
  /** Records (or replaces) the override, with its evidence; undefined when there is no such assessment. */
  setOverride(input: {
    id: string;
    override: RiskOverride;
    evidence: PreparedEvidence;
  }): Promise<RiskAssessmentRecord | undefined>;
  /** Every application's latest assessment, for monitoring. */
  monitoringRows(): Promise<MonitoringRow[]>;
}
