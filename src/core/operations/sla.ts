import type { ApplicationStatus } from '../application/lifecycle';

/**
 * Service levels (SLA) for the states where the platform, not the borrower, owes the next step:
 * how long an application may stay in a state before it is a breach. Versioned: a change is a new
 * policy, and the dashboard says which one it applied.
 */
export interface SlaRule {
  readonly state: ApplicationStatus;
  /** Maximum hours in the state, counted from entering it. */
  readonly maxHours: number;
  /** What the step is, for people. */
  readonly label: { readonly 'zh-CN': string; readonly en: string };
}

export interface SlaPolicy {
  readonly version: string;
  readonly rules: readonly SlaRule[];
}

export const slaPolicy2026v1: SlaPolicy = {
  version: 'sla-2026.1',
  rules: [
    { state: 'under_review', maxHours: 48, label: { 'zh-CN': '待审核', en: 'Review' } },
    { state: 'risk_control', maxHours: 72, label: { 'zh-CN': '风控审批', en: 'Risk control and approval' } },
    {
      state: 'approved',
      maxHours: 7 * 24,
      label: { 'zh-CN': '批准至签约', en: 'Approval to signed contract' },
    },
    {
      state: 'contract_signed',
      maxHours: 24,
      label: { 'zh-CN': '签约至放款', en: 'Signed contract to disbursement' },
    },
  ],
};

/** An application in an SLA state, and since when it has been in it. */
export interface InState {
  readonly applicationId: string;
  readonly reference: string;
  readonly state: string;
  readonly since: Date;
}

export interface SlaBreach {
  readonly applicationId: string;
  readonly reference: string;
  readonly state: ApplicationStatus;
  readonly since: Date;
  readonly maxHours: number;
  /** Hours beyond the limit, rounded down to one decimal (always > 0). */
  readonly hoursOver: number;
}

/** The applications over their state's limit at `now`, the longest over first. */
export function findSlaBreaches({
  policy,
  applications,
  now,
}: {
  policy: SlaPolicy;
  applications: readonly InState[];
  now: Date;
}): SlaBreach[] {
  const breaches: SlaBreach[] = [];
  for (const a of applications) {
    const rule = policy.rules.find((r) => r.state === a.state);
    if (!rule) continue;
    const over = (now.getTime() - a.since.getTime()) / 3_600_000 - rule.maxHours;
    if (over <= 0) continue;
    breaches.push({
      applicationId: a.applicationId,
      reference: a.reference,
      state: rule.state,
      since: a.since,
      maxHours: rule.maxHours,
      hoursOver: Math.max(Math.floor(over * 10) / 10, 0.1),
    });
  }
  return breaches.sort((x, y) => y.hoursOver - x.hoursOver || x.reference.localeCompare(y.reference));
}

/** The earliest entry time that is still within the limit of `state` (for a SQL pre-filter); null when the state has no rule. */
export function breachCutoff({
  policy,
  state,
  now,
}: {
  policy: SlaPolicy;
  state: string;
  now: Date;
}): Date | null {
  const rule = policy.rules.find((r) => r.state === state);
  return rule ? new Date(now.getTime() - rule.maxHours * 3_600_000) : null;
}
