import { sql, type Kysely } from 'kysely';

/**
 * Risk assessments (docs/risk.md):
 *
 * - `risk_assessments`: one run of a model on an application — model id, version and kind, the
 *   decision policy's version, the SHA-256 of the model's inputs, score, PD, grade, recommendation,
 *   limit and rate, reason codes; the applicant's characteristic values and the bureau's facts only
 *   encrypted (they are personal), the bureau's provider, report number and response hash in clear;
 *   the override (decision, reason code, encrypted text, who, when). One row per application, model,
 *   policy and inputs: re-running with the same inputs finds it again (`last_run_at` moves).
 * - `risk_monitoring_attributes`: sex and age band derived from the applicant's ID number, kept apart
 *   for fairness monitoring only and never given to a model.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table risk_assessments (
      id uuid primary key,
      application_id uuid not null references applications (id),
      model_id text not null,
      model_version text not null,
      model_kind text not null check (model_kind in ('trained', 'expert')),
      model_label jsonb not null,
      policy_version text not null,
      inputs_sha256 text not null,
      score integer not null,
      pd double precision not null,
      grade text not null check (grade in ('A', 'B', 'C', 'D', 'E')),
      recommendation text not null check (recommendation in ('approve', 'refer', 'decline')),
      recommended_limit numeric(15, 2) not null,
      recommended_rate numeric(7, 4) not null,
      reasons jsonb not null,
      characteristics_enc text not null,
      bureau_provider text,
      bureau_report_id text,
      bureau_retrieved_at timestamptz,
      bureau_response_sha256 text,
      bureau_facts_enc text,
      leaf_hash text not null,
      override_decision text check (override_decision in ('approve', 'refer', 'decline')),
      override_reason_code text,
      override_text_enc text,
      override_by uuid references accounts (id),
      override_by_role text,
      override_at timestamptz,
      assessed_at timestamptz not null,
      last_run_at timestamptz not null,
      unique (application_id, model_id, model_version, policy_version, inputs_sha256)
    )`.execute(db);
  await sql`create index risk_assessments_latest on risk_assessments (application_id, last_run_at)`.execute(
    db,
  );

  await sql`
    create table risk_monitoring_attributes (
      assessment_id uuid primary key references risk_assessments (id),
      sex text check (sex in ('male', 'female')),
      age_band text
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists risk_monitoring_attributes`.execute(db);
  await sql`drop table if exists risk_assessments`.execute(db);
}
