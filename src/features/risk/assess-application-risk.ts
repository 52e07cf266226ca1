import { createHash, randomUUID } from 'node:crypto';
import type { ApplicationStatus } from '../../core/application/lifecycle';
import { AppError } from '../../core/errors';
import { ageOn, parseIdNumber } from '../../core/identity/id-number';
import type { Capture } from '../../core/ledger/evidence/capture';
import { canonicalJson } from '../../core/ledger/evidence/canonical-json';
import { decideRisk } from '../../core/risk/decision-policy';
import { enterpriseScorecardInputs } from '../../core/risk/enterprise-scorecard';
import { ageBand } from '../../core/risk/fairness';
import { modelInputs, type ScoringInputs } from '../../core/risk/score-applicant';
import { findProduct } from '../../core/screening/policy';
import type { RiskApplication, RiskDeps } from './risk-deps';
import type { BureauSummary, MonitoringAttributes, RiskAssessmentRecord } from './risk-store.port';

/** Statuses in which an application has passed screening and is not yet decided: the model may run. */
export const assessableStatuses: readonly ApplicationStatus[] = [
  'under_review',
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'risk_control',
];

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** SHA-256 of the canonical JSON of the inputs the model reads (values as strings, missing as null). */
export function inputsDigest(inputs: ScoringInputs, names: readonly string[]): string {
  const picked: Record<string, string | null> = {};
  for (const n of names) {
    const v = inputs[n];
    picked[n] = v === null || v === undefined ? null : String(v);
  }
  return sha256(canonicalJson(picked));
}

/** China's calendar date (UTC+8), YYYY-MM-DD. */
const chinaDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

function monitoringAttributesOf(app: RiskApplication, at: Date): MonitoringAttributes {
  const idNumber = app.kind === 'individual' ? app.details.applicant?.idNumber : undefined;
  if (!idNumber) return { sex: null, ageBand: null };
  const today = chinaDate(at);
  const parsed = parseIdNumber({ number: idNumber, today });
  if (!parsed.ok) return { sex: null, ageBand: null };
  return {
    sex: parsed.info.sex,
    ageBand: ageBand(ageOn({ birthDate: parsed.info.birthDate, onDate: today })),
  };
}

/**
 * Runs the risk model on an application (风险评估): an individual's inputs come from the credit
 * bureau, queried only under the borrower's unwithdrawn credit-inquiry consent (CONSENT_REQUIRED
 * otherwise; CREDIT_REPORT_NOT_FOUND when the bureau has no record); an enterprise's from its
 * application through the expert scorecard. The score's PD goes through the decision policy (grade,
 * recommendation, price, limit); the assessment is stored with the protected attributes kept apart for
 * monitoring, and anchored on the ledger (hashes only). Idempotent: the same application, model,
 * policy and inputs give back the stored assessment, with no new leaf.
 */
export async function assessApplicationRisk({
  deps,
  actor,
  capture,
  applicationId,
}: {
  deps: RiskDeps;
  /** A staff member, or the system (automatic assessment after screening or identity verification). */
  actor: { accountId: string | null; role: string };
  capture?: Capture | undefined;
  applicationId: string;
}): Promise<{ assessment: RiskAssessmentRecord; isNew: boolean }> {
  const app = await deps.applications.find(applicationId);
  if (!app) throw new AppError('APPLICATION_NOT_FOUND');
  if (!assessableStatuses.includes(app.status))
    throw new AppError(
      'ILLEGAL_TRANSITION',
      'Risk assessment runs only after screening passed and before a decision',
      {
        status: app.status,
      },
    );
  const product = findProduct({ policy: deps.screeningPolicy, code: app.productCode });
  if (!product) throw new AppError('PRODUCT_NOT_FOUND');
  const amount = app.details.loan.amount;
  if (!amount) throw new AppError('APPLICATION_INCOMPLETE', undefined, { missingFields: ['loan.amount'] });
  const scorecard = deps.models.modelFor(app.kind);
  if (!scorecard)
    throw new AppError('RISK_MODEL_INVALID', `No risk model is loaded for ${app.kind} applications`);
  const { model } = scorecard;
  const names = modelInputs(model);

  let inputs: ScoringInputs;
  let bureau: BureauSummary | null = null;
  if (app.kind === 'individual') {
    const name = app.details.applicant?.fullName;
    const idNumber = app.details.applicant?.idNumber?.toUpperCase();
    if (!name || !idNumber)
      throw new AppError('APPLICATION_INCOMPLETE', undefined, {
        missingFields: ['applicant.fullName', 'applicant.idNumber'],
      });
    const consent = await deps.consents.activeCreditInquiryConsent({
      accountId: app.borrowerAccountId,
      idNumber,
    });
    if (!consent)
      throw new AppError('CONSENT_REQUIRED', 'The applicant has not authorised a credit inquiry', {
        missing: ['credit_inquiry'],
      });
    const answer = await deps.bureau.query({
      name,
      idNumber,
      purpose: 'loan_approval',
      consentId: consent.id,
      reference: app.id,
    });
    if (!answer.record)
      throw new AppError('CREDIT_REPORT_NOT_FOUND', undefined, {
        provider: answer.provider,
        reportId: answer.reportId,
      });
    const features = answer.record.features;
    const picked: Record<string, number | string | null> = {};
    for (const n of names) picked[n] = features[n] ?? null;
    inputs = picked;
    bureau = {
      provider: answer.provider,
      reportId: answer.reportId,
      retrievedAt: answer.retrievedAt,
      responseSha256: sha256(answer.rawResponse),
      facts: answer.record.facts.map((f) => ({ label: { ...f.label }, value: f.value })),
    };
  } else {
    inputs = enterpriseScorecardInputs({ details: app.details, product });
  }

  const key = {
    applicationId: app.id,
    modelId: model.id,
    modelVersion: model.version,
    policyVersion: deps.policy.version,
    inputsSha256: inputsDigest(inputs, names),
  };
  const at = deps.clock();
  const same = await deps.store.findSame(key);
  if (same) {
    await deps.store.touch({ id: same.id, at });
    return { assessment: same, isNew: false };
  }

  const result = scorecard.explain(inputs);
  const decision = decideRisk({
    policy: deps.policy,
    probabilityOfDefault: result.probabilityOfDefault,
    requestedAmount: amount,
    product,
  });
  const id = randomUUID();
  const evidence = await deps.evidence.prepare({
    type: 'risk.decision',
    applicationId: app.id,
    actor,
    capture: actor.accountId === null ? undefined : capture,
    at,
    record: {
      kind: 'risk.assessment',
      assessmentId: id,
      applicationId: app.id,
      model: { id: model.id, version: model.version, kind: model.kind },
      policyVersion: decision.policyVersion,
      inputsSha256: key.inputsSha256,
      bureauResponseSha256: bureau?.responseSha256 ?? null,
      score: result.score,
      probabilityOfDefault: result.probabilityOfDefault.toFixed(6),
      grade: decision.grade,
      recommendation: decision.recommendation,
      recommendedLimit: decision.recommendedLimit,
      recommendedAnnualRate: decision.recommendedAnnualRate,
      reasons: result.reasons.map((r) => r.code),
      at: at.toISOString(),
    },
  });
  const assessment: RiskAssessmentRecord = {
    id,
    applicationId: app.id,
    model: { id: model.id, version: model.version, kind: model.kind, label: { ...model.label } },
    policyVersion: decision.policyVersion,
    inputsSha256: key.inputsSha256,
    score: result.score,
    probabilityOfDefault: result.probabilityOfDefault,
    grade: decision.grade,
    recommendation: decision.recommendation,
    recommendedLimit: decision.recommendedLimit,
    recommendedAnnualRate: decision.recommendedAnnualRate,
    reasons: result.reasons,
    characteristics: result.characteristics,
    bureau,
    override: null,
    leafHash: evidence.leafHash.toString('hex'),
    assessedAt: at,
    lastRunAt: at,
  };
  const stored = await deps.store.add({
    assessment,
    monitoring: monitoringAttributesOf(app, at),
    evidence,
  });
  deps.evidence.sequence();
  return { assessment: stored, isNew: stored.id === id };
}
