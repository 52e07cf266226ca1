import { AppError } from '../errors';

/**
 * The loan application lifecycle (申请生命周期). Every state change goes through `assertTransition`;
 * the application's event history records each one with actor, time and reason.
 */
export const applicationStatuses = [
  'draft',
  'submitted',
  'screening',
  'rejected',
  'under_review',
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'risk_control',
  'approved',
  'contract_signed',
  'disbursed',
  'withdrawn',
  'expired',
] as const;

export type ApplicationStatus = (typeof applicationStatuses)[number];

/** Who causes a transition: the borrower, a staff member, or the system itself (screening, expiry). */
export type TransitionActor = 'borrower' | 'staff' | 'system';

type TransitionTable = {
  readonly [S in ApplicationStatus]: Partial<Record<ApplicationStatus, readonly TransitionActor[]>>;
};

const B = 'borrower' as const;
const S = 'staff' as const;
const SYS = 'system' as const;

/** Allowed transitions and who may cause each. Anything not listed is illegal. */
export const transitionTable: TransitionTable = {
  draft: { submitted: [B], withdrawn: [B], expired: [SYS] },
  submitted: { screening: [SYS] },
  screening: { rejected: [SYS], under_review: [SYS] },
  under_review: { identity_verified: [S, SYS], rejected: [S], withdrawn: [B], expired: [SYS] },
  identity_verified: { interview_scheduled: [B, S], rejected: [S], withdrawn: [B], expired: [SYS] },
  interview_scheduled: {
    interviewed: [S],
    identity_verified: [B, S],
    rejected: [S],
    withdrawn: [B],
    expired: [SYS],
  },
  interviewed: { risk_control: [S, SYS], rejected: [S], withdrawn: [B] },
  risk_control: { approved: [S], rejected: [S], withdrawn: [B] },
  approved: { contract_signed: [SYS], withdrawn: [B], expired: [SYS] },
  contract_signed: { disbursed: [SYS] },
  rejected: {},
  disbursed: {},
  withdrawn: {},
  expired: {},
};

/** States from which nothing further happens. */
export const terminalStatuses: readonly ApplicationStatus[] = applicationStatuses.filter(
  (s) => Object.keys(transitionTable[s]).length === 0,
);

/** True when `actor` may move an application from `from` to `to`. */
export function canTransition({
  from,
  to,
  actor,
}: {
  from: ApplicationStatus;
  to: ApplicationStatus;
  actor: TransitionActor;
}): boolean {
  return transitionTable[from][to]?.includes(actor) ?? false;
}

/**
 * Throws `ILLEGAL_TRANSITION` unless `actor` may move an application from `from` to `to`.
 * The details name both states so that the caller's 409 answer says exactly what was refused.
 */
export function assertTransition({
  from,
  to,
  actor,
}: {
  from: ApplicationStatus;
  to: ApplicationStatus;
  actor: TransitionActor;
}): void {
  if (!canTransition({ from, to, actor })) {
    throw new AppError('ILLEGAL_TRANSITION', `Cannot move an application from ${from} to ${to} (${actor})`, {
      from,
      to,
      actor,
    });
  }
}

/** The states an actor may move an application to from `from`. */
export function nextStatuses({
  from,
  actor,
}: {
  from: ApplicationStatus;
  actor: TransitionActor;
}): ApplicationStatus[] {
  return applicationStatuses.filter((to) => canTransition({ from, to, actor }));
}
