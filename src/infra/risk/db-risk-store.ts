import type { Kysely, Selectable } from 'kysely';
import type { RiskGrade, RiskRecommendation } from '../../core/risk/decision-policy';
import type { CharacteristicResult, ReasonCode } from '../../core/risk/score-applicant';
import type { LocalisedLabel } from '../../core/risk/scorecard-model';
import type {
  BureauSummary,
  MonitoringRow,
  OverrideReasonCode,
  RiskAssessmentRecord,
  RiskStore,
} from '../../features/risk/risk-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database, RiskAssessmentsTable } from '../db/database';
import { queueEvidence } from '../ledger/queue-evidence';

/**
 * Risk assessments in PostgreSQL/PGlite. The applicant's characteristic values, the bureau's facts and
 * override texts are envelope-encrypted; scores, grades, model and policy versions and hashes are not
 * personal and stay in clear for monitoring. Evidence goes to the ledger's outbox in the same
 * transaction as the write it attests.
 */
export function createDbRiskStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): RiskStore {
  const toRecord = (r: Selectable<RiskAssessmentsTable>): RiskAssessmentRecord => {
    const bureau: BureauSummary | null =
      r.bureau_provider === null
        ? null
        : {
            provider: r.bureau_provider,
            reportId: r.bureau_report_id ?? '',
            retrievedAt: r.bureau_retrieved_at ?? r.assessed_at,
            responseSha256: r.bureau_response_sha256 ?? '',
            facts: r.bureau_facts_enc
              ? (JSON.parse(cipher.decrypt(r.bureau_facts_enc)) as BureauSummary['facts'])
              : [],
          };
    return {
      id: r.id,
      applicationId: r.application_id,
      model: {
        id: r.model_id,
        version: r.model_version,
        kind: r.model_kind,
        label: r.model_label as LocalisedLabel,
      },
      policyVersion: r.policy_version,
      inputsSha256: r.inputs_sha256,
      score: r.score,
      probabilityOfDefault: r.pd,
      grade: r.grade as RiskGrade,
      recommendation: r.recommendation as RiskRecommendation,
      recommendedLimit: r.recommended_limit,
      recommendedAnnualRate: r.recommended_rate,
      reasons: r.reasons as ReasonCode[],
      characteristics: JSON.parse(cipher.decrypt(r.characteristics_enc)) as CharacteristicResult[],
      bureau,
      override:
        r.override_decision === null || r.override_at === null
          ? null
          : {
              decision: r.override_decision as RiskRecommendation,
              reasonCode: r.override_reason_code as OverrideReasonCode,
              text: r.override_text_enc ? cipher.decrypt(r.override_text_enc) : '',
              byAccountId: r.override_by ?? '',
              byRole: r.override_by_role ?? '',
              at: r.override_at,
            },
      leafHash: r.leaf_hash,
      assessedAt: r.assessed_at,
      lastRunAt: r.last_run_at,
    };
  };

  const findById = async (id: string) => {
    const row = await db.selectFrom('risk_assessments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  };

  return {
    async findSame(key) {
      const row = await db
        .selectFrom('risk_assessments')
        .selectAll()
        .where('application_id', '=', key.applicationId)
        .where('model_id', '=', key.modelId)
        .where('model_version', '=', key.modelVersion)
        .where('policy_version', '=', key.policyVersion)
        .where('inputs_sha256', '=', key.inputsSha256)
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async add({ assessment: a, monitoring, evidence }) {
      const insertedId = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('risk_assessments')
          .values({
            id: a.id,
            application_id: a.applicationId,
            model_id: a.model.id,
            model_version: a.model.version,
            model_kind: a.model.kind,
            model_label: JSON.stringify(a.model.label),
            policy_version: a.policyVersion,
            inputs_sha256: a.inputsSha256,
            score: a.score,
            pd: a.probabilityOfDefault,
            grade: a.grade,
            recommendation: a.recommendation,
            recommended_limit: a.recommendedLimit,
            recommended_rate: a.recommendedAnnualRate,
            reasons: JSON.stringify(a.reasons),
            characteristics_enc: cipher.encrypt(JSON.stringify(a.characteristics)),
            bureau_provider: a.bureau?.provider ?? null,
            bureau_report_id: a.bureau?.reportId ?? null,
            bureau_retrieved_at: a.bureau?.retrievedAt ?? null,
            bureau_response_sha256: a.bureau?.responseSha256 ?? null,
            bureau_facts_enc: a.bureau ? cipher.encrypt(JSON.stringify(a.bureau.facts)) : null,
            leaf_hash: a.leafHash,
            assessed_at: a.assessedAt,
            last_run_at: a.lastRunAt,
          })
          .onConflict((oc) =>
            oc
              .columns(['application_id', 'model_id', 'model_version', 'policy_version', 'inputs_sha256'])
              .doNothing(),
          )
          .returning('id')
          .executeTakeFirst();
        if (!inserted) return undefined;
        await trx
          .insertInto('risk_monitoring_attributes')
          .values({ assessment_id: a.id, sex: monitoring.sex, age_band: monitoring.ageBand })
          .execute();
        await queueEvidence(trx, [evidence]);
        return inserted.id;
      });
      if (insertedId) return a;
      const same = await db
        .selectFrom('risk_assessments')
        .selectAll()
        .where('application_id', '=', a.applicationId)
        .where('model_id', '=', a.model.id)
        .where('model_version', '=', a.model.version)
        .where('policy_version', '=', a.policyVersion)
        .where('inputs_sha256', '=', a.inputsSha256)
        .executeTakeFirstOrThrow();
      return toRecord(same);
    },

    async touch({ id, at }) {
      await db.updateTable('risk_assessments').set({ last_run_at: at }).where('id', '=', id).execute();
    },

    async latestOf(applicationId) {
      const row = await db
        .selectFrom('risk_assessments')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('last_run_at', 'desc')
        .orderBy('assessed_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async setOverride({ id, override: o, evidence }) {
      const updated = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('risk_assessments')
          .set({
            override_decision: o.decision,
            override_reason_code: o.reasonCode,
            override_text_enc: cipher.encrypt(o.text),
            override_by: o.byAccountId,
            override_by_role: o.byRole,
            override_at: o.at,
          })
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        await queueEvidence(trx, [evidence]);
        return true;
      });
      return updated ? findById(id) : undefined;
    },

    async monitoringRows() {
      const rows = await db
        .selectFrom('risk_assessments as a')
        .leftJoin('risk_monitoring_attributes as m', 'm.assessment_id', 'a.id')
        .distinctOn('a.application_id')
        .select([
          'a.model_id',
          'a.model_version',
          'a.score',
          'a.recommendation',
          'a.override_decision',
          'a.override_reason_code',
          'm.sex',
          'm.age_band',
        ])
        .orderBy('a.application_id')
        .orderBy('a.last_run_at', 'desc')
        .orderBy('a.assessed_at', 'desc')
        .execute();
      return rows.map((r): MonitoringRow => ({
        modelId: r.model_id,
        modelVersion: r.model_version,
        score: r.score,
        recommendation: r.recommendation as RiskRecommendation,
        finalRecommendation: (r.override_decision ?? r.recommendation) as RiskRecommendation,
        overrideReason: (r.override_reason_code as OverrideReasonCode | null) ?? null,
        sex: (r.sex as 'male' | 'female' | null) ?? null,
        ageBand: r.age_band ?? null,
      }));
    },
  };
}
