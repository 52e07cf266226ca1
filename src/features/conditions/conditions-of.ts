import { isCaseworker, type Actor } from '../../core/accounts/roles';
import {
  checklistFor,
  conditionStatuses,
  isConditionCode,
  openForConditions,
  type ConditionRule,
  type ConditionStatus,
} from '../../core/conditions/checklist';
import { AppError } from '../../core/errors';
import type { ConditionApplication, ConditionsDeps } from './conditions-deps';
import type { ConditionResolutionRecord } from './conditions-store.port';

export interface ConditionState {
  rule: ConditionRule;
  status: ConditionStatus;
  /** The tick or waiver in force, if any. */
  inForce: ConditionResolutionRecord | undefined;
  /** Earlier ticks and waivers, revoked. */
  revoked: ConditionResolutionRecord[];
}

/** The application's checklist with each condition's status, from its ticks and waivers in force. */
export async function conditionsOf(
  deps: Pick<ConditionsDeps, 'store' | 'checklist'>,
  app: Pick<ConditionApplication, 'id' | 'kind' | 'productCode'>,
): Promise<ConditionState[]> {
  const rules = checklistFor({ checklist: deps.checklist, productCode: app.productCode, kind: app.kind });
  const all = await deps.store.listByApplication(app.id);
  const inForce = all.filter((r) => r.revoked === null);
  return conditionStatuses(rules, inForce).map(({ rule, status }) => ({
    rule,
    status,
    inForce: inForce.find((r) => r.code === rule.code),
    revoked: all.filter((r) => r.code === rule.code && r.revoked !== null),
  }));
}

/**
 * The application if `actor` may see it: its own borrower, or a caseworker. Anyone else gets
 * APPLICATION_NOT_FOUND, the same answer as for an id that does not exist (no probing of ids).
 */
export async function loadConditionApplication({
  deps,
  actor,
  id,
}: {
  deps: Pick<ConditionsDeps, 'applications'>;
  actor: Actor;
  id: string;
}): Promise<ConditionApplication> {
  const app = await deps.applications.find(id);
  if (!app || !(app.borrowerAccountId === actor.accountId || isCaseworker(actor.role)))
    throw new AppError('APPLICATION_NOT_FOUND');
  return app;
}

/** The application (if the actor may see it) and the condition `code` of its checklist. */
export async function loadCondition({
  deps,
  actor,
  applicationId,
  code,
}: {
  deps: Pick<ConditionsDeps, 'store' | 'checklist' | 'applications'>;
  actor: Actor;
  applicationId: string;
  code: string;
}): Promise<{ app: ConditionApplication; state: ConditionState }> {
  const app = await loadConditionApplication({ deps, actor, id: applicationId });
  const state = isConditionCode(code)
    ? (await conditionsOf(deps, app)).find((s) => s.rule.code === code)
    : undefined;
  if (!state) throw new AppError('CONDITION_NOT_FOUND', undefined, { code });
  return { app, state };
}

/** Refuses a change to the conditions of an application outside the states that allow it. */
export function assertOpenForConditions(app: ConditionApplication): void {
  if (!(openForConditions as readonly string[]).includes(app.status))
    throw new AppError(
      'CONDITIONS_CLOSED',
      `Conditions precedent are changed in risk control, approval and after signing, not when the application is ${app.status}`,
      { status: app.status },
    );
}

/** The store's refusal, as the error the caller sees. */
export function refusal(outcome: 'already_resolved' | 'not_resolved' | 'disbursement_exists'): AppError {
  if (outcome === 'already_resolved') return new AppError('CONDITION_ALREADY_RESOLVED');
  if (outcome === 'not_resolved') return new AppError('CONDITION_NOT_RESOLVED');
  return new AppError('CONDITIONS_CLOSED', 'The loan’s disbursement has been requested', {
    status: 'disbursing',
  });
}
