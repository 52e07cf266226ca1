import type { OperationsDashboard } from '../../contracts/operations.schema';
import { buildFunnel, currentByState } from '../../core/operations/funnel';
import { summariseDurations } from '../../core/operations/percentiles';
import { breachCutoff, findSlaBreaches } from '../../core/operations/sla';
import { workPerRole } from '../../core/operations/work-per-role';
import type { OperationsDeps } from './operations-deps';

const DAY = 86_400_000;

/**
 * The operations dashboard for the last `days` days: the funnel of the applications submitted in the
 * period, every application by current state, times from submission to decision and to disbursement
 * (median and p90, nearest rank), work waiting per role now, and the SLA breaches now.
 */
export async function readDashboard({
  deps,
  days,
}: {
  deps: OperationsDeps;
  days: number;
}): Promise<OperationsDashboard> {
  const now = deps.clock();
  const since = new Date(now.getTime() - days * DAY);
  const policy = deps.slaPolicy;
  const cutoffs = policy.rules.map((r) => ({
    state: r.state,
    before: breachCutoff({ policy, state: r.state, now })!,
  }));
  const m = deps.readModel;
  const [reached, current, times, approvedWithoutContract, riskControlNotSubmitted, openCases, candidates] =
    await Promise.all([
      m.reachedByStatus(since),
      m.currentByStatus(),
      m.times(since),
      m.approvedWithoutContract(),
      m.riskControlNotSubmitted(),
      m.pendingApprovalCases(),
      m.enteredBefore(cutoffs),
    ]);
  const breaches = findSlaBreaches({ policy, applications: candidates, now });
  const funnel = buildFunnel(reached);
  const span = (end: Date | null, start: Date) => (end ? end.getTime() - start.getTime() : NaN);
  return {
    periodDays: days,
    from: since.toISOString(),
    generatedAt: now.toISOString(),
    percentileMethod: 'nearest-rank',
    submitted: funnel[0]!.reached,
    funnel: funnel.map((f) => ({ ...f })),
    currentByState: currentByState(current),
    times: {
      submissionToDecision: summariseDurations(times.map((t) => span(t.decidedAt, t.submittedAt))),
      submissionToDisbursement: summariseDurations(times.map((t) => span(t.disbursedAt, t.submittedAt))),
    },
    workPerRole: workPerRole({
      statusCounts: current,
      approvedWithoutContract,
      riskControlNotSubmitted,
      openCases,
    }).map((r) => ({ role: r.role, total: r.total, queues: r.queues.map((q) => ({ ...q })) })),
    sla: {
      policyVersion: policy.version,
      rules: policy.rules.map((r) => ({ state: r.state, maxHours: r.maxHours, label: { ...r.label } })),
      breachCount: breaches.length,
      breaches: breaches.slice(0, 100).map((b) => ({
        applicationId: b.applicationId,
        reference: b.reference,
        state: b.state,
        since: b.since.toISOString(),
        maxHours: b.maxHours,
        hoursOver: b.hoursOver,
      })),
    },
  };
}
