import { sql, type Kysely } from 'kysely';
import type { ApprovalOutcome } from '../../core/approval/approval-progress';
import type { ApprovalStep } from '../../core/approval/authority-matrix';
import type { OperationsReadModel } from '../../features/operations/operations-read-model.port';
import type { Database } from '../db/database';

const counts = (rows: readonly { k: string; n: string | number }[]): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));

/**
 * The dashboard's reads as SQL aggregates over applications, application_events and approval cases.
 * Indexes (migrations 0001, 0008, 0013): applications (status, updated_at) and (submitted_at);
 * application_events (application_id, seq) and (to_status, application_id); approval_cases' open one.
 */
export function createDbOperationsReadModel({ db }: { db: Kysely<Database> }): OperationsReadModel {
  return {
    async reachedByStatus(since) {
      const { rows } = await sql<{ k: string; n: string }>`
        select e.to_status as k, count(distinct e.application_id) as n
        from applications a join application_events e on e.application_id = a.id
        where a.submitted_at >= ${since}
        group by e.to_status`.execute(db);
      return counts(rows);
    },

    async currentByStatus() {
      const { rows } = await sql<{ k: string; n: string }>`
        select status as k, count(*) as n from applications group by status`.execute(db);
      return counts(rows);
    },

    async times(since) {
      const { rows } = await sql<{ submitted_at: Date; decided_at: Date | null; disbursed_at: Date | null }>`
        select a.submitted_at,
          min(e.at) filter (where e.to_status in ('approved', 'rejected')) as decided_at,
          min(e.at) filter (where e.to_status = 'disbursed') as disbursed_at
        from applications a
        join application_events e on e.application_id = a.id
          and e.to_status in ('approved', 'rejected', 'disbursed') and e.at >= a.submitted_at
        where a.submitted_at >= ${since}
        group by a.id, a.submitted_at`.execute(db);
      return rows.map((r) => ({
        submittedAt: new Date(r.submitted_at),
        decidedAt: r.decided_at && new Date(r.decided_at),
        disbursedAt: r.disbursed_at && new Date(r.disbursed_at),
      }));
    },

    async approvedWithoutContract() {
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from applications a
        where a.status = 'approved' and not exists (select 1 from contracts c where c.application_id = a.id)`.execute(
        db,
      );
      return Number(rows[0]?.n ?? 0);
    },

    async riskControlNotSubmitted() {
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from applications a
        where a.status = 'risk_control' and not exists (
          select 1 from approval_cases c
          where c.application_id = a.id and c.status in ('pending', 'awaiting_borrower'))`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },

    async pendingApprovalCases() {
      const cases = await db
        .selectFrom('approval_cases')
        .select(['id', 'steps', 'terms_version'])
        .where('status', '=', 'pending')
        .execute();
      if (cases.length === 0) return [];
      const decisions = await db
        .selectFrom('approval_decisions')
        .select(['case_id', 'step_index', 'decided_by', 'outcome', 'terms_version'])
        .where(
          'case_id',
          'in',
          cases.map((c) => c.id),
        )
        .orderBy('case_id')
        .orderBy('seq')
        .execute();
      return cases.map((c) => ({
        steps: (typeof c.steps === 'string' ? JSON.parse(c.steps) : c.steps) as ApprovalStep[],
        termsVersion: c.terms_version,
        decisions: decisions
          .filter((d) => d.case_id === c.id)
          .map((d) => ({
            stepIndex: d.step_index,
            deciderId: d.decided_by,
            outcome: d.outcome as ApprovalOutcome,
            termsVersion: d.terms_version,
          })),
      }));
    },

    async enteredBefore(cutoffs) {
      if (cutoffs.length === 0) return [];
      const cases = sql.join(
        cutoffs.map((c) => sql`when ${c.state} then ${c.before}::timestamptz`),
        sql` `,
      );
      const { rows } = await sql<{ id: string; reference: string; status: string; since: Date }>`
        select a.id, a.reference, a.status, max(e.at) as since
        from applications a
        join application_events e on e.application_id = a.id and e.to_status = a.status
        where a.status in (${sql.join(cutoffs.map((c) => c.state))})
        group by a.id, a.reference, a.status
        having max(e.at) < (case a.status ${cases} end)`.execute(db);
      return rows.map((r) => ({
        applicationId: r.id,
        reference: r.reference,
        state: r.status,
        since: new Date(r.since),
      }));
    },
  };
}
