import type {
  BorrowerConditionsView,
  ConditionResolutionView,
  ConditionsView,
} from '../../contracts/conditions.schema';
import type { Actor } from '../../core/accounts/roles';
import { mayTick, openForConditions } from '../../core/conditions/checklist';
import { AppError } from '../../core/errors';
import type { ConditionsDeps } from './conditions-deps';
import type { ConditionResolutionRecord } from './conditions-store.port';
import { conditionsOf, loadConditionApplication } from './conditions-of';

const viewResolution = (r: ConditionResolutionRecord): ConditionResolutionView => ({
  id: r.id,
  kind: r.kind,
  note: r.note,
  checklistVersion: r.checklistVersion,
  by: { accountId: r.resolvedBy, role: r.resolvedByRole },
  at: r.resolvedAt.toISOString(),
  evidence: r.file && {
    filename: r.file.filename,
    contentType: r.file.contentType,
    sizeBytes: r.file.sizeBytes,
    sha256: r.file.sha256,
  },
  revoked: r.revoked && {
    by: { accountId: r.revoked.by, role: r.revoked.role },
    at: r.revoked.at.toISOString(),
    reason: r.revoked.reason,
  },
});

/** The checklist of an application for caseworkers: each condition's status, evidence, who and when. */
export async function listConditions({
  deps,
  actor,
  applicationId,
}: {
  deps: ConditionsDeps;
  actor: Actor;
  applicationId: string;
}): Promise<ConditionsView> {
  const app = await loadConditionApplication({ deps, actor, id: applicationId });
  const states = await conditionsOf(deps, app);
  const isOpen = (openForConditions as readonly string[]).includes(app.status);
  return {
    applicationId: app.id,
    applicationStatus: app.status,
    checklistVersion: deps.checklist.version,
    isOpen,
    outstanding: states.filter((s) => s.status === 'outstanding').map((s) => s.rule.code),
    items: states.map((s) => ({
      code: s.rule.code,
      title: s.rule.title,
      evidenceRequired: s.rule.evidence,
      tickRoles: [...s.rule.tickRoles],
      isWaivable: s.rule.isWaivable,
      status: s.status,
      resolution: s.inForce ? viewResolution(s.inForce) : null,
      history: s.revoked.map(viewResolution),
      mayTick: isOpen && !s.inForce && mayTick(s.rule, actor.role),
      mayRevoke: isOpen && !!s.inForce && ['loan_officer', 'risk_officer'].includes(actor.role),
      mayWaive: isOpen && !s.inForce && s.rule.isWaivable && actor.role === 'approver',
    })),
  };
}

/** The checklist for the borrower who owns the application: titles and status only. */
export async function listBorrowerConditions({
  deps,
  actor,
  applicationId,
}: {
  deps: ConditionsDeps;
  actor: Actor;
  applicationId: string;
}): Promise<BorrowerConditionsView> {
  const app = await loadConditionApplication({ deps, actor, id: applicationId });
  if (app.borrowerAccountId !== actor.accountId) throw new AppError('APPLICATION_NOT_FOUND');
  const states = await conditionsOf(deps, app);
  return {
    applicationId: app.id,
    checklistVersion: deps.checklist.version,
    items: states.map((s) => ({ code: s.rule.code, title: s.rule.title, status: s.status })),
  };
}
